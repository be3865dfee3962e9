package dev.surge.observe;

/**
 * The upper bounds of the request latency histogram, 100 µs to 10 s in 1-2.5-5 steps, and
 * the last, +Inf. Requests are recorded in nanoseconds and found by a linear scan from the
 * smallest bound: a fast answer, the common case, is found at the first comparison.
 */
final class LatencyBuckets {
    /** The bounds in seconds, as exposed ({@code le} labels), +Inf last. */
    static final double[] SECONDS = {
            0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
            Double.POSITIVE_INFINITY};
    /** How many buckets there are, +Inf included. */
    static final int COUNT = SECONDS.length;
    private static final long[] NANOS = new long[COUNT - 1];

    static {
        for (int i = 0; i < NANOS.length; i++) {
            NANOS[i] = Math.round(SECONDS[i] * 1e9);
        }
    }

    private LatencyBuckets() {
    }

    /** The bucket of a request that took {@code nanos}: the first whose bound it does not exceed. */
    static int of(long nanos) {
        int i = 0;
        while (i < NANOS.length && nanos > NANOS[i]) {
            i++;
        }
        return i;
    }
}
