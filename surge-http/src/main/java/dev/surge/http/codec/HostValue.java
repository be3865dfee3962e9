package dev.surge.http.codec;


/**
 * Checks a Host value against RFC 9110 §7.2: {@code uri-host [ ":" port ]}, where the host is
 * a reg-name, an IPv4 address or a bracketed IP literal. An empty value is allowed (RFC 9112
 * §3.2, for targets without an authority).
 */
final class HostValue {
    private HostValue() {
    }

    static void validate(Bytes buf, int start, int end) {
        int i = start;
        if (i < end && buf.at(i) == '[') {
            while (i < end && buf.at(i) != ']') {
                requireHostChar(buf.at(i));
                i++;
            }
            if (i == end) {
                throw HttpError.badRequest("malformed Host header: unclosed '['");
            }
            i++;
        } else {
            while (i < end && buf.at(i) != ':') {
                byte b = buf.at(i);
                if (b == '[' || b == ']') {
                    throw HttpError.badRequest("malformed Host header: misplaced bracket");
                }
                requireHostChar(b);
                i++;
            }
        }
        if (i == end) {
            return;
        }
        if (buf.at(i) != ':') {
            throw HttpError.badRequest("malformed Host header: unexpected text after the host");
        }
        for (i++; i < end; i++) {
            byte b = buf.at(i);
            if (b < '0' || b > '9') {
                throw HttpError.badRequest("malformed Host header: the port must be digits");
            }
        }
    }

    private static void requireHostChar(byte b) {
        if (!CharClass.is(b, CharClass.HOST)) {
            throw HttpError.badRequest("invalid character " + FieldTable.hex(b) + " in Host header");
        }
    }
}
