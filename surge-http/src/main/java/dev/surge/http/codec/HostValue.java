package dev.surge.http.codec;

import io.netty.buffer.ByteBuf;

/**
 * Checks a Host value against RFC 9110 §7.2: {@code uri-host [ ":" port ]}, where the host is
 * a reg-name, an IPv4 address or a bracketed IP literal. An empty value is allowed (RFC 9112
 * §3.2, for targets without an authority).
 */
final class HostValue {
    private HostValue() {
    }

    static void validate(ByteBuf buf, int start, int end) {
        int i = start;
        if (i < end && buf.getByte(i) == '[') {
            while (i < end && buf.getByte(i) != ']') {
                requireHostChar(buf.getByte(i));
                i++;
            }
            if (i == end) {
                throw HttpError.badRequest("malformed Host header: unclosed '['");
            }
            i++;
        } else {
            while (i < end && buf.getByte(i) != ':') {
                byte b = buf.getByte(i);
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
        if (buf.getByte(i) != ':') {
            throw HttpError.badRequest("malformed Host header: unexpected text after the host");
        }
        for (i++; i < end; i++) {
            byte b = buf.getByte(i);
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
