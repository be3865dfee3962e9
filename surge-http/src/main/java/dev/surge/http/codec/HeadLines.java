package dev.surge.http.codec;

import dev.surge.http.ContentType;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * The pre-encoded pieces of a response head, numbers written digit by digit into the buffer,
 * and the two responses the codec writes on its own: a refusal, and {@code 100 Continue}.
 */
public final class HeadLines {
    static final byte[] CRLF = {'\r', '\n'};
    static final byte[] CONTENT_LENGTH = "Content-Length: ".getBytes(StandardCharsets.US_ASCII);
    static final byte[] CLOSE = "Connection: close\r\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] KEEP_ALIVE = "Connection: keep-alive\r\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] CHUNKED = "Transfer-Encoding: chunked\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** {@code N\r\n\r\n} for small bodies: a Content-Length value and the end of the head. */
    static final byte[][] LENGTH_AND_END = new byte[1024][];

    static {
        for (int n = 0; n < LENGTH_AND_END.length; n++) {
            LENGTH_AND_END[n] = (n + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private HeadLines() {
    }

    /** Writes a refusal of a request the codec could not accept; the connection then closes. */
    public static void writeError(ByteBuf out, DateHeader date, HttpError error) {
        byte[] body = (StatusLine.reason(error.status()) + ": " + error.reason() + "\n")
                .getBytes(StandardCharsets.UTF_8);
        out.writeBytes(StatusLine.of(error.status()));
        out.writeBytes(date.lines());
        out.writeBytes(ContentType.TEXT_PLAIN.headerLine());
        out.writeBytes(CONTENT_LENGTH);
        writeDecimal(out, body.length);
        out.writeBytes(CRLF);
        out.writeBytes(CLOSE);
        out.writeBytes(CRLF);
        out.writeBytes(body);
    }

    /** Writes the interim {@code 100 Continue} response. */
    public static void writeContinue(ByteBuf out) {
        out.writeBytes(CONTINUE);
    }

    /** Writes {@code value} (not negative) in decimal, without making a String of it. */
    static void writeDecimal(ByteBuf out, long value) {
        if (value < 10) {
            out.writeByte((int) ('0' + value));
            return;
        }
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        int at = out.writerIndex();
        out.ensureWritable(digits);
        for (int i = digits - 1; i >= 0; i--) {
            out.setByte(at + i, (int) ('0' + value % 10));
            value /= 10;
        }
        out.writerIndex(at + digits);
    }
}
