package dev.surge.web.overload;

/**
 * Sheds new work before memory runs out, as Envoy's overload manager does: while the heap in
 * use after garbage collection, or direct (off-heap) buffer memory, is over its watermark,
 * every new request is answered 503 with {@code Retry-After}, every new connection is closed
 * at accept (a flood of idle ones would fill the heap too), and the server reports itself
 * not ready ({@code ServerHealth.state()} "shedding"); requests already running go on. It
 * recovers once both are a little under their watermarks (5 points, or half the watermark if
 * that is less), so that it does not flap around one. The readings are taken ten times a
 * second by the server's watchdog thread; a request only reads a flag.
 * <p>
 * Before that, as Envoy's reduce-timeouts overload action does, it lets go of the connections
 * that hold memory and do nothing with it: from the cut watermark (default 50 %) up to the shed
 * watermark, the idle keep-alive and header timeouts shrink in proportion to the memory in use,
 * to a tenth at the shed watermark and while shedding ({@link #timeoutShare()}). So a flood of
 * idle connections is thinned out before any request has to be refused. The band is wide
 * because the reading lags: the old generation's "after GC" figure moves only at a full
 * collection, and a flood fills it long before one.
 * <p>
 * Heap after GC is the sum, over the heap's pools, of what each held after its latest
 * collection: the live data plus what the collector chose to leave, which is a better
 * measure of pressure than the heap in use, full of garbage between collections. It is only as
 * new as the latest collection, though, and a server that sheds and then falls idle may not
 * collect again for a long time: it would go on refusing everything on a reading from before
 * the load went away (seen under G1 after a connection flood). So while shedding, when no
 * collection has run for {@link #STALE_SECONDS} s, the guard asks for one, at most that often,
 * as Elasticsearch's real-memory circuit breaker falls back to a full collection under G1.
 */
public final class MemoryGuard {
    private static final System.Logger LOG = System.getLogger(MemoryGuard.class.getName());
    private static final double DEFAULT_SHED_AT = 0.90;
    private static final double DEFAULT_CUT_TIMEOUTS_AT = 0.50;
    /** What is left of the idle and header timeouts at the shed watermark and while shedding. */
    private static final double LEAST_TIMEOUT_SHARE = 0.1;
    /** Shedding on a reading no collection has refreshed for this long asks for a collection. */
    static final int STALE_SECONDS = 5;

    private final double heapShedAt;
    private final double directShedAt;
    private final double cutTimeoutsAt;
    private final MemoryReading reading;
    private volatile boolean shedding;
    private volatile double timeoutShare = 1;
    // The watchdog thread's: the collections seen, and when their count last moved.
    private long collections = -1;
    private long collectedAt;

    MemoryGuard(double heapShedAt, double directShedAt, double cutTimeoutsAt, MemoryReading reading) {
        this.heapShedAt = checked("heap", heapShedAt);
        this.directShedAt = checked("direct memory", directShedAt);
        this.cutTimeoutsAt = checked("timeout-cutting", cutTimeoutsAt);
        this.reading = reading;
    }

    /** Sheds at 90 % of the heap after GC and at 90 % of direct memory; cuts timeouts from 50 %. */
    public static MemoryGuard defaults() {
        return shedAt(DEFAULT_SHED_AT, DEFAULT_SHED_AT);
    }

    /** Never sheds. */
    public static MemoryGuard off() {
        return shedAt(0, 0);
    }

    /**
     * Sheds while the heap after GC is at {@code heapAfterGc} of its maximum or more, or direct
     * memory at {@code direct} of its maximum or more; each a fraction from 0.01 to 1, or 0 to
     * not watch that one. Timeouts are cut from 50 % ({@link #cuttingTimeoutsFrom}).
     */
    public static MemoryGuard shedAt(double heapAfterGc, double direct) {
        return new MemoryGuard(heapAfterGc, direct, DEFAULT_CUT_TIMEOUTS_AT, MemoryReading.JVM);
    }

    /**
     * This guard, but cutting the idle and header timeouts from {@code share} of the heap after
     * GC or of direct memory (a fraction from 0.01 to 1), or never (0). At or over a shed
     * watermark they are a tenth, so a cut watermark at or over a shed watermark cuts them
     * there, all at once.
     */
    public MemoryGuard cuttingTimeoutsFrom(double share) {
        return new MemoryGuard(heapShedAt, directShedAt, share, reading);
    }

