package dev.surge.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurationsTest {
    @Test
    void everyUnitAndABareNumberOfSeconds() {
        assertEquals(Duration.ofNanos(500_000), Durations.parse("500us"));
        assertEquals(Duration.ofMillis(250), Durations.parse("250ms"));
        assertEquals(Duration.ofSeconds(10), Durations.parse("10s"));
        assertEquals(Duration.ofSeconds(10), Durations.parse("10"));
        assertEquals(Duration.ofSeconds(90), Durations.parse("1.5m"));
        assertEquals(Duration.ofHours(2), Durations.parse("2h"));
        assertEquals(Duration.ofDays(1), Durations.parse("1d"));
        assertEquals(Duration.ofMillis(1500), Durations.parse(" 1.5S "), "case and spaces around do not matter");
        assertEquals(Duration.ofNanos(1000), Durations.parse("0.0014ms"), "rounded to whole microseconds");
        assertEquals(Duration.ofNanos(2000), Durations.parse("0.0015ms"), "half up");
    }

    @Test
    void zeroAndOffAreNone() {
        assertEquals(Duration.ZERO, Durations.parse("0"));
        assertEquals(Duration.ZERO, Durations.parse("0ms"));
        assertEquals(Duration.ZERO, Durations.parse("off"));
        assertEquals(Duration.ZERO, Durations.parse("OFF"));
    }

    @Test
    void anythingElseSaysWhatToWrite() {
        for (String bad : new String[]{"", "soon", "10x", "-1s", "+1s", "1e3", ".5s", "5.s", "1 0s", "s", "10 s s", "NaN"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(bad), bad);
            assertTrue(e.getMessage().equals("'" + bad + "' is not a duration; write " + Durations.GRAMMAR), e.getMessage());
        }
    }

    @Test
    void fromOneMicrosecondToSevenDays() {
        assertEquals(Durations.MAX, Durations.parse("7d"));
        assertEquals(Durations.MAX, Durations.parse("168h"));
        var tooLong = assertThrows(IllegalArgumentException.class, () -> Durations.parse("7.001d"));
        assertEquals("'7.001d' is too long: at most 7 days (7d)", tooLong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("99999999999999999999999h"));
        var tooShort = assertThrows(IllegalArgumentException.class, () -> Durations.parse("0.4us"));
        assertEquals("'0.4us' is too short: at least 1us, or 0 for none", tooShort.getMessage());
    }

    @Test
    void formatWritesWhatParseReads() {
        for (String text : new String[]{"0", "500us", "1500ms", "10s", "90s", "2m", "2h", "1d", "7d"}) {
            assertEquals(text, Durations.format(Durations.parse(text)));
        }
        assertEquals("90s", Durations.format(Durations.parse("1.5m")));
    }
}
