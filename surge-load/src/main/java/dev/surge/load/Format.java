package dev.surge.load;

import java.util.Locale;

/** Numbers as the reports print them. */
final class Format {
    private Format() {
    }

    /** A latency in µs as 812µs, 1.25ms or 2.00s. */
    static String micros(double us) {
        if (us < 1000) {
            return String.format(Locale.ROOT, "%.0fµs", us);
        }
        if (us < 1_000_000) {
            return String.format(Locale.ROOT, "%.2fms", us / 1000);
        }
        return String.format(Locale.ROOT, "%.2fs", us / 1_000_000);
    }

    /** 1,234,567 */
    static String count(double n) {
        return String.format(Locale.ROOT, "%,.0f", n);
    }

    /** Bytes as 12.3 MB (decimal units, as network rates are). */
    static String bytes(double b) {
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        int u = 0;
        while (b >= 1000 && u < units.length - 1) {
            b /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", b, units[u]);
    }
}
