package dev.surge.http.codec;

import io.netty.buffer.ByteBuf;

/**
 * Checks the chunk extensions after a chunk size (RFC 9112 §7.1.1):
 * {@code *( BWS ";" BWS name [ BWS "=" BWS ( token / quoted-string ) ] )}.
 */
final class ChunkExtensions {
    private ChunkExtensions() {
    }

    static void validate(ByteBuf buf, int i, int end) {
        while (true) {
            i = skipBlanks(buf, i, end);
            if (i == end) {
                return;
            }
            if (buf.getByte(i) != ';') {
                throw HttpError.badRequest("malformed chunk size line: unexpected "
                        + FieldTable.hex(buf.getByte(i)) + " after the size");
            }
            i = skipBlanks(buf, i + 1, end);
            int nameStart = i;
            i = skipToken(buf, i, end);
            if (i == nameStart) {
                throw HttpError.badRequest("malformed chunk extension: missing name");
            }
            i = skipBlanks(buf, i, end);
            if (i < end && buf.getByte(i) == '=') {
                i = skipBlanks(buf, i + 1, end);
                i = i < end && buf.getByte(i) == '"' ? skipQuoted(buf, i + 1, end) : requireToken(buf, i, end);
            }
        }
    }

    private static int requireToken(ByteBuf buf, int i, int end) {
        int after = skipToken(buf, i, end);
        if (after == i) {
            throw HttpError.badRequest("malformed chunk extension: missing value");
        }
        return after;
    }

    private static int skipQuoted(ByteBuf buf, int i, int end) {
        while (i < end) {
            byte b = buf.getByte(i);
            if (b == '"') {
                return i + 1;
            }
            if (b == '\\') {
                i++;
                if (i == end) {
                    break;
                }
                b = buf.getByte(i);
            }
            if (!CharClass.is(b, CharClass.FIELD_VALUE)) {
                throw HttpError.badRequest("invalid character " + FieldTable.hex(b) + " in chunk extension");
            }
            i++;
        }
        throw HttpError.badRequest("malformed chunk extension: unterminated quoted string");
    }

    private static int skipToken(ByteBuf buf, int i, int end) {
        while (i < end && CharClass.is(buf.getByte(i), CharClass.TOKEN)) {
            i++;
        }
        return i;
    }

    private static int skipBlanks(ByteBuf buf, int i, int end) {
        while (i < end && (buf.getByte(i) == ' ' || buf.getByte(i) == '\t')) {
            i++;
        }
        return i;
    }
}
