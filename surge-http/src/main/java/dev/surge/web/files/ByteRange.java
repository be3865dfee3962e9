package dev.surge.web.files;

/**
 * What a {@code Range} header asks of a representation of {@code size} bytes (RFC 9110
 * §14.1.2): one satisfiable range, a set no byte of which exists (416), or nothing Surge
 * serves as a range, which means the whole representation. Only single ranges are served:
 * a list of several is answered with the whole, which the RFC allows; so is a header that
 * does not parse, or a unit other than bytes.
 *
 * @param first the first byte, or -1 unless {@link #satisfiable()}
 * @param last  the last byte, inclusive
 */
record ByteRange(Kind kind, long first, long last) {
    enum Kind { WHOLE, RANGE, UNSATISFIABLE }

    /** The whole representation: no range asked, or none Surge serves. */
    static final ByteRange WHOLE = new ByteRange(Kind.WHOLE, -1, -1);
    private static final ByteRange UNSATISFIABLE = new ByteRange(Kind.UNSATISFIABLE, -1, -1);

    boolean satisfiable() {
        return kind == Kind.RANGE;
    }

    long length() {
        return last - first + 1;
    }

    static ByteRange parse(String header, long size) {
        String value = header.strip();
        if (value.length() < 6 || !value.regionMatches(true, 0, "bytes=", 0, 6)) {
            return WHOLE;
        }
        String spec = value.substring(6).strip();
        if (spec.indexOf(',') >= 0) {
            return WHOLE;
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return WHOLE;
        }
        String a = spec.substring(0, dash).strip();
        String b = spec.substring(dash + 1).strip();
        if (a.isEmpty()) {
            long suffix = digits(b);
            if (suffix < 0) {
                return WHOLE;
            }
            if (suffix == 0 || size == 0) {
                return UNSATISFIABLE;
            }
            return new ByteRange(Kind.RANGE, Math.max(0, size - suffix), size - 1);
        }
        long first = digits(a);
        long last = b.isEmpty() ? Long.MAX_VALUE : digits(b);
        if (first < 0 || last < 0 || last < first) {
            return WHOLE;
        }
        if (first >= size) {
            return UNSATISFIABLE;
        }
        return new ByteRange(Kind.RANGE, first, Math.min(last, size - 1));
    }

    /** The value of a run of ASCII digits (Long.MAX_VALUE when it overflows), or -1 when it is not one. */
    private static long digits(String s) {
        if (s.isEmpty()) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v > (Long.MAX_VALUE - d) / 10 ? Long.MAX_VALUE : v * 10 + d;
        }
        return v;
    }
}
