package dev.surge.observe;

import dev.surge.http.Method;
import dev.surge.web.RequestObserver;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One thread's counts of the requests it saw, by route, method and status class: a latency
 * histogram and the sum of latencies for each. Made for an event loop, whose connections all
 * record here: only that thread writes, with plain arithmetic and opaque stores (plain
 * stores on x86), so recording a request costs a clock read, a bucket search and two stores,
 * with no atomic instruction, no lock and no cache line shared with another core. A scrape
 * reads the counts with opaque loads while the loop goes on: each count is whole, and the
 * scrape sees it at most a moment late.
 * <p>
 * A record from any other thread (the end of a request answered on a virtual thread) goes to
 * the {@link SharedStripe} instead.
 */
final class RouteStripe implements RequestObserver.Recorder {
    static final int METHODS = Method.values().length;
    /** 1xx to 5xx. */
    static final int CLASSES = 5;
    /** Per status class: the buckets, then the sum of latencies in nanoseconds. */
    static final int SLOTS = LatencyBuckets.COUNT + 1;
    static final int SUM = LatencyBuckets.COUNT;

    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle ARRAYS = MethodHandles.arrayElementVarHandle(long[][].class);
    private static final VarHandle STARTED;

    static {
        try {
            STARTED = MethodHandles.lookup().findVarHandle(RouteStripe.class, "started", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Thread owner;
    private final SharedStripe shared;
    /** By {@code route * METHODS + method}: the counts of that route and method, made on first use. */
    private final long[][] series;
    private long started;

    RouteStripe(Thread owner, int routes, SharedStripe shared) {
        this.owner = owner;
        this.shared = shared;
        this.series = new long[routes * METHODS][];
    }

    /** The index of a status's class: 0 for 1xx to 4 for 5xx. */
    static int statusClass(int status) {
        return Math.clamp(status / 100 - 1, 0, CLASSES - 1);
    }

    @Override
    public long start() {
        if (Thread.currentThread() != owner) {
            return shared.start();
        }
        STARTED.setOpaque(this, started + 1);
        return System.nanoTime();
    }

    @Override
    public void end(int route, Method method, int status, long start) {
        long nanos = System.nanoTime() - start;
        if (Thread.currentThread() != owner) {
            shared.record(route, method, status, nanos);
            return;
        }
        int index = route * METHODS + method.ordinal();
        long[] counts = series[index];
        if (counts == null) {
            counts = new long[CLASSES * SLOTS];
            ARRAYS.setRelease(series, index, counts);
        }
        int base = statusClass(status) * SLOTS;
        int bucket = base + LatencyBuckets.of(nanos);
        LONGS.setOpaque(counts, bucket, counts[bucket] + 1);
        LONGS.setOpaque(counts, base + SUM, counts[base + SUM] + nanos);
    }

    /** Adds this stripe's counts to {@code totals}, laid out as {@link #series}. */
    void addTo(long[][] totals) {
        for (int i = 0; i < totals.length; i++) {
            long[] counts = (long[]) ARRAYS.getAcquire(series, i);
            if (counts != null) {
                long[] sum = totals[i] == null ? totals[i] = new long[CLASSES * SLOTS] : totals[i];
                for (int j = 0; j < sum.length; j++) {
                    sum[j] += (long) LONGS.getOpaque(counts, j);
                }
            }
        }
    }

    /** Requests started on this stripe's thread. */
    long started() {
        return (long) STARTED.getOpaque(this);
    }
}
