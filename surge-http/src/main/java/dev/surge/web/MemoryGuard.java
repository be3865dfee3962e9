package dev.surge.web;

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
 * Heap after GC is the sum, over the heap's pools, of what each held after its latest
 * collection: the live data plus what the collector chose to leave, which is a better
 * measure of pressure than the heap in use, full of garbage between collections.
 */
public final class MemoryGuard {
    private static final System.Logger LOG = System.getLogger(MemoryGuard.class.getName());
    private static final double DEFAULT_SHED_AT = 0.90;

    private final double heapShedAt;
    private final double directShedAt;
    private final MemoryReading reading;
    private volatile boolean shedding;

    MemoryGuard(double heapShedAt, double directShedAt, MemoryReading reading) {
        this.heapShedAt = checked("heap", heapShedAt);
        this.directShedAt = checked("direct memory", directShedAt);
        this.reading = reading;
    }

    /** Sheds at 90 % of the heap after GC and at 90 % of direct memory. */
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
     * not watch that one.
     */
    public static MemoryGuard shedAt(double heapAfterGc, double direct) {
        return new MemoryGuard(heapAfterGc, direct, MemoryReading.JVM);
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

    /** Reads memory and starts or stops shedding; returns whether that changed. */
    boolean check() {
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
        return was != shedding;
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
        return isOff() ? "off" : String.format("sheds at heap %.0f%%, direct %.0f%%", heapShedAt * 100, directShedAt * 100);
    }
}
