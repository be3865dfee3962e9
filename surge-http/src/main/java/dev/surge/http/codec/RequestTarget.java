package dev.surge.http.codec;


import java.nio.charset.StandardCharsets;

/**
 * Where the request target and its path and query lie in the buffer (RFC 9112 §3.2). Accepts
 * origin-form ({@code /a/b?q}), absolute-form ({@code http://host/a/b?q}) and asterisk-form
 * ({@code *}); every byte is checked against RFC 3986 and every '%' must start an escape.
 * The path's String hash is computed on the way, so routes can be looked up without a copy.
 */
final class RequestTarget {
    private static final byte SP = ' ';

    /** Offsets relative to the message start; query start is -1 when there is no query. */
    private int start;
    private int end;
    private int pathStart;
    private int pathEnd;
    private int queryStart;
    private int pathHash;
    private boolean asterisk;

    void reset() {
        start = end = pathStart = pathEnd = pathHash = 0;
        queryStart = -1;
        asterisk = false;
    }

    /**
     * Parses the target that starts at {@code from} (absolute) and returns the absolute index
     * of the byte after it: the SP before the version, or {@code lineEnd}.
     */
    int parse(Bytes buf, int base, int from, int lineEnd) {
        queryStart = -1;
        asterisk = false;
        int i = from;
        byte first = from < lineEnd ? buf.at(from) : SP;
        if (first == '/') {
            i = scanPath(buf, base, i, lineEnd);
        } else if (first == '*') {
            asterisk = true;
            i++;
            pathStart = pathEnd = i - base;
        } else if (isAlpha(first)) {
            i = scanAbsoluteForm(buf, base, i, lineEnd);
        } else {
            throw HttpError.badRequest("malformed request target: it must start with '/', a scheme, or be '*'");
        }
        if (i < lineEnd && buf.at(i) != SP) {
            throw HttpError.badRequest("invalid character " + FieldTable.hex(buf.at(i)) + " in request target");
        }
        start = from - base;
        end = i - base;
        return i;
    }

    private int scanAbsoluteForm(Bytes buf, int base, int i, int lineEnd) {
        while (i < lineEnd && isSchemeChar(buf.at(i))) {
            i++;
        }
        if (lineEnd - i < 3 || buf.at(i) != ':' || buf.at(i + 1) != '/' || buf.at(i + 2) != '/') {
            throw HttpError.badRequest("malformed request target: expected scheme://authority");
        }
        i += 3;
        while (i < lineEnd) {
            byte b = buf.at(i);
            if (b == '/' || b == '?' || b == SP) {
                break;
            }
            if (!CharClass.is(b, CharClass.HOST)) {
                throw HttpError.badRequest("invalid character " + FieldTable.hex(b) + " in the target's authority");
            }
            i++;
        }
        return scanPath(buf, base, i, lineEnd);
    }

    /** Scans path-abempty [ "?" query ] from {@code i}; an empty path reads as "/". */
    private int scanPath(Bytes buf, int base, int i, int lineEnd) {
        pathStart = i - base;
        int h = 0;
        byte b = 0;
        while (i < lineEnd) {
            b = buf.at(i);
            if (b == SP || b == '?') {
                break;
            }
            checkTargetChar(buf, b, i, lineEnd);
            h = 31 * h + b;
            i++;
        }
        pathEnd = i - base;
        pathHash = pathEnd == pathStart ? "/".hashCode() : h;
        if (i < lineEnd && b == '?') {
            i++;
            queryStart = i - base;
            while (i < lineEnd && (b = buf.at(i)) != SP) {
                checkTargetChar(buf, b, i, lineEnd);
                i++;
            }
        }
        return i;
    }

    private static void checkTargetChar(Bytes buf, byte b, int i, int lineEnd) {
        if (!CharClass.is(b, CharClass.TARGET)) {
            throw HttpError.badRequest("invalid character " + FieldTable.hex(b) + " in request target");
        }
        if (b == '%' && (i + 2 >= lineEnd || !CharClass.is(buf.at(i + 1), CharClass.HEX)
                || !CharClass.is(buf.at(i + 2), CharClass.HEX))) {
            throw HttpError.badRequest("malformed percent-escape in request target");
        }
    }

    private static boolean isAlpha(byte b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z';
    }

    private static boolean isSchemeChar(byte b) {
        return isAlpha(b) || b >= '0' && b <= '9' || b == '+' || b == '-' || b == '.';
    }

    /** A copy of the offsets, for a request detached from the receive buffer. */
    RequestTarget copy() {
        RequestTarget c = new RequestTarget();
        c.start = start;
        c.end = end;
        c.pathStart = pathStart;
        c.pathEnd = pathEnd;
        c.queryStart = queryStart;
        c.pathHash = pathHash;
        c.asterisk = asterisk;
        return c;
    }

    boolean isAsterisk() {
        return asterisk;
    }

    int pathHash() {
        return pathHash;
    }

    /** Whether the path equals the ASCII bytes {@code path} exactly. */
    boolean pathEquals(Bytes buf, int base, byte[] path) {
        int length = pathEnd - pathStart;
        if (length == 0) {
            return path.length == 1 && path[0] == '/';
        }
        if (length != path.length) {
            return false;
        }
        int at = base + pathStart;
        for (int i = 0; i < length; i++) {
            if (buf.at(at + i) != path[i]) {
                return false;
            }
        }
        return true;
    }

    String target(Bytes buf, int base) {
        return buf.toString(base + start, end - start, StandardCharsets.US_ASCII);
    }

    String path(Bytes buf, int base) {
        if (asterisk) {
            return "*";
        }
        return pathEnd == pathStart ? "/" : buf.toString(base + pathStart, pathEnd - pathStart, StandardCharsets.US_ASCII);
    }

    String query(Bytes buf, int base) {
        return queryStart < 0 ? "" : buf.toString(base + queryStart, end - queryStart, StandardCharsets.US_ASCII);
    }
}
