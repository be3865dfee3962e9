package dev.surge.client.wire;

/** Case-insensitive comparisons of ASCII bytes with lower-case constants, without Strings. */
final class Ascii {
    private Ascii() {
    }

    /** Whether {@code buf[start..]} equals {@code lower} ignoring ASCII case. */
    static boolean equalsLower(byte[] buf, int start, String lower) {
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            int b = buf[start + i];
            if (b != c && !(c >= 'a' && c <= 'z' && (b | 0x20) == c)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the comma-separated list in {@code buf[start, end)} holds {@code token}. */
    static boolean containsTokenLower(byte[] buf, int start, int end, String token) {
        int i = start;
        while (i < end) {
            while (i < end && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == ',')) {
                i++;
            }
            int e = i;
            while (e < end && buf[e] != ',') {
                e++;
            }
            int te = e;
            while (te > i && (buf[te - 1] == ' ' || buf[te - 1] == '\t')) {
                te--;
            }
            if (te - i == token.length() && equalsLower(buf, i, token)) {
                return true;
            }
            i = e;
        }
        return false;
    }

    /** The bytes as text for an error message, control bytes shown as '?', at most 80 of them. */
    static String printable(byte[] buf, int start, int end) {
        StringBuilder s = new StringBuilder();
        for (int i = start; i < Math.min(end, start + 80); i++) {
            int b = buf[i] & 0xff;
            s.append(b >= 0x20 && b < 0x7f ? (char) b : '?');
        }
        return end - start > 80 ? s + "..." : s.toString();
    }
}
