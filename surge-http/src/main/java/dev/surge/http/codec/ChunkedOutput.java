package dev.surge.http.codec;

import io.netty.buffer.ByteBuf;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The body stream of a response of unknown length. Writes gather in a small array and go
 * out as one chunk ({@code size CRLF data CRLF}) when it fills or on flush, so that many tiny
 * writes do not make many tiny chunks. Closing writes the last chunk and ends the response.
 * For HTTP/1.0 the bytes go out unframed and the connection closes at the end; for HEAD,
 * 204 and 304 they are dropped.
 */
final class ChunkedOutput extends OutputStream {
    private static final int CHUNK_BYTES = 8192;
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ResponseSink sink;
    private final boolean framed;
    private final boolean discard;
    private final byte[] pending = new byte[CHUNK_BYTES];
    private int pendingLength;
    private boolean closed;

    ChunkedOutput(ResponseSink sink, boolean framed, boolean discard) {
        this.sink = sink;
        this.framed = framed;
        this.discard = discard;
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (pendingLength == pending.length) {
            emit();
        }
        pending[pendingLength++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len >= pending.length) {
            emit();
            chunk(b, off, len);
            return;
        }
        if (pendingLength + len > pending.length) {
            emit();
        }
        System.arraycopy(b, off, pending, pendingLength, len);
        pendingLength += len;
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        emit();
        sink.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        emit();
        closed = true;
        if (framed && !discard) {
            sink.batch().writeBytes(LAST_CHUNK);
        }
        sink.appended();
        sink.ended();
    }

    boolean isClosed() {
        return closed;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the response stream is closed");
        }
    }

    private void emit() {
        if (pendingLength > 0) {
            chunk(pending, 0, pendingLength);
            pendingLength = 0;
        }
    }

    private void chunk(byte[] b, int off, int len) {
        if (discard || len == 0) {
            return;
        }
        ByteBuf out = sink.batch();
        if (framed) {
            out.writeCharSequence(Integer.toHexString(len), StandardCharsets.US_ASCII);
            out.writeByte('\r').writeByte('\n');
            out.writeBytes(b, off, len);
            out.writeByte('\r').writeByte('\n');
        } else {
            out.writeBytes(b, off, len);
        }
        sink.appended();
    }
}
