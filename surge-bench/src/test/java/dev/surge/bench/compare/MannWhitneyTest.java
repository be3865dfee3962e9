package dev.surge.bench.compare;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** p-values against R's {@code wilcox.test(x, y)} (two-sided, its defaults), and what they lead to. */
class MannWhitneyTest {

    @Test
    void exactPValueMatchesR() {
        // R's ?wilcox.test example (Hollander & Wolfe): W = 35, two-sided exact p = 0.2544.
        double[] x = {0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46};
        double[] y = {1.15, 0.88, 0.90, 0.74, 1.21};
        assertEquals(0.2544122544, MannWhitney.test(x, y).p(), 1e-9);
        // Complete separation: 2 / C(8, 4) = 0.02857 (R: p-value = 0.02857); 2 / C(6, 3) = 0.1.
        assertEquals(0.0285714286, MannWhitney.test(new double[] {1, 2, 3, 4}, new double[] {5, 6, 7, 8}).p(), 1e-9);
        assertEquals(0.1, MannWhitney.test(new double[] {1, 2, 3}, new double[] {4, 5, 6}).p(), 1e-12);
        assertEquals(1.0 / 3, MannWhitney.test(new double[] {1, 2}, new double[] {3, 4}).p(), 1e-12);
    }

    @Test
    void tiesUseTheNormalApproximationWithContinuityCorrectionLikeR() {
        // R: wilcox.test(c(1,2,2,3,4), c(3,4,5,5,6)) -> W = 2, p-value = 0.03445 (with a warning
        // that ties rule out the exact p).
        double p = MannWhitney.test(new double[] {1, 2, 2, 3, 4}, new double[] {3, 4, 5, 5, 6}).p();
        assertEquals(0.0344536370, p, 1e-9);
    }

    @Test
    void tiedSmallSamplesAreNeverCalledSignificant() {
        // Every value tied within each side (bytes allocated per op often are): the normal
        // approximation gives p = 0.047 at 3+3, below the 0.1 any exact arrangement can reach.
        MannWhitney.Significance s = MannWhitney.test(new double[] {0, 0, 0}, new double[] {24, 24, 24});
        assertTrue(s.p() < 0.05, "the approximation's p: " + s.p());
        assertTrue(s.tooFew(0.05));
        assertFalse(s.significant(0.05));
    }

    @Test
    void smallestPossiblePTellsWhenTooFewRoundsCanNeverBeSignificant() {
        assertEquals(1.0 / 3, MannWhitney.smallestP(2, 2), 1e-12);
        assertEquals(0.1, MannWhitney.smallestP(3, 3), 1e-12);
        assertEquals(2.0 / 21, MannWhitney.smallestP(5, 2), 1e-12);
        assertEquals(2.0 / 70, MannWhitney.smallestP(4, 4), 1e-12);
        assertEquals(1, MannWhitney.smallestP(1, 1), 1e-12);
        assertTrue(MannWhitney.test(new double[] {1, 2, 3}, new double[] {10, 11, 12}).tooFew(0.05));
        assertFalse(MannWhitney.test(new double[] {1, 2, 3, 4}, new double[] {10, 11, 12, 13}).tooFew(0.05));
    }

    @Test
    void aClearShiftIsSignificantAndNoiseIsNot() {
        double[] base = {11.8, 11.7, 12.1, 11.9, 12.0, 11.6};
        double[] slower = {13.1, 12.9, 13.4, 13.0, 12.8, 13.3};
        double[] same = {11.75, 12.05, 11.65, 11.95, 11.85, 12.15};
        assertTrue(MannWhitney.test(base, slower).significant(0.05));
        assertEquals(2.0 / 924, MannWhitney.test(base, slower).p(), 1e-12);
        assertFalse(MannWhitney.test(base, same).significant(0.05));
        assertTrue(MannWhitney.test(base, same).p() > 0.5);
    }

    @Test
    void identicalValuesEverywhereAreNoDifference() {
        MannWhitney.Significance s = MannWhitney.test(new double[] {0, 0, 0, 0}, new double[] {0, 0, 0, 0});
        assertEquals(1, s.p());
        assertFalse(s.significant(0.05));
    }

    @Test
    void anEmptySideHasNoPValue() {
        assertTrue(Double.isNaN(MannWhitney.test(new double[0], new double[] {1, 2}).p()));
    }
}
