package dev.surge.load;

import org.HdrHistogram.Histogram;

/** Figures summed over the event loops for a stretch of the run (a second, or the whole run). */
final class Snapshot {
    /** Every response's latency, whatever its status. */
    final Histogram latency = LoopStats.newHistogram();
    /** The non-2xx responses' latency (also in {@link #latency}). */
    final Histogram non2xxLatency = LoopStats.newHistogram();
    final long[] statuses = new long[1000];
    final long[] errors = new long[ErrorKind.values().length];
    long responses;
    long bytes;
    long sent;
    /** Requests that failed (read, timeout, reset) on a connection before its first response. */
    long newConnectionErrors;

    void add(Snapshot other) {
        latency.add(other.latency);
        non2xxLatency.add(other.non2xxLatency);
        newConnectionErrors += other.newConnectionErrors;
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

    /** The 2xx responses' latency: all of them but the non-2xx. */
    Histogram latency2xx() {
        Histogram ok = latency.copy();
        ok.subtract(non2xxLatency);
        return ok;
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
