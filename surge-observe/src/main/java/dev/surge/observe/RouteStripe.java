package dev.surge.observe;

import dev.surge.http.Method;
import dev.surge.web.RequestObserver;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One thread's counts of the requests it saw, by route, method and status class: a latency
 * histogram and the sum of latencies for each. Made for an event loop, whose connections all
 * record here: only that thread writes, with plain arithmetic and opaque stores (plain
 * stores on x86), so recording costs a bucket search and two stores, with no atomic
 * instruction, no lock and no cache line shared with another core. A scrape reads the counts
 * with opaque loads while the loop goes on: each count is whole, and the scrape sees it at
 * most a moment late.
 * <p>
 * The clock is read twice per read batch, not per request: when the first request of a read
 * is taken up ({@link #start()}), and when the connection flushes the responses answered
 * in it ({@link #beforeFlush()}), which is when they are sent. The requests answered on the
 * loop in between wait in a small list and are recorded together then, each with that batch's
 * time: with sixteen requests pipelined in a read, recording costs an eighth of a clock read
 * per request. A loop handles one connection's read at a time, so a batch is one connection's.
 * <p>
 * A record from any other thread (the end of a request answered on a virtual thread) goes to
 * the {@link SharedStripe} instead, with a clock read of its own.
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
    /** Whether a read batch is open: its first request was taken up at {@link #batchStart}. */
    private boolean batchOpen;
    private long batchStart;
    /** The requests answered on the loop in this batch, as {@code seriesIndex * CLASSES + statusClass}. */
    private int[] pending = new int[16];
    private int pendingCount;

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
        if (!batchOpen) {
            batchOpen = true;
            batchStart = System.nanoTime();
        }
        return batchStart;
    }

    @Override
    public void end(int route, Method method, int status, long start) {
        if (Thread.currentThread() != owner) {
            shared.record(route, method, status, System.nanoTime() - start);
            return;
        }
        if (!batchOpen) {
            // Not started in an open batch (defensive: the router starts and ends an inline
            // request within one dispatch): time it on its own.
            record((route * METHODS + method.ordinal()) * CLASSES + statusClass(status), System.nanoTime() - start);
            return;
        }
        if (pendingCount == pending.length) {
            pending = java.util.Arrays.copyOf(pending, pendingCount * 2);
        }
        pending[pendingCount++] = (route * METHODS + method.ordinal()) * CLASSES + statusClass(status);
    }

    @Override
    public void beforeFlush() {
        if (Thread.currentThread() != owner || !batchOpen) {
            return;
        }
        batchOpen = false;
        if (pendingCount > 0) {
            long nanos = System.nanoTime() - batchStart;
            for (int i = 0; i < pendingCount; i++) {
                record(pending[i], nanos);
            }
            pendingCount = 0;
        }
    }

    /** Counts one request of {@code seriesClass} (series index × CLASSES + status class) that took {@code nanos}. */
    private void record(int seriesClass, long nanos) {
        int index = seriesClass / CLASSES;
        long[] counts = series[index];
        if (counts == null) {
            counts = new long[CLASSES * SLOTS];
            ARRAYS.setRelease(series, index, counts);
        }
        int base = (seriesClass % CLASSES) * SLOTS;
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
