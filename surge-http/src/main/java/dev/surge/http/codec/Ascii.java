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

    /** Whether [start, end) equals {@code lower} ignoring ASCII case. */
    static boolean equalsIgnoreCase(Bytes buf, int start, int end, byte[] lower) {
        return end - start == lower.length && equalsIgnoreCase(buf, start, lower);
    }
}
