package dev.surge.bench.report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MediansTest {

    @Test
    void theMiddleOfAnOddCount() {
        assertEquals(OptionalDouble.of(5), Medians.median(List.of(9.0, 1.0, 5.0)));
        assertEquals(OptionalDouble.of(7), Medians.median(List.of(7.0)));
    }

    @Test
    void theMeanOfTheTwoMiddleOnesOfAnEvenCount() {
        assertEquals(OptionalDouble.of(4.5), Medians.median(List.of(9.0, 1.0, 5.0, 4.0)));
        assertEquals(OptionalDouble.of(1.245), Medians.median(List.of(1.25, 1.24)));
    }

    @Test
    void noValuesNoMedianRatherThanZero() {
        assertEquals(OptionalDouble.empty(), Medians.median(List.of()));
        assertEquals(OptionalDouble.empty(), Medians.lowest(List.of()));
        assertEquals(OptionalDouble.empty(), Medians.highest(List.of()));
    }

    @Test
    void lowestAndHighestAreTheEndsOfTheSpread() {
        List<Double> cpu = List.of(11.81, 11.5, 11.6);
        assertEquals(OptionalDouble.of(11.5), Medians.lowest(cpu));
        assertEquals(OptionalDouble.of(11.81), Medians.highest(cpu));
    }
}
