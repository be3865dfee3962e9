package dev.surge.web.overload;

/**
 * The adaptive limit's arithmetic, after Netflix concurrency-limits' Gradient2: once a
 * window, the window's average latency (short RTT) is compared with a slow exponential
 * average of past windows (long RTT). Their ratio, the gradient, shrinks the limit when latency
 * rises above the long-term normal by more than the tolerance, and the queue allowance grows it
 * while latency stays normal:
 * <pre>
 *   gradient = clamp(tolerance × long / short, 0.5, 1)
 *   limit'   = (1 − smoothing) × limit + smoothing × (limit × gradient + √limit)
 * </pre>
 * clamped to [min, max]. A window whose peak in-flight count stayed under half the limit
 * leaves the limit alone: demand, not the limit, was the bound. When latency falls far below
 * the long average (by half), the long average decays faster, so that a limit cut during a
 * slow spell grows back soon after. Called once a window, by one thread at a time.
 */
final class Gradient {
    private static final double TOLERANCE = 1.5;
    private static final double SMOOTHING = 0.2;
    private static final double MIN_GRADIENT = 0.5;
    /** Windows averaged plainly before the exponential average takes over. */
    private static final int WARM_UP = 10;

    private final int min;
    private final int max;
    /** The exponential average's weight of a new window: 2 / (windows + 1). */
    private final double alpha;
    private double limit;
    private double longRtt;
    private int windows;

    Gradient(int initial, int min, int max, int longWindows) {
        this.min = min;
        this.max = max;
        this.alpha = 2.0 / (longWindows + 1);
        this.limit = initial;
    }

    /** The next limit, given a window's average latency and its peak requests in flight. */
    synchronized int update(double shortRtt, int peakInFlight) {
        if (shortRtt <= 0) {
            return (int) limit;
        }
        windows++;
        if (windows <= WARM_UP) {
            longRtt += (shortRtt - longRtt) / windows;
        } else {
            longRtt += alpha * (shortRtt - longRtt);
        }
        if (longRtt / shortRtt > 2) {
            longRtt *= 0.95;
        }
        if (peakInFlight < limit / 2) {
            return (int) limit;
        }
        double gradient = Math.max(MIN_GRADIENT, Math.min(1.0, TOLERANCE * longRtt / shortRtt));
        double next = limit * gradient + Math.sqrt(limit);
        next = limit * (1 - SMOOTHING) + next * SMOOTHING;
        limit = Math.max(min, Math.min(max, next));
        return (int) limit;
    }

    int min() {
        return min;
    }

    int max() {
        return max;
    }
}
