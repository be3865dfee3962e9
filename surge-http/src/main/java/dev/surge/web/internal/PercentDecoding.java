package dev.surge.web.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding of path segments and query components as UTF-8 (RFC 3986 §2.1). The
 * codec has already refused malformed escapes, so decoding never fails; bytes that are not
 * valid UTF-8 become U+FFFD. In a query, {@code +} is a space (HTML form encoding); in a
 * path it is a plus.
 */
public final class PercentDecoding {
    private PercentDecoding() {
    }

    public static String path(String raw) {
        return decode(raw, false);
    }

    public static String query(String raw) {
        return decode(raw, true);
    }

    private static String decode(String raw, boolean plusIsSpace) {
        int first = firstSpecial(raw, plusIsSpace);
        if (first < 0) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        out.write(raw.getBytes(StandardCharsets.UTF_8), 0, first);
        for (int i = first; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && hex(raw.charAt(i + 1)) >= 0 && hex(raw.charAt(i + 2)) >= 0) {
                out.write(hex(raw.charAt(i + 1)) << 4 | hex(raw.charAt(i + 2)));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else if (c < 0x80) {
                out.write(c);
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(utf8, 0, utf8.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int firstSpecial(String raw, boolean plusIsSpace) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' || c == '+' && plusIsSpace) {
                return i;
            }
        }
        return -1;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
