package dev.surge.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * The one grammar of durations, for every command's flags and every configuration value: a
 * number (a fraction allowed) and a unit, {@code us}, {@code ms}, {@code s}, {@code m},
 * {@code h} or {@code d}; a bare number is seconds; {@code off} is zero, which the settings
 * that can be off read as off. Whole microseconds, from zero to seven days:
 * <pre>
 *   250ms  10s  10  1.5m  2h  1d  500us  0  off
 * </pre>
 */
public final class Durations {
    /** The longest duration any setting takes. */
    public static final Duration MAX = Duration.ofDays(7);
    /** What the grammar is, for error messages and help texts. */
    public static final String GRAMMAR = "a number and a unit (us, ms, s, m, h, d), e.g. 250ms, 10s, 1.5m; "
            + "a bare number is seconds; 0 or off for none";

    private Durations() {
    }

    /** {@code text} as a duration, or an {@link IllegalArgumentException} that says what to write. */
    public static Duration parse(String text) {
        String v = text.strip().toLowerCase(Locale.ROOT);
        if (v.equals("off")) {
            return Duration.ZERO;
        }
        int unitStart = v.length();
        while (unitStart > 0 && Character.isLetter(v.charAt(unitStart - 1))) {
            unitStart--;
        }
        String number = v.substring(0, unitStart);
        long unitMicros = switch (v.substring(unitStart)) {
            case "us" -> 1;
            case "ms" -> 1_000;
            case "s", "" -> 1_000_000;
            case "m" -> 60_000_000;
            case "h" -> 3_600_000_000L;
            case "d" -> 86_400_000_000L;
            default -> -1;
        };
        if (unitMicros < 0 || !number.matches("\\d+(\\.\\d+)?")) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write " + GRAMMAR);
        }
        BigDecimal micros = new BigDecimal(number).multiply(BigDecimal.valueOf(unitMicros));
        if (micros.compareTo(BigDecimal.valueOf(MAX.toNanos() / 1000)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is too long: at most 7 days (7d)");
        }
        if (micros.signum() > 0 && micros.compareTo(BigDecimal.ONE) < 0) {
            throw new IllegalArgumentException("'" + text + "' is too short: at least 1us, or 0 for none");
        }
        return Duration.ofNanos(micros.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact() * 1000);
    }

    /** {@code duration} as the grammar writes it, in the largest unit that keeps it whole: {@code 1500ms}, {@code 2h}. */
    public static String format(Duration duration) {
        long micros = duration.toNanos() / 1000;
        if (micros == 0) {
            return "0";
        }
        long[] sizes = {86_400_000_000L, 3_600_000_000L, 60_000_000, 1_000_000, 1_000, 1};
        String[] units = {"d", "h", "m", "s", "ms", "us"};
        for (int i = 0; i < sizes.length; i++) {
            if (micros % sizes[i] == 0) {
                return micros / sizes[i] + units[i];
            }
        }
        throw new AssertionError("unreachable: every duration is whole microseconds");
    }
}
