package dev.surge.http.codec;

import dev.surge.http.AsyncResponse;
import dev.surge.http.ContentType;
import dev.surge.http.HttpVersion;
import dev.surge.http.Method;
import dev.surge.http.Response;
import io.netty.buffer.ByteBuf;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a response straight into the connection's sink: pre-encoded status line, Server
 * and Date lines, Content-Type line and a Content-Length written digit by digit, so a plain
 * response costs no allocation. One per connection, re-armed for each request.
 * <pre>
 *   begin --send--> SENT
 *   begin --stream--> STREAMING --close--> SENT
 *   begin --defer--> (the same, from another thread, into the connection's deferred sink)
 * </pre>
 * Requests of one connection are answered one at a time, so after {@link #defer()} the
 * writer belongs to the thread that answers until the response ends.
 */
public final class ResponseWriter implements AsyncResponse {
    private static final byte[] CRLF = {'\r', '\n'};
    static final byte[] CONTENT_LENGTH = "Content-Length: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "Connection: close\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEEP_ALIVE = "Connection: keep-alive\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHUNKED = "Transfer-Encoding: chunked\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** {@code N\r\n\r\n} for small bodies: a Content-Length value and the end of the head. */
    private static final byte[][] LENGTH_AND_END = new byte[1024][];

    static {
        for (int n = 0; n < LENGTH_AND_END.length; n++) {
            LENGTH_AND_END[n] = (n + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** What the connection lends a response for the other thread, after {@link #defer()}. */
    public interface Deferral {
        /** The sink a deferred response writes to; called on the event loop. */
        ResponseSink deferredSink();

        /** Runs {@code action} if the connection closes before the response ends. */
        void onAbort(Runnable action);

        /** Closes the connection without ending the response (a handler failed mid-stream). */
        void abort();
    }

    private final ResponseSink loopSink;
    private final Deferral deferral;
    private final DateHeader date;
    private final HeadPrefixCache prefixes = new HeadPrefixCache();

    private ResponseSink sink;
    private int status;
    private List<String> extraHeaders;
    private boolean sent;
    private boolean deferred;
    private boolean aborted;
    private ChunkedOutput stream;
    private boolean headRequest;
    private boolean keepAlive;
    private HttpVersion version;

    public ResponseWriter(ResponseSink loopSink, Deferral deferral, DateHeader date) {
        this.loopSink = loopSink;
        this.deferral = deferral;
        this.date = date;
    }

    /** Arms the writer for the response to {@code request}. */
    public void begin(ParsedRequest request) {
        sink = loopSink;
        status = 200;
        sent = false;
        deferred = false;
        aborted = false;
        stream = null;
        if (extraHeaders != null) {
            extraHeaders.clear();
        }
        headRequest = request.method() == Method.HEAD;
        keepAlive = request.keepAlive();
        version = request.version();
    }

    /** Whether the response was handed to another thread. */
    public boolean deferred() {
        return deferred;
    }

    /** Whether the connection stays open after this response. */
    public boolean keepAlive() {
        return keepAlive;
    }

    /** Whether a stream was opened and is not closed yet. */
    public boolean streaming() {
        return stream != null && !stream.isClosed();
    }

    /** Whether {@link #abort()} was called: the connection closes without ending the response. */
    public boolean aborted() {
        return aborted;
    }

    /** Ends a stream the handler left open. */
    public void endStream() {
        if (streaming() && !aborted) {
            try {
                stream.close();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Override
    public boolean committed() {
        return sent;
    }

    @Override
    public Response status(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be 100-599, got " + status);
        }
        if (status < 200) {
            throw new IllegalArgumentException("1xx responses are sent by Surge itself, not by handlers");
        }
        this.status = status;
        return this;
    }

    @Override
    public Response header(String name, String value) {
        HeaderRules.requireSettable(name, value);
        if (extraHeaders == null) {
            extraHeaders = new ArrayList<>(4);
        }
        extraHeaders.add(name);
        extraHeaders.add(value);
        return this;
    }

    @Override
    public AsyncResponse defer() {
        if (deferred) {
            throw new IllegalStateException("the response is already deferred");
        }
        if (sent) {
            throw new IllegalStateException("a response was already sent for this request");
        }
        deferred = true;
        sink = deferral.deferredSink();
        return this;
    }

    @Override
    public void onAbort(Runnable action) {
        if (!deferred) {
            throw new IllegalStateException("onAbort is for deferred responses: call defer() first");
        }
        deferral.onAbort(action);
    }

    @Override
    public void abort() {
        aborted = true;
        if (deferred) {
            deferral.abort();
        } else {
            keepAlive = false;
        }
    }

    @Override
    public void send(ContentType type, byte[] body, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, body.length);
        encode(type, body, offset, length);
    }

    @Override
    public void sendEmpty() {
        encode(null, null, 0, 0);
    }

    @Override
    public OutputStream stream(ContentType type) {
        markSent();
        boolean bodyAllowed = bodyAllowed();
        boolean framed = version == HttpVersion.HTTP_1_1;
        if (!framed) {
            keepAlive = false;  // an HTTP/1.0 body of unknown length ends when the connection does
        }
        ByteBuf out = sink.batch();
        out.writeBytes(StatusLine.of(status));
        out.writeBytes(date.lines());
        if (bodyAllowed) {
            out.writeBytes(type.headerLine());
            if (framed) {
                out.writeBytes(CHUNKED);
            }
        }
        writeConnectionAndExtras(out);
        out.writeBytes(CRLF);
        sink.appended();
        stream = new ChunkedOutput(sink, framed, headRequest || !bodyAllowed);
        return stream;
    }

    private boolean bodyAllowed() {
        return status != 204 && status != 304;
    }

    private void markSent() {
        if (sent) {
            throw new IllegalStateException("a response was already sent for this request");
        }
        sent = true;
    }

    private void encode(ContentType type, byte[] body, int offset, int length) {
        markSent();
        boolean bodyAllowed = bodyAllowed();
        ByteBuf out = sink.batch();
        out.ensureWritable(256 + (headRequest ? 0 : length));
        boolean plainEnd = keepAlive && version == HttpVersion.HTTP_1_1
                && (extraHeaders == null || extraHeaders.isEmpty());
        if (type != null && bodyAllowed) {
            out.writeBytes(prefixes.get(status, type, date.lines()));
            if (plainEnd && length < LENGTH_AND_END.length) {
                // The common case: the length and the end of the head in one pre-encoded write.
                out.writeBytes(LENGTH_AND_END[length]);
                writeBody(out, body, offset, length);
                return;
            }
            writeDecimal(out, length);
            out.writeBytes(CRLF);
        } else {
            out.writeBytes(StatusLine.of(status));
            out.writeBytes(date.lines());
            if (bodyAllowed) {
                out.writeBytes(CONTENT_LENGTH);
                writeDecimal(out, length);
                out.writeBytes(CRLF);
            }
        }
        writeConnectionAndExtras(out);
        out.writeBytes(CRLF);
        writeBody(out, bodyAllowed ? body : null, offset, length);
    }

    private void writeConnectionAndExtras(ByteBuf out) {
        if (!keepAlive) {
            out.writeBytes(CLOSE);
        } else if (version == HttpVersion.HTTP_1_0) {
            out.writeBytes(KEEP_ALIVE);
        }
        if (extraHeaders != null) {
            for (int i = 0; i < extraHeaders.size(); i += 2) {
                out.writeCharSequence(extraHeaders.get(i), StandardCharsets.US_ASCII);
                out.writeByte(':').writeByte(' ');
                out.writeCharSequence(extraHeaders.get(i + 1), StandardCharsets.ISO_8859_1);
                out.writeBytes(CRLF);
            }
        }
    }

    private void writeBody(ByteBuf out, byte[] body, int offset, int length) {
        if (!headRequest && body != null && length > 0) {
            out.writeBytes(body, offset, length);
        }
        sink.appended();
        sink.ended();
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

    private static void writeDecimal(ByteBuf out, int value) {
        if (value < 10) {
            out.writeByte('0' + value);
            return;
        }
        int digits = 1;
        for (int v = value; v >= 10; v /= 10) {
            digits++;
        }
        int at = out.writerIndex();
        out.ensureWritable(digits);
        for (int i = digits - 1; i >= 0; i--) {
            out.setByte(at + i, '0' + value % 10);
            value /= 10;
        }
        out.writerIndex(at + digits);
    }
}
