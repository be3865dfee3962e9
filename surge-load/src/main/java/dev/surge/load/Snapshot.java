package dev.surge.load;

import org.HdrHistogram.Histogram;

/** Figures summed over the event loops for a stretch of the run (a second, or the whole run). */
final class Snapshot {
    final Histogram latency = LoopStats.newHistogram();
    final long[] statuses = new long[1000];
    final long[] errors = new long[ErrorKind.values().length];
    long responses;
    long bytes;
    long sent;

    void add(Snapshot other) {
        latency.add(other.latency);
        responses += other.responses;
        bytes += other.bytes;
        sent += other.sent;
        for (int i = 0; i < statuses.length; i++) {
            statuses[i] += other.statuses[i];
        }
        for (int i = 0; i < errors.length; i++) {
            errors[i] += other.errors[i];
        }
    }

    long errorCount() {
        long n = 0;
        for (long e : errors) {
            n += e;
        }
        return n;
    }

    /** Responses whose status is not 2xx. */
    long non2xx() {
        long n = 0;
        for (int s = 0; s < statuses.length; s++) {
            if (s < 200 || s > 299) {
                n += statuses[s];
            }
        }
        return n;
    }
}
