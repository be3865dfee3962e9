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
    /** The interval's non-2xx responses again, apart: a refusal's latency is not a served request's. */
    final Histogram non2xx = newHistogram();
    final long[] statuses = new long[1000];
    final long[] errors = new long[ErrorKind.values().length];
    long responses;
    long bytes;
    long sent;
    /** Of the errors, the requests that failed on a connection before its first response. */
    long newConnectionErrors;

    static Histogram newHistogram() {
        return new Histogram(1, MAX_MICROS, 3);
    }

    /** One response that took {@code nanos}. */
    void record(long nanos, int status) {
        long micros = nanos / 1000;
        long value = micros < 1 ? 1 : Math.min(micros, MAX_MICROS);
        interval.recordValue(value);
        if (status < 200 || status > 299) {
            non2xx.recordValue(value);
        }
        statuses[status]++;
        responses++;
    }

    /** {@code requests} failed for {@code kind}; {@code answered}: whether their connection had answered before. */
    void error(ErrorKind kind, int requests, boolean answered) {
        errors[kind.ordinal()] += requests;
        if (!answered && kind != ErrorKind.CONNECT) {
            newConnectionErrors += requests;
        }
    }

    /** Adds what was measured since the last call to {@code into} and starts a new interval. */
    void drainInto(Snapshot into) {
        into.latency.add(interval);
        into.non2xxLatency.add(non2xx);
        interval.reset();
        non2xx.reset();
        into.responses += responses;
        into.bytes += bytes;
        into.sent += sent;
        into.newConnectionErrors += newConnectionErrors;
        for (int i = 0; i < statuses.length; i++) {
            into.statuses[i] += statuses[i];
        }
        for (int i = 0; i < errors.length; i++) {
            into.errors[i] += errors[i];
        }
        responses = 0;
        bytes = 0;
        sent = 0;
        newConnectionErrors = 0;
        java.util.Arrays.fill(statuses, 0);
        java.util.Arrays.fill(errors, 0);
    }
}
