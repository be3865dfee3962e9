package dev.surge.observe;

import dev.surge.http.Method;
import dev.surge.web.RequestObserver;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counts recorded by threads that own no {@link RouteStripe}: the virtual threads that
 * answer non-inline routes, and any thread beyond the stripes' limit. Laid out as a
 * RouteStripe, with a {@link LongAdder} per count, which spreads concurrent increments over
 * cells of their own instead of contending for one.
 */
final class SharedStripe implements RequestObserver.Recorder {
    private final AtomicReferenceArray<LongAdder[]> series;
    private final LongAdder started = new LongAdder();

    SharedStripe(int routes) {
        this.series = new AtomicReferenceArray<>(routes * RouteStripe.METHODS);
    }

    @Override
    public long start() {
        started.increment();
        return System.nanoTime();
    }

    @Override
    public void end(int route, Method method, int status, long start) {
        record(route, method, status, System.nanoTime() - start);
    }

    void record(int route, Method method, int status, long nanos) {
        LongAdder[] counts = counts(route * RouteStripe.METHODS + method.ordinal());
        int base = RouteStripe.statusClass(status) * RouteStripe.SLOTS;
        counts[base + LatencyBuckets.of(nanos)].increment();
        counts[base + RouteStripe.SUM].add(nanos);
    }

    private LongAdder[] counts(int index) {
        LongAdder[] counts = series.get(index);
        if (counts == null) {
            LongAdder[] made = new LongAdder[RouteStripe.CLASSES * RouteStripe.SLOTS];
            for (int i = 0; i < made.length; i++) {
                made[i] = new LongAdder();
            }
            counts = series.compareAndExchange(index, null, made);
            if (counts == null) {
                counts = made;
            }
        }
        return counts;
    }

    /** Adds these counts to {@code totals}, laid out as a RouteStripe's. */
    void addTo(long[][] totals) {
        for (int i = 0; i < totals.length; i++) {
            LongAdder[] counts = series.get(i);
            if (counts != null) {
                long[] sum = totals[i] == null ? totals[i] = new long[counts.length] : totals[i];
                for (int j = 0; j < sum.length; j++) {
                    sum[j] += counts[j].sum();
                }
            }
        }
    }

    long started() {
        return started.sum();
    }
}
