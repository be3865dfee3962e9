package dev.surge.observe;

import dev.surge.http.Method;
import dev.surge.web.RequestObserver;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The per-route request counts of one app: a {@link RouteStripe} for each event loop (found
 * once per connection, never per request), a {@link SharedStripe} for the rest, and the sums
 * of all of them on demand. Routes are known by pattern, so the number of series is bounded
 * by the app's routes × 8 methods × 5 status classes, whatever paths clients send.
 */
final class RequestMetrics implements RequestObserver {
    /** Beyond this many recording threads, new ones share the LongAdder stripe. */
    private static final int MAX_STRIPES = 1024;
    private static final String[] CLASS_NAMES = {"1xx", "2xx", "3xx", "4xx", "5xx"};
    private static final Method[] METHODS = Method.values();

    private final Map<Thread, RouteStripe> stripes = new ConcurrentHashMap<>();
    private volatile List<String> patterns;
    private volatile SharedStripe shared;
    private volatile LongSupplier handlerThreads = () -> 0;

    /** One series' sums: route pattern, method, status class, counts per bucket, latency sum. */
    record Series(String route, String method, String statusClass, long[] buckets, long count, double sumSeconds) {
    }

    /** What a scrape reads: every series, and the requests started and finished so far. */
    record Totals(List<Series> series, long started, long finished) {
        long inFlight() {
            return Math.max(0, started - finished);
        }
    }

    @Override
    public synchronized void routes(List<String> patterns, LongSupplier handlerThreads) {
        if (this.patterns != null) {
            throw new IllegalStateException("these metrics already observe an app: make one Metrics per app");
        }
        this.shared = new SharedStripe(patterns.size());
        this.handlerThreads = handlerThreads;
        this.patterns = List.copyOf(patterns);
    }

    @Override
    public Recorder forConnection() {
        SharedStripe fallback = shared;
        if (fallback == null) {
            throw new IllegalStateException("the observer has not been given its app's routes");
        }
        Thread thread = Thread.currentThread();
        if (thread.isVirtual()) {
            return fallback;
        }
        RouteStripe stripe = stripes.get(thread);
        if (stripe != null) {
            return stripe;
        }
        synchronized (this) {
            if (stripes.size() >= MAX_STRIPES) {
                return fallback;
            }
            return stripes.computeIfAbsent(thread, t -> new RouteStripe(t, patterns.size(), fallback));
        }
    }

    /** Virtual threads the router started that have not ended. */
    long handlerThreads() {
        return handlerThreads.getAsLong();
    }

    /** The sums over every stripe now; empty before the app was built. */
    Totals totals() {
        List<String> routes = patterns;
        SharedStripe fallback = shared;
        if (routes == null) {
            return new Totals(List.of(), 0, 0);
        }
        long[][] sums = new long[routes.size() * RouteStripe.METHODS][];
        for (RouteStripe stripe : stripes.values()) {
            stripe.addTo(sums);
        }
        fallback.addTo(sums);
        // Started is read after the finished counts, so that in-flight is never below zero
        // for a request that starts and ends between the two reads.
        long started = fallback.started();
        for (RouteStripe stripe : stripes.values()) {
            started += stripe.started();
        }
        List<Series> series = new java.util.ArrayList<>();
        long finished = 0;
        for (int i = 0; i < sums.length; i++) {
            if (sums[i] == null) {
                continue;
            }
            for (int c = 0; c < RouteStripe.CLASSES; c++) {
                int base = c * RouteStripe.SLOTS;
                long[] buckets = java.util.Arrays.copyOfRange(sums[i], base, base + LatencyBuckets.COUNT);
                long count = 0;
                for (long b : buckets) {
                    count += b;
                }
                if (count > 0) {
                    finished += count;
                    series.add(new Series(routes.get(i / RouteStripe.METHODS), METHODS[i % RouteStripe.METHODS].name(),
                            CLASS_NAMES[c], buckets, count, sums[i][base + RouteStripe.SUM] / 1e9));
                }
            }
        }
        return new Totals(series, Math.max(started, finished), finished);
    }
}
