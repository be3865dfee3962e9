package dev.surge.http.codec;

/**
 * Byte classes of the HTTP grammar (RFC 9110 §5.6, RFC 3986 §2), as one lookup table so the
 * parser tests a byte with a single load.
 */
final class CharClass {
    /** tchar: may appear in a method, a header name or a coding name. */
    static final int TOKEN = 1;
    /** field-vchar, SP, HTAB or obs-text: may appear in a header value. */
    static final int FIELD_VALUE = 2;
    /** May appear in an origin-form path or query (pchar, '/', '?'); '%' is checked apart. */
    static final int TARGET = 4;
    /** May appear in a Host value: reg-name, IPv4, IP-literal brackets, ':' and port digits. */
    static final int HOST = 8;
    /** HEXDIG. */
    static final int HEX = 16;

    private static final byte[] TABLE = new byte[256];

    static {
        for (int c = 0; c < 256; c++) {
            int bits = 0;
            boolean alpha = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
            boolean digit = c >= '0' && c <= '9';
            if (alpha || digit || "!#$%&'*+-.^_`|~".indexOf(c) >= 0) {
                bits |= TOKEN;
            }
            if (c >= 0x21 && c != 0x7f || c == ' ' || c == '\t') {
                bits |= FIELD_VALUE;
            }
            boolean unreserved = alpha || digit || "-._~".indexOf(c) >= 0;
            boolean subDelim = "!$&'()*+,;=".indexOf(c) >= 0;
            if (unreserved || subDelim || ":@/?%".indexOf(c) >= 0) {
                bits |= TARGET;
            }
            if (unreserved || subDelim || "%:[]".indexOf(c) >= 0) {
                bits |= HOST;
            }
            if (digit || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
                bits |= HEX;
            }
            TABLE[c] = (byte) bits;
        }
    }

    private CharClass() {
    }

    static boolean is(byte b, int charClass) {
        return (TABLE[b & 0xff] & charClass) != 0;
    }

    static int hexValue(byte b) {
        int c = b & 0xff;
        if (c <= '9') {
            return c - '0';
        }
        return (c | 0x20) - 'a' + 10;
    }
}
