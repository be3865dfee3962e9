package dev.surge.http.codec;


/**
 * Checks the chunk extensions after a chunk size (RFC 9112 §7.1.1):
 * {@code *( BWS ";" BWS name [ BWS "=" BWS ( token / quoted-string ) ] )}.
 */
final class ChunkExtensions {
    private ChunkExtensions() {
    }

    static void validate(Bytes buf, int i, int end) {
        while (true) {
            i = skipBlanks(buf, i, end);
            if (i == end) {
                return;
            }
            if (buf.at(i) != ';') {
                throw HttpError.badRequest("malformed chunk size line: unexpected "
                        + FieldTable.hex(buf.at(i)) + " after the size");
            }
            i = skipBlanks(buf, i + 1, end);
            int nameStart = i;
            i = skipToken(buf, i, end);
            if (i == nameStart) {
                throw HttpError.badRequest("malformed chunk extension: missing name");
            }
            i = skipBlanks(buf, i, end);
            if (i < end && buf.at(i) == '=') {
                i = skipBlanks(buf, i + 1, end);
                i = i < end && buf.at(i) == '"' ? skipQuoted(buf, i + 1, end) : requireToken(buf, i, end);
            }
        }
    }

    private static int requireToken(Bytes buf, int i, int end) {
        int after = skipToken(buf, i, end);
        if (after == i) {
            throw HttpError.badRequest("malformed chunk extension: missing value");
        }
        return after;
    }

    private static int skipQuoted(Bytes buf, int i, int end) {
        while (i < end) {
            byte b = buf.at(i);
            if (b == '"') {
                return i + 1;
            }
            if (b == '\\') {
                i++;
                if (i == end) {
                    break;
                }
                b = buf.at(i);
            }
            if (!CharClass.is(b, CharClass.FIELD_VALUE)) {
                throw HttpError.badRequest("invalid character " + FieldTable.hex(b) + " in chunk extension");
            }
            i++;
        }
        throw HttpError.badRequest("malformed chunk extension: unterminated quoted string");
    }

    private static int skipToken(Bytes buf, int i, int end) {
        while (i < end && CharClass.is(buf.at(i), CharClass.TOKEN)) {
            i++;
        }
        return i;
    }

    private static int skipBlanks(Bytes buf, int i, int end) {
        while (i < end && (buf.at(i) == ' ' || buf.at(i) == '\t')) {
            i++;
        }
        return i;
    }
}
