package dev.surge.load;

import org.HdrHistogram.Histogram;

/**
 * What the connections of one event loop measured. Written only by that loop's thread, with
 * no lock or atomic: the reporter reads it by running {@link #drainInto} on the same loop, once
 * a second, which moves the interval's figures into its own snapshot.
 */
final class LoopStats {
    /** Latencies up to an hour, in µs, to three significant digits (0.1 %). */
    static final long MAX_MICROS = 3_600_000_000L;

    final Histogram interval = newHistogram();
    final long[] statuses = new long[1000];
    final long[] errors = new long[ErrorKind.values().length];
    long responses;
    long bytes;
    long sent;

    static Histogram newHistogram() {
        return new Histogram(1, MAX_MICROS, 3);
    }

    /** One response that took {@code nanos}. */
    void record(long nanos, int status) {
        long micros = nanos / 1000;
        interval.recordValue(micros < 1 ? 1 : Math.min(micros, MAX_MICROS));
        statuses[status]++;
        responses++;
    }

    void error(ErrorKind kind, int requests) {
        errors[kind.ordinal()] += requests;
    }

    /** Adds what was measured since the last call to {@code into} and starts a new interval. */
    void drainInto(Snapshot into) {
        into.latency.add(interval);
        interval.reset();
        into.responses += responses;
        into.bytes += bytes;
        into.sent += sent;
        for (int i = 0; i < statuses.length; i++) {
            into.statuses[i] += statuses[i];
        }
        for (int i = 0; i < errors.length; i++) {
            into.errors[i] += errors[i];
        }
        responses = 0;
        bytes = 0;
        sent = 0;
        java.util.Arrays.fill(statuses, 0);
        java.util.Arrays.fill(errors, 0);
    }
}
