package dev.surge.client.wire;

/**
 * An HTTP/1.1 response parser over byte arrays: a state machine that never copies and never
 * allocates, fed whatever the socket delivered. Lines (status, header, chunk size, trailer)
 * must be whole to be parsed: {@link #parse} consumes up to the last complete line and leaves
 * an incomplete one for the caller to offer again with more bytes ({@link ResponseReader} does
 * that). Body bytes are consumed as they come.
 * <pre>
 *   STATUS_LINE ─▶ HEADER ─┬─(1xx)───────────────────────────▶ STATUS_LINE
 *                          ├─(Content-Length)─▶ FIXED_BODY ───▶ complete
 *                          ├─(chunked)─▶ CHUNK_SIZE ⇄ CHUNK_DATA ─(0)─▶ TRAILER ─▶ complete
 *                          ├─(HEAD, 204, 304)─────────────────▶ complete
 *                          └─(no length)─▶ UNTIL_CLOSE ─(closed)─▶ complete
 * </pre>
 * Refuses what would make the framing ambiguous (two different Content-Lengths, a bad chunk
 * size) with a {@link MalformedResponseException}; the connection must then be closed.
 */
public final class ResponseParser {
    private static final long MAX_LENGTH = Long.MAX_VALUE / 16;

    private enum State { STATUS_LINE, HEADER, FIXED_BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_DATA_END, TRAILER, UNTIL_CLOSE, FAILED }

    private final ResponseListener listener;
    private final int maxLine;
    private State state = State.STATUS_LINE;
    private boolean headRequest;
    private int status;
    private boolean http10;
    private boolean close;
    private boolean keepAlive;
    private boolean chunked;
    private long contentLength;
    private long remaining;

    /**
     * @param listener told about every response
     * @param maxLine the longest status, header or chunk-size line accepted
     */
    public ResponseParser(ResponseListener listener, int maxLine) {
        this.listener = listener;
        this.maxLine = maxLine;
    }

    /** Whether the responses parsed from now on answer HEAD requests, which have no body. */
    public void headRequest(boolean head) {
        this.headRequest = head;
    }

    /** Whether the parser is between responses (nothing of the next one seen yet). */
    public boolean idle() {
        return state == State.STATUS_LINE;
    }

    /**
     * Parses {@code buf[offset, offset + length)}.
     *
     * @return how many bytes were consumed; the rest, at most one incomplete line, must be
     *         offered again, followed by the bytes that come next
     * @throws MalformedResponseException when the bytes are no valid response
     */
    public int parse(byte[] buf, int offset, int length) throws MalformedResponseException {
        int pos = offset;
        int end = offset + length;
        while (pos < end) {
            switch (state) {
                case FIXED_BODY, CHUNK_DATA, UNTIL_CLOSE -> {
                    int n = (int) Math.min(remaining, end - pos);
                    if (n > 0) {
                        listener.onContent(buf, pos, n);
                        pos += n;
                    }
                    if (state != State.UNTIL_CLOSE) {
                        remaining -= n;
                        if (remaining == 0) {
                            if (state == State.FIXED_BODY) {
                                complete();
                            } else {
                                state = State.CHUNK_DATA_END;
                            }
                        }
                    }
                }
                case FAILED -> throw new MalformedResponseException("the response was already malformed");
                default -> {
                    int lf = indexOfLf(buf, pos, end);
                    if (lf < 0) {
                        if (end - pos > maxLine) {
                            throw fail("a line longer than " + maxLine + " bytes");
                        }
                        return pos - offset;
                    }
                    int lineEnd = lf > pos && buf[lf - 1] == '\r' ? lf - 1 : lf;
                    if (lineEnd - pos > maxLine) {
                        throw fail("a line longer than " + maxLine + " bytes");
                    }
                    line(buf, pos, lineEnd);
                    pos = lf + 1;
                }
            }
        }
        return pos - offset;
    }

    /**
     * The connection closed. Completes a body that was delimited by the close.
     *
     * @return whether the close came between responses (or ended such a body); false when a
     *         response was cut off
     */
    public boolean closed() {
        if (state == State.UNTIL_CLOSE) {
            complete();
            return true;
        }
        return state == State.STATUS_LINE;
    }

