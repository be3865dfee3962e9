package dev.surge.http;

import java.nio.charset.StandardCharsets;

/**
 * A media type with its header line encoded once, so that sending a response does not
 * encode it again. Keep instances in constants.
 */
public final class ContentType {
    public static final ContentType TEXT_PLAIN = of("text/plain; charset=utf-8");
    public static final ContentType TEXT_HTML = of("text/html; charset=utf-8");
    public static final ContentType JSON = of("application/json");
    public static final ContentType OCTET_STREAM = of("application/octet-stream");

    private final String value;
    private final byte[] headerLine;

    private ContentType(String value) {
        this.value = value;
        this.headerLine = ("Content-Type: " + value + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A content type with the given header value, e.g. {@code image/png}. */
    public static ContentType of(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f || c > 0xff) {
                throw new IllegalArgumentException("Content-Type holds a control or non-Latin-1 character: " + value);
            }
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException("Content-Type is empty");
        }
        return new ContentType(value.strip());
    }

    /** The header value, e.g. {@code application/json}. */
    public String value() {
        return value;
    }

    /** {@code Content-Type: value\r\n} in ISO-8859-1; shared, do not modify. */
    public byte[] headerLine() {
        return headerLine;
    }

    @Override
    public String toString() {
        return value;
    }
}
