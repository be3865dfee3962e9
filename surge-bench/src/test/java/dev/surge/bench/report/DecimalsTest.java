package dev.surge.bench.report;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class DecimalsTest {

    @Test
    void roundsAsPrintfDoesFromTheExactBinaryValue() {
        // 13.825 is 13.8249999... in binary: C's printf says 13.82, String.format 13.83.
        assertEquals("13.82", Decimals.fixed(13.825, 2));
        assertNotEquals(String.format(Locale.ROOT, "%.2f", 13.825), Decimals.fixed(13.825, 2));
        // 21.035 is 21.03500000000000014...: up.
        assertEquals("21.04", Decimals.fixed(21.035, 2));
        // An exact half goes to the even neighbour, as glibc's printf does.
        assertEquals("2", Decimals.fixed(2.5, 0));
        assertEquals("4", Decimals.fixed(3.5, 0));
        assertEquals("713125", Decimals.fixed(713125.335, 0));
        assertEquals("1.00", Decimals.fixed(1, 2));
        // 1.0005 is 1.000499999...: awk printf says 1.000, and so does round.
        assertEquals(1.0, Decimals.round(1.0005, 3));
    }

    @Test
    void anAbsentValueIsADash() {
        assertEquals("-", Decimals.fixed(OptionalDouble.empty(), 2));
        assertEquals("0.50", Decimals.fixed(OptionalDouble.of(0.5), 2));
    }

    @Test
    void roundsHalfAwayFromZeroAsJqDid() {
        assertEquals(0.792, Decimals.scaled(0.79163, 3));
        assertEquals(2.5, Decimals.scaled(2.45, 1));
        assertEquals(-2.5, Decimals.scaled(-2.45, 1));
        assertEquals(7209.0, Decimals.scaled(7208.959, 0));
    }

    @Test
    void plainNumbersHaveNoExponentAndNoNeedlessZero() {
        assertEquals("12000000", Decimals.plain(1.2e7));
        assertEquals("5", Decimals.plain(5.0));
        assertEquals("0.79", Decimals.plain(0.79));
        assertEquals("0.00001", Decimals.plain(1e-5));
        assertEquals("-3.25", Decimals.plain(-3.25));
    }
}
