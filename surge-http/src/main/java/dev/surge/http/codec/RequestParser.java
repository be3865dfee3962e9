package dev.surge.http.codec;

import dev.surge.http.HttpVersion;
import dev.surge.http.Method;
import dev.surge.http.RequestLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Parses one HTTP/1.1 request at a time from a connection's receive buffer, strictly by
 * RFC 9112 and RFC 9110, resuming wherever the bytes ran out.
 * <pre>
 *   REQUEST_LINE --CRLF--> HEADERS --empty line--> {@link Framing} --+--> COMPLETE (no body)
 *                                                                  +--> BODY ------> COMPLETE
 *                                                                  +--> CHUNKED ---> COMPLETE
 * </pre>
 * Every offset it records is relative to the message start, which is the buffer's reader
 * index; the caller moves the reader index past {@link #messageLength()} once it has answered
 * the request, then calls {@link #reset()}. Bad input throws {@link HttpError}; after that the
 * parser must not be fed again.
 */
public final class RequestParser {
    enum State { REQUEST_LINE, HEADERS, BODY, CHUNKED, COMPLETE }

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte SP = ' ';
    /** Empty lines tolerated before a request line (RFC 9112 §2.2). */
    private static final int MAX_LEADING_EMPTY_LINES = 8;


    private final RequestLimits limits;
    private final Bytes bytes = new Bytes();
    final FieldTable fields;
    final ChunkedDecoder chunked;
    final Framing framing;

    private State state = State.REQUEST_LINE;
    /** Where the search for the next line end resumes. */
    private int scan;
    private int leadingEmptyLines;

    Method method;
    HttpVersion version;
    final RequestTarget target = new RequestTarget();
    private int headEnd;

    private boolean continueOwed;

    int bodyStart;
    int bodyLength;
    private int messageLength;

    public RequestParser(RequestLimits limits, ByteBufAllocator alloc) {
        this.limits = limits;
        this.fields = new FieldTable(limits.maxHeaderCount());
        this.chunked = new ChunkedDecoder(limits, fields, alloc);
        this.framing = new Framing(limits, fields);
    }

    /** Readies the parser for the next message on the connection. */
    public void reset() {
        state = State.REQUEST_LINE;
        scan = 0;
        leadingEmptyLines = 0;
        method = null;
        version = null;
        target.reset();
        fields.reset();
        framing.reset();
        chunked.reset();
        continueOwed = false;
        bodyStart = 0;
        bodyLength = 0;
        messageLength = 0;
    }

    /** Frees what the parser holds outside the receive buffer. */
    public void release() {
        chunked.reset();
    }

    /**
     * Parses what {@code buf} holds from its reader index. Returns true once a whole request
     * is there; false when more bytes are needed.
     */
    public boolean parse(ByteBuf received) {
        return parse(bytes.of(received));
    }

    /** The states run into each other as far as the bytes go: the fall-throughs are the machine's edges. */
    @SuppressWarnings("fallthrough")
    private boolean parse(Bytes buf) {
        switch (state) {
            case REQUEST_LINE:
                if (!parseRequestLine(buf)) {
                    return false;
                }
                state = State.HEADERS;
                // fall through
            case HEADERS:
                if (!parseHeaders(buf)) {
                    return false;
                }
                startBody(buf.readerIndex(), buf.writerIndex());
                if (state == State.COMPLETE) {
                    return true;
                }
                if (state == State.CHUNKED) {
                    return parse(buf);
                }
                // fall through
            case BODY:
                if (buf.readableBytes() - bodyStart < bodyLength) {
                    return false;
                }
                messageLength = bodyStart + bodyLength;
                state = State.COMPLETE;
                return true;
            case CHUNKED:
                if (!chunked.decode(buf)) {
                    return false;
                }
                messageLength = chunked.end();
                bodyLength = chunked.body().readableBytes();
                state = State.COMPLETE;
                return true;
            case COMPLETE:
                return true;
            default:
                throw new IllegalStateException(state.name());
        }
    }

    /** Bytes of the whole message on the wire; valid once {@link #parse} returned true. */
    public int messageLength() {
        return messageLength;
    }

    /** Where the body starts, from the message's start; valid once the head is complete. */
    public int bodyStart() {
        return bodyStart;
    }

    /** Whether the head of the request being parsed is complete (its body may still be coming). */
    public boolean headComplete() {
        return state != State.REQUEST_LINE && state != State.HEADERS;
    }

    /** True once, when the client asked for 100 Continue and its body has not started yet. */
    public boolean takeContinue() {
        boolean owed = continueOwed;
        continueOwed = false;
        return owed;
    }

    private boolean parseRequestLine(Bytes buf) {
        int base = buf.readerIndex();
        int end = buf.writerIndex();
        while (scan == 0 && end - base >= 2 && buf.at(base) == CR && buf.at(base + 1) == LF) {
            if (++leadingEmptyLines > MAX_LEADING_EMPTY_LINES) {
                throw HttpError.badRequest("too many empty lines before the request line");
            }
            base += 2;
            buf.readerIndex(base);
        }
        if (scan == 0 && end - base == 1 && buf.at(base) == CR) {
            return false;
        }
        int lf = buf.indexOf(base + scan, end, LF);
        if (lf < 0) {
            if (end - base > limits.maxRequestLine()) {
                throw new HttpError(414, "request line longer than " + limits.maxRequestLine() + " bytes, its CRLF included");
            }
            scan = end - base;
            return false;
        }
        if (lf + 1 - base > limits.maxRequestLine()) {
            throw new HttpError(414, "request line longer than " + limits.maxRequestLine() + " bytes, its CRLF included");
        }
        if (lf == base || buf.at(lf - 1) != CR) {
            throw HttpError.badRequest("the request line must end with CRLF, not a bare LF");
        }
        int lineEnd = lf - 1;
        int methodEnd = base;
        while (methodEnd < lineEnd && CharClass.is(buf.at(methodEnd), CharClass.TOKEN)) {
            methodEnd++;
        }
        if (methodEnd == base || methodEnd == lineEnd || buf.at(methodEnd) != SP) {
            throw HttpError.badRequest("malformed request line: expected METHOD SP TARGET SP HTTP-VERSION");
        }
        method = MethodNames.match(buf, base, methodEnd);
        if (method == null) {
            throw new HttpError(501, "method '" + buf.toString(base, methodEnd - base,
                    java.nio.charset.StandardCharsets.US_ASCII) + "' is not implemented");
        }
        int targetEnd = target.parse(buf, base, methodEnd + 1, lineEnd);
        if (targetEnd == lineEnd) {
            throw HttpError.badRequest("the request line has no HTTP version (HTTP/0.9 is not supported)");
        }
        version = parseVersion(buf, targetEnd + 1, lineEnd);
        if (target.isAsterisk() && method != Method.OPTIONS) {
            throw HttpError.badRequest("the target '*' is only allowed with OPTIONS");
        }
        scan = lf + 1 - base;
        return true;
    }

    private static final long HTTP_1_1 = asciiLong("HTTP/1.1");
    private static final long HTTP_1_0 = asciiLong("HTTP/1.0");

    private static long asciiLong(String eight) {
        long word = 0;
        for (int i = 0; i < 8; i++) {
            word = word << 8 | eight.charAt(i);
        }
        return word;
    }

    private static HttpVersion parseVersion(Bytes buf, int start, int end) {
        if (end - start == 8) {
            long word = buf.longAt(start);
            if (word == HTTP_1_1) {
                return HttpVersion.HTTP_1_1;
            }
            if (word == HTTP_1_0) {
                return HttpVersion.HTTP_1_0;
            }
        }
        if (end - start != 8 || buf.at(start) != 'H' || buf.at(start + 1) != 'T'
                || buf.at(start + 2) != 'T' || buf.at(start + 3) != 'P'
                || buf.at(start + 4) != '/' || !isDigit(buf.at(start + 5))
                || buf.at(start + 6) != '.' || !isDigit(buf.at(start + 7))) {
            throw HttpError.badRequest("malformed HTTP version: expected HTTP/1.1 or HTTP/1.0");
        }
        int major = buf.at(start + 5) - '0';
        int minor = buf.at(start + 7) - '0';
        if (major != 1) {
            throw new HttpError(505, "HTTP/" + major + "." + minor + " is not supported; use HTTP/1.1");
        }
        return minor == 0 ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private boolean parseHeaders(Bytes buf) {
        int base = buf.readerIndex();
        int end = buf.writerIndex();
        while (true) {
            int lineStart = base + scan;
            int lf = buf.indexOf(lineStart, end, LF);
            if (lf < 0) {
                if (end - base > limits.maxHeaderBytes()) {
                    throw headerSectionTooLarge();
                }
                return false;
            }
            if (lf + 1 - base > limits.maxHeaderBytes()) {
                throw headerSectionTooLarge();
            }
            if (lf == lineStart || buf.at(lf - 1) != CR) {
                throw HttpError.badRequest("header lines must end with CRLF, not a bare LF");
            }
            scan = lf + 1 - base;
            if (lf - 1 == lineStart) {
                headEnd = scan;
                fields.endHeaders();
                return true;
            }
            int field = fields.parseLine(buf, base, lineStart, lf - 1, "header");
            framing.noteHeader(buf, base, field);
        }
    }

    private HttpError headerSectionTooLarge() {
        return new HttpError(431, "request header section larger than " + limits.maxHeaderBytes() + " bytes");
    }

    /** Sets up the body, once the header section is complete, as the framing rules decide. */
    private void startBody(int base, int end) {
        bodyStart = headEnd;
        switch (framing.decide(version)) {
            case CHUNKED -> {
                state = State.CHUNKED;
                chunked.start(headEnd);
            }
            case FIXED -> {
                bodyLength = (int) framing.contentLength();
                state = State.BODY;
            }
            case NONE -> {
                messageLength = headEnd;
                state = State.COMPLETE;
                return;
            }
        }
        continueOwed = framing.expectsContinue(version) && end - base == headEnd;
    }
}
