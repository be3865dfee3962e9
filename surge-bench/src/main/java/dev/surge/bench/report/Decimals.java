package dev.surge.bench.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.OptionalDouble;

/**
 * Numbers as the reports print them. {@link #fixed} rounds the way C's {@code printf("%.2f")}
 * does, from the double's exact binary value (13.825 is 13.82499..., so "13.82"), not the way
 * {@code String.format} does (it rounds the decimal "13.825" up): the reports read the same as
 * when awk wrote them. Nothing is ever printed in exponent form.
 */
public final class Decimals {
    /** What a report prints where a figure has no value: a failed round, a percentile wrk did not print. */
    public static final String NONE = "-";

    private Decimals() {
    }

    /** {@code v} with {@code places} decimals, as {@code printf("%.<places>f")} prints it. */
    public static String fixed(double v, int places) {
        return exact(v).setScale(places, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** {@link #fixed}, or {@link #NONE} when there is no value. */
    public static String fixed(OptionalDouble v, int places) {
        return v.isPresent() ? fixed(v.getAsDouble(), places) : NONE;
    }

    /** {@code v} rounded to {@code places} decimals as {@link #fixed} rounds it, as a number again. */
    public static double round(double v, int places) {
        return exact(v).setScale(places, RoundingMode.HALF_EVEN).doubleValue();
    }

    /**
     * {@code v} times 10^places, rounded half away from zero, divided back: what jq's
     * {@code . * 1000 | round / 1000} computes, which the overload reports were written with.
     */
    public static double scaled(double v, int places) {
        double scale = Math.pow(10, places);
        return Math.signum(v) * Math.round(Math.abs(v) * scale) / scale;
    }

    /** The shortest text that reads back as {@code v}: "5" for 5.0, "0.79" for 0.79, "1200000" for 1.2e6. */
    public static String plain(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static BigDecimal exact(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("not a finite number: " + v);
        }
        return new BigDecimal(v);
    }
}
