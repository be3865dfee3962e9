package dev.surge.http.codec;


/**
 * A cursor over a comma-separated header value whose elements are tokens (RFC 9110 §5.6.1),
 * such as Connection and Transfer-Encoding. Empty elements are skipped, as the RFC asks;
 * anything that is not a token (parameters included) is refused.
 */
final class ListElements {
    private Bytes buf;
    private String header;
    private int pos;
    private int end;
    private int start;
    private int stop;

    ListElements of(Bytes buf, int start, int end, String header) {
        this.buf = buf;
        this.header = header;
        this.pos = start;
        this.end = end;
        return this;
    }

    /** Moves to the next element; false when there is none. */
    boolean next() {
        while (pos < end && isSeparator(buf.at(pos))) {
            pos++;
        }
        if (pos == end) {
            return false;
        }
        start = pos;
        while (pos < end && CharClass.is(buf.at(pos), CharClass.TOKEN)) {
            pos++;
        }
        stop = pos;
        while (pos < end && isBlank(buf.at(pos))) {
            pos++;
        }
        if (start == stop || pos < end && buf.at(pos) != ',') {
            throw HttpError.badRequest("malformed " + header + " header: expected a comma-separated list of tokens");
        }
        return true;
    }

    boolean is(byte[] lowerToken) {
        return Ascii.equalsIgnoreCase(buf, start, stop, lowerToken);
    }

    String element() {
        return buf.toString(start, stop - start, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static boolean isSeparator(byte b) {
        return b == ',' || isBlank(b);
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }
}