    private static double checked(String what, double fraction) {
        if (!(fraction == 0 || fraction >= 0.01 && fraction <= 1)) {
            throw new IllegalArgumentException("the " + what + " watermark must be from 1% to 100% (0 turns it off), got "
                    + fraction * 100 + "%");
        }
        return fraction;
    }

    /** Whether new requests are being shed now. */
    public boolean shedding() {
        return shedding;
    }

    /** Whether either watermark is set. */
    public boolean isOff() {
        return heapShedAt == 0 && directShedAt == 0;
    }

    public double heapShedAt() {
        return heapShedAt;
    }

    public double directShedAt() {
        return directShedAt;
    }

    /** Where the timeouts begin to be cut (a fraction of either maximum), or 0 for never. */
    public double cutTimeoutsAt() {
        return cutTimeoutsAt;
    }

    /**
     * The share of their configured length that idle keep-alive and header timeouts have now:
     * 1 while memory is under the cut watermark, down to a tenth at the shed watermark.
     */
    public double timeoutShare() {
        return timeoutShare;
    }

    /** Reads memory, starts or stops shedding and sets the timeouts' share; returns whether shedding changed. */
    boolean check() {
        return check(System.nanoTime());
    }

    /** {@link #check()} at {@code now} (System.nanoTime()). */
    boolean check(long now) {
        if (heapShedAt != 0) {
            refreshIfStale(now);
        }
        double heap = heapShedAt == 0 ? Double.NaN : reading.heapAfterGc();
        double direct = directShedAt == 0 ? Double.NaN : reading.direct();
        boolean over = heap >= heapShedAt || direct >= directShedAt;
        boolean under = !(heap >= recoverAt(heapShedAt)) && !(direct >= recoverAt(directShedAt));
        boolean was = shedding;
        if (!was && over) {
            shedding = true;
            LOG.log(System.Logger.Level.WARNING, "shedding new requests: " + describe(heap, direct));
        } else if (was && under) {
            shedding = false;
            LOG.log(System.Logger.Level.INFO, "no longer shedding: " + describe(heap, direct));
        }
        timeoutShare = cutTimeoutsAt == 0 ? 1
                : shedding ? LEAST_TIMEOUT_SHARE : Math.min(timeoutShare(heap, heapShedAt), timeoutShare(direct, directShedAt));
        return was != shedding;
    }

    /**
     * Notes when the collections' count last moved; while shedding, asks for a collection when
     * none has run for {@link #STALE_SECONDS} s (nor been asked for).
     */
    private void refreshIfStale(long now) {
        long count = reading.collections();
        if (count < 0) {
            return;
        }
        if (count != collections) {
            collections = count;
            collectedAt = now;
        } else if (shedding && now - collectedAt >= STALE_SECONDS * 1_000_000_000L) {
            LOG.log(System.Logger.Level.INFO, "no garbage collection for " + STALE_SECONDS
                    + " s while shedding: asking for one, to read the heap anew");
            reading.collect();
            collectedAt = now;
        }
    }

    /** 1 under the cut watermark, falling in a straight line to a tenth at {@code shedAt}. */
    private double timeoutShare(double used, double shedAt) {
        if (shedAt == 0 || !(used >= cutTimeoutsAt)) {
            return 1;
        }
        if (used >= shedAt) {
            return LEAST_TIMEOUT_SHARE;
        }
        return 1 - (1 - LEAST_TIMEOUT_SHARE) * (used - cutTimeoutsAt) / (shedAt - cutTimeoutsAt);
    }

    private static double recoverAt(double shedAt) {
        return shedAt - Math.min(0.05, shedAt / 2);
    }

    private String describe(double heap, double direct) {
        return String.format("heap after GC %.1f%% (sheds at %.0f%%), direct memory %.1f%% (sheds at %.0f%%)",
                heap * 100, heapShedAt * 100, direct * 100, directShedAt * 100);
    }

    @Override
    public String toString() {
        return isOff() ? "off" : String.format("sheds at heap %.0f%%, direct %.0f%%; cuts timeouts from %s", heapShedAt * 100,
                directShedAt * 100, cutTimeoutsAt == 0 ? "never" : String.format("%.0f%%", cutTimeoutsAt * 100));
    }
}
