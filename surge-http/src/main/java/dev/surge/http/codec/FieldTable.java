package dev.surge.http.codec;


import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The header and trailer fields of one request, as offsets into the receive buffer (relative
 * to the start of the message). Parsing a field line validates it against RFC 9112 §5 and
 * records where its name and trimmed value lie; nothing is copied.
 */
final class FieldTable {
    private static final byte SP = ' ';
    private static final byte HT = '\t';

    private final int maxCount;
    /** Four ints a field: name start, name end, value start, value end. */
    private int[] offsets = new int[4 * 16];
    private int count;
    private int headerCount;

    FieldTable(int maxCount) {
        this.maxCount = maxCount;
    }

    void reset() {
        count = 0;
        headerCount = 0;
    }

    private FieldTable(int maxCount, int[] offsets, int count, int headerCount) {
        this.maxCount = maxCount;
        this.offsets = offsets;
        this.count = count;
        this.headerCount = headerCount;
    }

    /** A copy of the offsets, for a request detached from the receive buffer. */
    FieldTable copy() {
        return new FieldTable(maxCount, Arrays.copyOf(offsets, Math.max(4, 4 * count)), count, headerCount);
    }

    /** Marks the end of the header section: the fields after this are trailers. */
    void endHeaders() {
        headerCount = count;
    }

    int headerCount() {
        return headerCount;
    }

    int count() {
        return count;
    }

    /**
     * Parses the field line in [start, end) (absolute indexes, CRLF excluded) and returns its
     * index. {@code base} is the absolute index of the message start. The name is checked
     * here; the value by {@link #checkValue} or by a stricter rule for a known field.
     */
    int parseLine(Bytes buf, int base, int start, int end, String section) {
        byte first = buf.at(start);
        if (first == SP || first == HT) {
            throw HttpError.badRequest("obsolete line folding (a " + section
                    + " line starting with whitespace) is not allowed");
        }
        int colon = start;
        while (colon < end && CharClass.is(buf.at(colon), CharClass.TOKEN)) {
            colon++;
        }
        if (colon == end) {
            throw HttpError.badRequest(section + " line without a colon");
        }
        byte b = buf.at(colon);
        if (b != ':') {
            throw HttpError.badRequest(b == SP || b == HT
                    ? "whitespace between " + section + " name and colon is not allowed"
                    : "invalid character " + hex(b) + " in " + section + " name");
        }
        if (colon == start) {
            throw HttpError.badRequest("empty " + section + " name");
        }
        int valueStart = colon + 1;
        while (valueStart < end && isBlank(buf.at(valueStart))) {
            valueStart++;
        }
        int valueEnd = end;
        while (valueEnd > valueStart && isBlank(buf.at(valueEnd - 1))) {
            valueEnd--;
        }
        if (count == maxCount) {
            throw new HttpError(431, "more than " + maxCount + " " + section + " fields");
        }
        if (4 * count == offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        int at = 4 * count;
        offsets[at] = start - base;
        offsets[at + 1] = colon - base;
        offsets[at + 2] = valueStart - base;
        offsets[at + 3] = valueEnd - base;
        return count++;
    }

    /** Refuses a value with a byte that RFC 9110 §5.5 does not allow (controls, DEL). */
    void checkValue(Bytes buf, int base, int field, String section) {
        int start = base + valueStart(field);
        int bad = buf.findNonFieldValueByte(start, start + valueLength(field));
        if (bad >= 0) {
            throw HttpError.badRequest("invalid character " + hex(buf.at(bad)) + " in the value of "
                    + section + " '" + name(buf, base, field) + "'");
        }
    }

    int nameStart(int field) {
        return offsets[4 * field];
    }

    int nameLength(int field) {
        return offsets[4 * field + 1] - offsets[4 * field];
    }

    int valueStart(int field) {
        return offsets[4 * field + 2];
    }

    int valueLength(int field) {
        return offsets[4 * field + 3] - offsets[4 * field + 2];
    }

    /** Whether field's name equals {@code lowerName} (ASCII lower case) ignoring case. */
    boolean nameIs(Bytes buf, int base, int field, byte[] lowerName) {
        return nameLength(field) == lowerName.length
                && Ascii.equalsIgnoreCase(buf, base + nameStart(field), lowerName);
    }

    /** Whether field's name equals {@code name} ignoring ASCII case. */
    boolean nameIs(Bytes buf, int base, int field, String name) {
        return nameLength(field) == name.length()
                && Ascii.equalsIgnoreCase(buf, base + nameStart(field), name);
    }

    String name(Bytes buf, int base, int field) {
        return buf.toString(base + nameStart(field), nameLength(field), StandardCharsets.US_ASCII);
    }

    String value(Bytes buf, int base, int field) {
        return buf.toString(base + valueStart(field), valueLength(field), StandardCharsets.ISO_8859_1);
    }

    private static boolean isBlank(byte b) {
        return b == SP || b == HT;
    }

    static String hex(byte b) {
        return String.format("0x%02X", b & 0xff);
    }
}
