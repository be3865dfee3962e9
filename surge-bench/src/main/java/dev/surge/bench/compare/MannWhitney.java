package dev.surge.bench.compare;

import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

import java.util.Arrays;

/**
 * The two-sided Mann-Whitney U test, as R's {@code wilcox.test(x, y)} computes it: the exact
 * p-value for small samples without ties, else the normal approximation with a continuity
 * correction (Commons Statistics decides which, like R). It assumes nothing about the shape of
 * the spread, which suits benchmark rounds: few, noisy, and skewed by the odd disturbed run.
 */
public final class MannWhitney {
    private static final MannWhitneyUTest TEST = MannWhitneyUTest.withDefaults()
            .with(AlternativeHypothesis.TWO_SIDED);

    private MannWhitney() {
    }

    /**
     * What the test says about two samples.
     *
     * @param p         the two-sided p-value; NaN when a side has no values
     * @param smallestP the smallest p-value the exact test can give at these sample sizes,
     *                  whatever the values: 2 / C(n1 + n2, n1). At or above alpha, no difference
     *                  can ever be called significant, and more rounds are needed.
     */
    public record Significance(double p, double smallestP, int n1, int n2) {

        /**
         * Whether the difference is significant at level {@code alpha}. Never when the sample
         * sizes are too few: with ties the test falls back on the normal approximation, whose p
         * can drop below what any arrangement of so few values could give.
         */
        public boolean significant(double alpha) {
            return p < alpha && !tooFew(alpha);
        }

        /** Whether no outcome at these sample sizes could reach {@code alpha}. */
        public boolean tooFew(double alpha) {
            return smallestP >= alpha;
        }
    }

    /** Tests whether {@code x} and {@code y} come from one distribution. */
    public static Significance test(double[] x, double[] y) {
        double smallest = smallestP(x.length, y.length);
        if (x.length == 0 || y.length == 0) {
            return new Significance(Double.NaN, smallest, x.length, y.length);
        }
        if (allEqual(x, y)) {
            // Every value tied: no evidence of any difference (the approximation would divide by 0).
            return new Significance(1, smallest, x.length, y.length);
        }
        return new Significance(TEST.test(x, y).getPValue(), smallest, x.length, y.length);
    }

    /** 2 / C(n1 + n2, n1), at most 1: the two-sided p of the most extreme exact outcome. */
    static double smallestP(int n1, int n2) {
        if (n1 == 0 || n2 == 0) {
            return 1;
        }
        double c = 1;
        for (int i = 1; i <= Math.min(n1, n2); i++) {
            c = c * (Math.max(n1, n2) + i) / i;
        }
        return Math.min(1, 2 / c);
    }

    private static boolean allEqual(double[] x, double[] y) {
        double v = x[0];
        return Arrays.stream(x).allMatch(a -> a == v) && Arrays.stream(y).allMatch(a -> a == v);
    }
}
