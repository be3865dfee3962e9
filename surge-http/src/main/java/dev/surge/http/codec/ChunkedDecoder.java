package dev.surge.http.codec;

import dev.surge.http.RequestLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

/**
 * Decodes a chunked body (RFC 9112 §7.1) into a buffer of its own, resuming where the bytes
 * ran out.
 * <pre>
 *   SIZE_LINE --size &gt; 0--> DATA --> DATA_END (CRLF) --> SIZE_LINE
 *   SIZE_LINE --size 0--> TRAILERS --empty line--> DONE
 * </pre>
 * Chunk extensions are checked for syntax and ignored; trailer fields are kept in the
 * request's field table after the headers.
 */
final class ChunkedDecoder {
    enum State { SIZE_LINE, DATA, DATA_END, TRAILERS, DONE }

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    /** Significant hex digits a chunk size may have: more cannot be a real size. */
    private static final int MAX_SIZE_DIGITS = 15;
    /** Framing bytes allowed beyond the body limit, so small bodies may use small chunks. */
    private static final int MIN_FRAMING_ALLOWANCE = 64 * 1024;

    private final RequestLimits limits;
    private final FieldTable fields;
    private final ByteBufAllocator alloc;

    private State state = State.DONE;
    private int bodyStart;
    /** Next byte to read, relative to the message start. */
    private int pos;
    private int chunkRemaining;
    private int trailerStart;
    private ByteBuf body;

    ChunkedDecoder(RequestLimits limits, FieldTable fields, ByteBufAllocator alloc) {
        this.limits = limits;
        this.fields = fields;
        this.alloc = alloc;
    }

    void start(int bodyStart) {
        this.bodyStart = bodyStart;
        this.pos = bodyStart;
        this.state = State.SIZE_LINE;
    }

    void reset() {
        state = State.DONE;
        if (body != null) {
            body.release();
            body = null;
        }
    }

    /** The decoded body; empty when there was no data. Owned by this decoder. */
    ByteBuf body() {
        return body == null ? Unpooled.EMPTY_BUFFER : body;
    }

    /** The message length: where the trailer section ended, relative to the message start. */
    int end() {
        return pos;
    }

    boolean decode(Bytes buf) {
        int base = buf.readerIndex();
        int limit = buf.writerIndex();
        while (true) {
            switch (state) {
                case SIZE_LINE -> {
                    if (!readSizeLine(buf, base, limit)) {
                        return false;
                    }
                }
                case DATA -> {
                    int n = Math.min(limit - (base + pos), chunkRemaining);
                    if (n > 0) {
                        if (body == null) {
                            body = alloc.heapBuffer(Math.min(chunkRemaining, 64 * 1024), limits.maxBodyBytes());
                        }
                        body.writeBytes(buf.buf(), base + pos, n);
                        pos += n;
                        chunkRemaining -= n;
                    }
                    if (chunkRemaining > 0) {
                        return false;
                    }
                    state = State.DATA_END;
                }
                case DATA_END -> {
                    int available = limit - (base + pos);
                    if (available >= 1 && buf.at(base + pos) != CR
                            || available >= 2 && buf.at(base + pos + 1) != LF) {
                        throw HttpError.badRequest("chunk data must be followed by CRLF");
                    }
                    if (available < 2) {
                        return false;
                    }
                    pos += 2;
                    checkFramingOverhead();
                    state = State.SIZE_LINE;
                }
                case TRAILERS -> {
                    if (!readTrailerLine(buf, base, limit)) {
                        return false;
                    }
                }
                case DONE -> {
                    return true;
                }
            }
        }
    }

    private boolean readSizeLine(Bytes buf, int base, int limit) {
        int lineStart = base + pos;
        int lf = buf.indexOf(lineStart, limit, LF);
        if (lf < 0 && limit - lineStart > limits.maxChunkLine() || lf + 1 - lineStart > limits.maxChunkLine()) {
            throw HttpError.badRequest("chunk size line longer than " + limits.maxChunkLine()
                    + " bytes (chunk extensions too long)");
        }
        if (lf < 0) {
            return false;
        }
        if (lf == lineStart || buf.at(lf - 1) != CR) {
            throw HttpError.badRequest("chunk size line must end with CRLF, not a bare LF");
        }
        int lineEnd = lf - 1;
        int i = lineStart;
        long size = 0;
        int significant = 0;
        while (i < lineEnd && CharClass.is(buf.at(i), CharClass.HEX)) {
            size = size << 4 | CharClass.hexValue(buf.at(i));
            // Counted while non-zero, not positive: a 16th digit may turn the long negative.
            if (size != 0 && ++significant > MAX_SIZE_DIGITS) {
                throw HttpError.badRequest("chunk size overflows");
            }
            i++;
        }
        if (i == lineStart) {
            throw HttpError.badRequest("malformed chunk size: expected hexadecimal digits");
        }
        ChunkExtensions.validate(buf, i, lineEnd);
        pos = lf + 1 - base;
        if (size == 0) {
            trailerStart = pos;
            state = State.TRAILERS;
            return true;
        }
        long decoded = body == null ? 0 : body.readableBytes();
        if (decoded + size > limits.maxBodyBytes()) {
            throw new HttpError(413, "chunked body exceeds the limit of " + limits.maxBodyBytes() + " bytes");
        }
        chunkRemaining = (int) size;
        state = State.DATA;
        return true;
    }

    private void checkFramingOverhead() {
        long framing = pos - bodyStart - (long) body().readableBytes();
        if (framing > Math.max(limits.maxBodyBytes(), MIN_FRAMING_ALLOWANCE)) {
            throw new HttpError(413, "chunked framing overhead exceeds the body limit; use larger chunks");
        }
    }

    private boolean readTrailerLine(Bytes buf, int base, int limit) {
        int lineStart = base + pos;
        int lf = buf.indexOf(lineStart, limit, LF);
        int sectionEnd = lf < 0 ? limit : lf + 1;
        if (sectionEnd - (base + trailerStart) > limits.maxHeaderBytes()) {
            throw new HttpError(431, "trailer section larger than " + limits.maxHeaderBytes() + " bytes");
        }
        if (lf < 0) {
            return false;
        }
        if (lf == lineStart || buf.at(lf - 1) != CR) {
            throw HttpError.badRequest("trailer lines must end with CRLF, not a bare LF");
        }
        pos = lf + 1 - base;
        if (lf - 1 == lineStart) {
            state = State.DONE;
        } else {
            int field = fields.parseLine(buf, base, lineStart, lf - 1, "trailer");
            fields.checkValue(buf, base, field, "trailer");
        }
        return true;
    }
}
