package dev.surge.config;

import java.util.Locale;

/**
 * The one grammar of sizes in bytes, for every command's flags and every configuration value:
 * a whole number and a unit, {@code B}, {@code KiB}, {@code MiB} or {@code GiB} (case does not
 * matter, and {@code k}, {@code KB}, {@code m}, {@code MB}, {@code g}, {@code GB} mean the same
 * powers of 1024); a bare number is bytes:
 * <pre>
 *   4096  8KiB  16k  8MiB  1GiB
 * </pre>
 */
public final class Sizes {
    /** What the grammar is, for error messages and help texts. */
    public static final String GRAMMAR = "bytes, or a whole number and a unit (KiB, MiB, GiB), e.g. 16KiB or 8MiB";
    private static final String[] SUFFIXES = {"kib", "mib", "gib", "kb", "mb", "gb", "k", "m", "g", "b"};
    private static final long[] UNITS = {1L << 10, 1L << 20, 1L << 30, 1L << 10, 1L << 20, 1L << 30,
            1L << 10, 1L << 20, 1L << 30, 1};

    private Sizes() {
    }

    /** {@code text} as a number of bytes, or an {@link IllegalArgumentException} that says what to write. */
    public static long parse(String text) {
        String v = text.strip().toLowerCase(Locale.ROOT);
        long unit = 1;
        String number = v;
        for (int i = 0; i < SUFFIXES.length; i++) {
            if (v.endsWith(SUFFIXES[i])) {
                unit = UNITS[i];
                number = v.substring(0, v.length() - SUFFIXES[i].length()).strip();
                break;
            }
        }
        if (!number.matches("\\d{1,18}")) {
            throw new IllegalArgumentException("'" + text + "' is not a size; write " + GRAMMAR);
        }
        try {
            return Math.multiplyExact(Long.parseLong(number), unit);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too large a size", e);
        }
    }

    /** {@link #parse} for a setting held in an int: at most 2 GiB - 1. */
    public static int parseInt(String text) {
        long bytes = parse(text);
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("'" + text + "' is too large: at most 2147483647 bytes (2GiB - 1)");
        }
        return (int) bytes;
    }
}
