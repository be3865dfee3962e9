package dev.surge.bench.report;

import java.util.Collection;
import java.util.OptionalDouble;

/**
 * The statistics of a benchmark's rounds: the median, and the lowest and highest value beside it.
 * Medians rather than means: on a shared, noisy machine one disturbed round drags a mean along,
 * while the median of three ignores it. A round without a value (it failed, or the tool printed
 * none) is not passed in at all, so it never counts as 0; with no values there is no median.
 */
public final class Medians {

    private Medians() {
    }

    /** The middle value, or the mean of the two middle ones for an even count; empty for none. */
    public static OptionalDouble median(Collection<Double> values) {
        if (values.isEmpty()) {
            return OptionalDouble.empty();
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int m = sorted.length / 2;
        return OptionalDouble.of(sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2);
    }

    public static OptionalDouble lowest(Collection<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min();
    }

    public static OptionalDouble highest(Collection<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max();
    }
}
