package dev.surge.http.codec;

import dev.surge.http.AsyncResponse;
import dev.surge.http.ContentType;
import dev.surge.http.HttpVersion;
import dev.surge.http.Method;
import dev.surge.http.Response;
import dev.surge.http.ServerHealth;
import io.netty.buffer.ByteBuf;

import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a response straight into its sink: pre-encoded status line, Server and Date lines,
 * Content-Type line and a Content-Length written digit by digit, so a plain response costs no
 * allocation. The connection's own writer is re-armed for each request and writes into the
 * read batch; {@link #defer()} hands the response to a new writer of its own, bound to a
 * place in the connection's queue of responses, for another thread to answer.
 * <pre>
 *   begin --send--> SENT
 *   begin --stream--> STREAMING --close--> SENT
 *   begin --defer--> DEFERRED (this writer is done; the returned one goes on, from any one thread)
 * </pre>
 */
public final class ResponseWriter implements AsyncResponse {
    /**
     * File bodies up to this size, answered on the event loop, are read into the response's
     * (direct) buffer, so that they leave with the head in one write (one TCP segment), as
     * responses of bytes do; a head and a sendfile would go out as two. Larger files, and those
     * answered on other threads, whose buffers are on the heap, go by sendfile.
     */
    public static final int FILE_COPY_BYTES = 32 * 1024;
    /** Room asked for a head: enough for the usual lines, and a head that needs more grows its buffer. */
    private static final int HEAD_ROOM = 512;
    /** Where deferred responses go: the connection's queue of responses, in request order. */
    public interface Deferral {
        /** On the event loop: a new place at the end of the queue, for a deferred response. */
        Place newPlace();
    }

    /** One place in the queue of responses: a sink for another thread, and its abort hooks. */
    public interface Place extends ResponseSink {
        /** Runs {@code action} on the event loop if the connection closes before the response ends. */
        void onAbort(Runnable action);

        /** Closes the connection without ending the response (a handler failed mid-stream). */
        void abort();

        /** Whether the connection closes after this response, which the writer decides last. */
        void closeAfter(boolean close);

        /**
         * While the server drains: whether this response may close its connection, i.e. no
         * later request of the connection was taken up; if so, none will be.
         */
        boolean claimLast();

        /** Starts the thread that answers this response, batched with the loop's turn. */
        void start(Thread thread);
    }

    private final ResponseSink sink;
    private final Deferral deferral;
    private final Place place;
    private final DateHeader date;
    /** Its server's: while the server drains, responses close their connection. */
    private final ServerHealth health;
    /** Null for a deferred writer: it answers one response, so a cache would only miss. */
    private final HeadPrefixCache prefixes;

    private int status;
    private List<String> extraHeaders;
    private boolean sent;
    private boolean deferred;
    private boolean aborted;
    private ChunkedOutput stream;
    private boolean headRequest;
    private boolean keepAlive;
    private HttpVersion version;

    /** The connection's own writer, re-armed by {@link #begin} for each request. */
    public ResponseWriter(ResponseSink sink, Deferral deferral, DateHeader date, ServerHealth health) {
        this.sink = sink;
        this.deferral = deferral;
        this.place = null;
        this.date = date;
        this.health = health;
        this.prefixes = new HeadPrefixCache();
    }

    /** A deferred writer for one response, armed as {@code from} was. */
    private ResponseWriter(ResponseWriter from, Place place) {
        this.sink = place;
        this.deferral = null;
        this.place = place;
        this.date = from.date;
        this.health = from.health;
        this.prefixes = null;
        this.status = from.status;
        if (from.extraHeaders != null && !from.extraHeaders.isEmpty()) {
            this.extraHeaders = new ArrayList<>(from.extraHeaders);
        }
        this.headRequest = from.headRequest;
        this.keepAlive = from.keepAlive;
        this.version = from.version;
        place.closeAfter(!keepAlive);
    }

    /** Arms the writer for the response to {@code request}. */
    public void begin(ParsedRequest request) {
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

    /** Whether the response was handed to another writer, for another thread. */
    public boolean deferred() {
        return deferred;
    }

    /** Whether the connection stays open after this response. */
    public boolean keepAlive() {
        return keepAlive;
    }

    /** Whether a stream was opened and is not closed yet. */
    private boolean streaming() {
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
        if (place != null || deferred) {
            throw new IllegalStateException("the response is already deferred");
        }
        if (sent) {
            throw new IllegalStateException("a response was already sent for this request");
        }
        deferred = true;
        return new ResponseWriter(this, deferral.newPlace());
    }

    @Override
    public void onAbort(Runnable action) {
        if (place == null) {
            throw new IllegalStateException("onAbort is for deferred responses: use the one defer() returned");
        }
        place.onAbort(action);
    }

    @Override
    public void start(Thread thread) {
        if (place == null) {
            throw new IllegalStateException("start is for deferred responses: use the one defer() returned");
        }
        place.start(thread);
    }

    @Override
    public void abort() {
        aborted = true;
        keepAlive = false;
        if (place != null) {
            place.abort();
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
    public void sendFile(ContentType type, FileChannel file, long position, long count) {
        boolean handed = false;
        try {
            if (position < 0 || count < 0) {
                throw new IllegalArgumentException("file position and count must not be negative: " + position + ", " + count);
            }
            markSent();
            boolean bodyAllowed = bodyAllowed();
            boolean body = bodyAllowed && !headRequest && count > 0;
            boolean shared = file instanceof SharedFileChannel;
            if (shared && count > FILE_COPY_BYTES) {
                throw new IllegalArgumentException("a shared file view is copied, so at most " + FILE_COPY_BYTES
                        + " bytes of it can be sent; got " + count);
            }
            boolean copied = body && (shared || count <= FILE_COPY_BYTES && sink.direct());
            ByteBuf out = sink.batch(HEAD_ROOM + (copied ? (int) count : 0));
            int headStart = out.writerIndex();
            out.writeBytes(StatusLine.of(status));
            out.writeBytes(date.lines());
            if (bodyAllowed) {
                out.writeBytes(type.headerLine());
                out.writeBytes(HeadLines.CONTENT_LENGTH);
                HeadLines.writeDecimal(out, count);
                out.writeBytes(HeadLines.CRLF);
            }
            writeConnectionAndExtras(out);
            out.writeBytes(HeadLines.CRLF);
            if (copied) {
                if (!FileBodies.copy(file, position, (int) count, out, headStart)) {
                    // Shorter than promised: as when it shrinks while being sent, the connection ends.
                    abort();
                    return;
                }
                body = false;
            }
            sink.appended();
            if (body) {
                handed = true;
                sink.file(file, position, count);
            }
            sink.ended();
        } finally {
            if (!handed) {
                FileBodies.closeQuietly(file);
            }
        }
    }

    @Override
    public OutputStream stream(ContentType type) {
        markSent();
        boolean bodyAllowed = bodyAllowed();
        boolean framed = version == HttpVersion.HTTP_1_1;
        if (!framed) {
            keepAlive = false;  // an HTTP/1.0 body of unknown length ends when the connection does
            if (place != null) {
                place.closeAfter(true);
            }
            if (bodyAllowed && !headRequest) {
                sink.endsWithClose();
            }
        }
        ByteBuf out = sink.batch();
        out.writeBytes(StatusLine.of(status));
        out.writeBytes(date.lines());
        if (bodyAllowed) {
            out.writeBytes(type.headerLine());
            if (framed) {
                out.writeBytes(HeadLines.CHUNKED);
            }
        }
        writeConnectionAndExtras(out);
        out.writeBytes(HeadLines.CRLF);
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
        if (keepAlive && health.draining() && (place == null || place.claimLast())) {
            // The server is stopping: Connection: close, and the connection closes after this,
            // unless a request taken up after this one is to be answered (the last one closes).
            // An answer on the loop is the latest request taken up; a deferred one must win
            // its place's succession first (transport's ConnectionLife.Succession).
            keepAlive = false;
            if (place != null) {
                place.closeAfter(true);
            }
        }
    }

    private void encode(ContentType type, byte[] body, int offset, int length) {
        markSent();
        boolean bodyAllowed = bodyAllowed();
        ByteBuf out = sink.batch(HEAD_ROOM + (headRequest ? 0 : length));
        boolean plainEnd = keepAlive && version == HttpVersion.HTTP_1_1
                && (extraHeaders == null || extraHeaders.isEmpty());
        if (type != null && bodyAllowed) {
            if (prefixes != null) {
                out.writeBytes(prefixes.get(status, type, date.lines()));
            } else {
                out.writeBytes(StatusLine.of(status));
                out.writeBytes(date.lines());
                out.writeBytes(type.headerLine());
                out.writeBytes(HeadLines.CONTENT_LENGTH);
            }
            if (plainEnd && length < HeadLines.LENGTH_AND_END.length) {
                // The common case: the length and the end of the head in one pre-encoded write.
                out.writeBytes(HeadLines.LENGTH_AND_END[length]);
                writeBody(out, body, offset, length);
                return;
            }
            HeadLines.writeDecimal(out, length);
            out.writeBytes(HeadLines.CRLF);
        } else {
            out.writeBytes(StatusLine.of(status));
            out.writeBytes(date.lines());
            if (bodyAllowed) {
                out.writeBytes(HeadLines.CONTENT_LENGTH);
                HeadLines.writeDecimal(out, length);
                out.writeBytes(HeadLines.CRLF);
            }
        }
        writeConnectionAndExtras(out);
        out.writeBytes(HeadLines.CRLF);
        writeBody(out, bodyAllowed ? body : null, offset, length);
    }

    private void writeConnectionAndExtras(ByteBuf out) {
        if (!keepAlive) {
            out.writeBytes(HeadLines.CLOSE);
        } else if (version == HttpVersion.HTTP_1_0) {
            out.writeBytes(HeadLines.KEEP_ALIVE);
        }
        if (extraHeaders != null) {
            for (int i = 0; i < extraHeaders.size(); i += 2) {
                out.writeCharSequence(extraHeaders.get(i), StandardCharsets.US_ASCII);
                out.writeByte(':').writeByte(' ');
                out.writeCharSequence(extraHeaders.get(i + 1), StandardCharsets.ISO_8859_1);
                out.writeBytes(HeadLines.CRLF);
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
}
