package dev.surge.web;

/**
 * A parameter read as a whole number within bounds, as {@link Context}'s typed accessors read
 * it: at most 19 ASCII digits with an optional leading minus, nothing else (no plus, no
 * spaces, no exponent). Anything else, or a number outside the
 * bounds, is the client's mistake: an {@link HttpException} 400 that says which parameter,
 * what was wanted and what came.
 */
final class WholeNumber {
    private WholeNumber() {
    }

    /** {@code value} of the parameter {@code what} (e.g. "path parameter 'ms'"), from {@code min} to {@code max}. */
    static long parse(String what, String value, long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException("min " + min + " is over max " + max);
        }
        int length = value.length();
        int i = length > 0 && value.charAt(0) == '-' ? 1 : 0;
        if (i == length || length - i > 19) {
            throw refused(what, value, min, max);
        }
        long n = 0;
        for (; i < length; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw refused(what, value, min, max);
            }
            n = n * 10 - (c - '0');  // negative, so that Long.MIN_VALUE fits
            if (n > 0) {
                throw refused(what, value, min, max);  // overflowed
            }
        }
        if (value.charAt(0) != '-') {
            if (n == Long.MIN_VALUE) {
                throw refused(what, value, min, max);
            }
            n = -n;
        }
        if (n < min || n > max) {
            throw refused(what, value, min, max);
        }
        return n;
    }

    private static HttpException refused(String what, String value, long min, long max) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return HttpException.badRequest(what + " must be a whole number from " + min + " to " + max
                + ", got '" + shown + "'");
    }
}
