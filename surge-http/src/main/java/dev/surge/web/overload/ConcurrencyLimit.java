package dev.surge.web.overload;

import dev.surge.web.App;
import dev.surge.web.internal.OverloadAccess;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * A cap on the requests in flight on virtual threads: a request over the cap is answered 503
 * with {@code Retry-After} on the event loop, without a thread started for it. The cap is
 * {@link #fixed}, or {@link #adaptive}: it follows latency (see {@link Gradient}), shrinking
 * when latency rises because requests queue for the CPU or a backend, and growing back when
 * it falls. Inline routes are not counted: the event loop bounds them already.
 * <p>
 * Taking and returning a place is an atomic compare-and-set on the in-flight count; latency
 * samples go to striped adders, and whoever returns the first place after a window ends
 * computes the next limit. One instance serves every server an {@link App} starts.
 */
public final class ConcurrencyLimit {
    static {
        OverloadAccess.lend(new OverloadLender());
    }

    private static final long DEFAULT_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Windows in the long-term latency average: a minute of 100 ms windows. */
    private static final int DEFAULT_LONG_WINDOWS = 600;
    /** Fewer samples than this keep a window open past its end. */
    private static final int MIN_SAMPLES = 10;

    private final boolean off;
    /** Null for a fixed limit. */
    private final Gradient gradient;
    private final long windowNanos;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile int limit;
    private final AtomicReference<Window> window = new AtomicReference<>();

    /** Latency samples of one window. */
    private static final class Window {
        final long endNanos;
        final LongAdder rttNanos = new LongAdder();
        final LongAdder samples = new LongAdder();
        /** The most requests in flight seen in the window; written racily, an estimate. */
        volatile int peak;

        Window(long endNanos) {
            this.endNanos = endNanos;
        }
    }

    private ConcurrencyLimit(boolean off, int limit, Gradient gradient, long windowNanos) {
        this.off = off;
        this.limit = limit;
        this.gradient = gradient;
        this.windowNanos = windowNanos;
        window.set(new Window(System.nanoTime() + windowNanos));
    }

    /** No limit (the default). */
    public static ConcurrencyLimit off() {
        return new ConcurrencyLimit(true, Integer.MAX_VALUE, null, DEFAULT_WINDOW_NANOS);
    }

    /** At most {@code limit} requests in flight on virtual threads. */
    public static ConcurrencyLimit fixed(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a concurrency limit must be at least 1, got " + limit);
        }
        return new ConcurrencyLimit(false, limit, null, DEFAULT_WINDOW_NANOS);
    }

    /** An adaptive limit starting at 100, between 10 and 1000. */
    public static ConcurrencyLimit adaptive() {
        return adaptive(100, 10, 1000);
    }

    /** An adaptive limit starting at {@code initial}, kept between {@code min} and {@code max}. */
    public static ConcurrencyLimit adaptive(int initial, int min, int max) {
        return adaptive(initial, min, max, DEFAULT_WINDOW_NANOS, DEFAULT_LONG_WINDOWS);
    }

    /** For tests: shorter windows and a shorter memory, to see the limit move within a test. */
    static ConcurrencyLimit adaptive(int initial, int min, int max, long windowNanos, int longWindows) {
        if (min < 1 || initial < min || max < initial) {
            throw new IllegalArgumentException("an adaptive limit needs 1 <= min <= initial <= max, got min " + min
                    + ", initial " + initial + ", max " + max);
        }
        return new ConcurrencyLimit(false, initial, new Gradient(initial, min, max, longWindows), windowNanos);
    }

    /**
     * Reads {@code auto} (adaptive), {@code off} or a fixed number, as the {@code
     * --concurrency-limit} flag takes them.
     */
    public static ConcurrencyLimit parse(String value) {
        String v = value == null ? "" : value.trim();
        if (v.equals("auto")) {
            return adaptive();
        }
        if (v.equals("off")) {
            return off();
        }
        try {
            return fixed(Integer.parseInt(v));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("concurrency limit '" + value
                    + "' is not auto, off or a number of requests of 1 or more");
        }
    }

    /** The limit now; {@link Integer#MAX_VALUE} when off. */
    public int limit() {
        return limit;
    }

    /** Requests on virtual threads that hold a place now. */
    public int inFlight() {
        return inFlight.get();
    }

    public boolean isOff() {
        return off;
    }

    public boolean isAdaptive() {
        return gradient != null;
    }

    /** On the event loop: takes a place, or returns false when all are taken. */
    boolean tryAcquire() {
        int now;
        do {
            now = inFlight.get();
            if (now >= limit) {
                return false;
            }
        } while (!inFlight.compareAndSet(now, now + 1));
        if (gradient != null) {
            Window w = window.get();
            if (now + 1 > w.peak) {
                w.peak = now + 1;
            }
        }
        return true;
    }

    /** Returns a place taken by a request that took {@code rttNanos} from arrival to answer. */
    void release(long rttNanos, long nowNanos) {
        inFlight.decrementAndGet();
        if (gradient == null) {
            return;
        }
        Window w = window.get();
        w.rttNanos.add(rttNanos);
        w.samples.increment();
        if (nowNanos - w.endNanos >= 0 && w.samples.sum() >= MIN_SAMPLES
                && window.compareAndSet(w, new Window(nowNanos + windowNanos))) {
            limit = gradient.update((double) w.rttNanos.sum() / w.samples.sum(), w.peak);
        }
    }

    /** Returns a place taken by a request that never ran (its thread could not start). */
    void release() {
        inFlight.decrementAndGet();
    }

    @Override
    public String toString() {
        if (off) {
            return "off";
        }
        return gradient == null ? "fixed " + limit
                : "adaptive (now " + limit + ", " + gradient.min() + " to " + gradient.max() + ")";
    }
}
