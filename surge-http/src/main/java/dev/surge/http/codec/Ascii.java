package dev.surge.http.codec;


import java.nio.charset.StandardCharsets;

/** Case-insensitive comparisons of ASCII text in a buffer, without copying it. */
final class Ascii {
    private Ascii() {
    }

    static byte[] lower(String text) {
        return text.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Whether the bytes at {@code at} equal {@code lower} ignoring ASCII case. OR-ing 0x20
     * folds only letters onto their lower case among the token and value bytes compared here.
     */
    static boolean equalsIgnoreCase(Bytes buf, int at, byte[] lower) {
        for (int i = 0; i < lower.length; i++) {
            byte b = buf.at(at + i);
            byte l = lower[i];
            if (b != l && ((b | 0x20) != l || l < 'a' || l > 'z')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the bytes at {@code at} equal the ASCII {@code name} ignoring case, without
     * making a lower-case copy of it: a handler looks headers up by String on every request.
     */
    static boolean equalsIgnoreCase(Bytes buf, int at, String name) {
        for (int i = 0; i < name.length(); i++) {
            int b = buf.at(at + i);
            int c = name.charAt(i);
            if (b != c) {
                int l = c | 0x20;
                if ((b | 0x20) != l || l < 'a' || l > 'z') {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether [start, end) equals {@code lower} ignoring ASCII case. */
    static boolean equalsIgnoreCase(Bytes buf, int start, int end, byte[] lower) {
        return end - start == lower.length && equalsIgnoreCase(buf, start, lower);
    }
}
