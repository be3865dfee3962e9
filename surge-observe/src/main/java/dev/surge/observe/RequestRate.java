package dev.surge.observe;

import java.util.function.LongSupplier;

/**
 * Requests per second over the last whole second (the seed's {@code service_qps}): the
 * count of answered requests, sampled once a second by {@link Metrics}' timer, and the
 * difference from the sample before.
 */
final class RequestRate {
    private final LongSupplier answered;
    private long lastCount;
    private long lastNanos;
    private volatile double perSecond;

    RequestRate(LongSupplier answered) {
        this.answered = answered;
        this.lastCount = answered.getAsLong();
        this.lastNanos = System.nanoTime();
    }

    /** Takes a sample; called by one thread, about once a second. */
    synchronized void sample() {
        long count = answered.getAsLong();
        long now = System.nanoTime();
        if (now > lastNanos) {
            perSecond = (count - lastCount) * 1e9 / (now - lastNanos);
        }
        lastCount = count;
        lastNanos = now;
    }

    double perSecond() {
        return perSecond;
    }
}