    private void line(byte[] buf, int start, int end) throws MalformedResponseException {
        switch (state) {
            case STATUS_LINE -> statusLine(buf, start, end);
            case HEADER -> {
                if (start == end) {
                    endOfHead();
                } else {
                    header(buf, start, end);
                }
            }
            case CHUNK_SIZE -> chunkSize(buf, start, end);
            case CHUNK_DATA_END -> {
                if (start != end) {
                    throw fail("chunk data longer than its size");
                }
                state = State.CHUNK_SIZE;
            }
            case TRAILER -> {
                if (start == end) {
                    complete();
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    private void statusLine(byte[] buf, int start, int end) throws MalformedResponseException {
        // "HTTP/1.x SSS[ reason]"
        if (end - start < 12 || buf[start] != 'H' || buf[start + 1] != 'T' || buf[start + 2] != 'T' || buf[start + 3] != 'P'
                || buf[start + 4] != '/' || buf[start + 5] != '1' || buf[start + 6] != '.' || buf[start + 8] != ' '
                || (end - start > 12 && buf[start + 12] != ' ')) {
            throw fail("not an HTTP/1.x status line: '" + Ascii.printable(buf, start, end) + "'");
        }
        int s0 = buf[start + 9] - '0';
        int s1 = buf[start + 10] - '0';
        int s2 = buf[start + 11] - '0';
        if (s0 < 1 || s0 > 9 || s1 < 0 || s1 > 9 || s2 < 0 || s2 > 9) {
            throw fail("a bad status code: '" + Ascii.printable(buf, start, end) + "'");
        }
        status = s0 * 100 + s1 * 10 + s2;
        http10 = buf[start + 7] == '0';
        close = false;
        keepAlive = false;
        chunked = false;
        contentLength = -1;
        state = State.HEADER;
    }

    private void header(byte[] buf, int start, int end) throws MalformedResponseException {
        int colon = start;
        while (colon < end && buf[colon] != ':') {
            colon++;
        }
        if (colon == end || colon == start || buf[colon - 1] == ' ' || buf[colon - 1] == '\t') {
            throw fail("a malformed header line: '" + Ascii.printable(buf, start, end) + "'");
        }
        int vs = colon + 1;
        while (vs < end && (buf[vs] == ' ' || buf[vs] == '\t')) {
            vs++;
        }
        int ve = end;
        while (ve > vs && (buf[ve - 1] == ' ' || buf[ve - 1] == '\t')) {
            ve--;
        }
        int nameLength = colon - start;
        if (nameLength == 14 && Ascii.equalsLower(buf, start, "content-length")) {
            contentLength(buf, vs, ve);
        } else if (nameLength == 17 && Ascii.equalsLower(buf, start, "transfer-encoding")) {
            // Only a final "chunked" frames the body; any other coding runs until the close.
            chunked = ve - vs >= 7 && Ascii.equalsLower(buf, ve - 7, "chunked")
                    && (ve - 7 == vs || buf[ve - 8] == ',' || buf[ve - 8] == ' ' || buf[ve - 8] == '\t');
        } else if (nameLength == 10 && Ascii.equalsLower(buf, start, "connection")) {
            close |= Ascii.containsTokenLower(buf, vs, ve, "close");
            keepAlive |= Ascii.containsTokenLower(buf, vs, ve, "keep-alive");
        }
        if (status >= 200) {
            listener.onHeader(buf, start, colon, vs, ve);
        }
    }

    private void contentLength(byte[] buf, int start, int end) throws MalformedResponseException {
        long value = 0;
        if (start == end) {
            throw fail("an empty Content-Length");
        }
        for (int i = start; i < end; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9 || value > MAX_LENGTH) {
                throw fail("a bad Content-Length: '" + Ascii.printable(buf, start, end) + "'");
            }
            value = value * 10 + d;
        }
        if (contentLength >= 0 && contentLength != value) {
            throw fail("two different Content-Lengths");
        }
        contentLength = value;
    }

    private void endOfHead() throws MalformedResponseException {
        if (status == 101) {
            throw fail("101 Switching Protocols, though no request asked to upgrade");
        }
        if (status < 200) {
            state = State.STATUS_LINE; // interim response: the final one follows
            return;
        }
        if (http10 && !keepAlive) {
            close = true;
        }
        if (headRequest || status == 204 || status == 304) {
            complete();
        } else if (chunked) {
            state = State.CHUNK_SIZE;
        } else if (contentLength == 0) {
            complete();
        } else if (contentLength > 0) {
            remaining = contentLength;
            state = State.FIXED_BODY;
        } else {
            close = true;
            remaining = Long.MAX_VALUE;
            state = State.UNTIL_CLOSE;
        }
    }

    private void chunkSize(byte[] buf, int start, int end) throws MalformedResponseException {
        long size = 0;
        int i = start;
        for (; i < end; i++) {
            int b = buf[i];
            int d = b >= '0' && b <= '9' ? b - '0' : b >= 'a' && b <= 'f' ? b - 'a' + 10 : b >= 'A' && b <= 'F' ? b - 'A' + 10 : -1;
            if (d < 0) {
                break;
            }
            if (size > MAX_LENGTH) {
                throw fail("a chunk size too large");
            }
            size = size * 16 + d;
        }
        if (i == start || (i < end && buf[i] != ';' && buf[i] != ' ' && buf[i] != '\t')) {
            throw fail("a bad chunk size line: '" + Ascii.printable(buf, start, end) + "'");
        }
        if (size == 0) {
            state = State.TRAILER;
        } else {
            remaining = size;
            state = State.CHUNK_DATA;
        }
    }

    private void complete() {
        state = State.STATUS_LINE;
        listener.onComplete(status, close);
    }

    private MalformedResponseException fail(String what) {
        state = State.FAILED;
        return new MalformedResponseException("malformed response: " + what);
    }

    private static int indexOfLf(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
