package dev.surge.http;

import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * How a handler answers. Set the status and any extra headers, then either call one
 * {@code send} method exactly once, which encodes the whole response, or open a
 * {@link #stream} and write the body through it. Server, Date, Content-Type and
 * Content-Length (or Transfer-Encoding) are written by Surge. For HEAD requests the body is
 * left off automatically.
 */
public interface Response {

    /** Sets the status code (200-599, default 200). */
    Response status(int status);

    /**
     * Adds a header. Names must be tokens and values must not hold CR, LF or NUL; a header
     * that Surge writes itself (Content-Length, Date, Server, Connection,
     * Transfer-Encoding) is refused with IllegalArgumentException.
     */
    Response header(String name, String value);

    /** Sends {@code length} bytes of {@code body} from {@code offset}; the array is not kept. */
    void send(ContentType type, byte[] body, int offset, int length);

    /** Sends {@code body} with the given type. The array is not kept after the call. */
    default void send(ContentType type, byte[] body) {
        send(type, body, 0, body.length);
    }

    /** Sends the text UTF-8 encoded with the given type. */
    default void send(ContentType type, String text) {
        send(type, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code text/plain; charset=utf-8}. */
    default void text(String text) {
        send(ContentType.TEXT_PLAIN, text);
    }

    /** Sends the response with no body and no Content-Type (e.g. 204, or 200 with an empty body). */
    void sendEmpty();

    /**
     * Sends {@code count} bytes of {@code file} from {@code position} as the body, with that
     * Content-Length. The bytes go from the page cache straight to the socket where the
     * transport can (sendfile, or splice on io_uring); elsewhere they are read on the event
     * loop in pieces as the client takes them. Never is the whole file held in memory.
     * <p>
     * The response owns {@code file} from this call on: it is closed once sent, when the
     * connection closes first, and at once for HEAD, 204 and 304. A file that turns out
     * shorter than {@code position + count} ends the connection when its end is reached, so
     * the client sees a cut-off body rather than one that looks complete.
     */
    void sendFile(ContentType type, FileChannel file, long position, long count);

    /**
     * Starts a body of unknown length: the head goes out with {@code Transfer-Encoding:
     * chunked} (HTTP/1.0 clients get a body ended by closing the connection), and each flush,
     * or every few KiB, sends a chunk. Closing the stream ends the response. On a deferred
     * response the writing thread waits while the client reads slower than it writes; on the
     * event loop the output is buffered until the handler returns, so stream large bodies
     * from a deferred response.
     */
    OutputStream stream(ContentType type);

    /**
     * Ends the exchange by closing the connection without completing the response: for a
     * handler that failed after the response was committed, so that the client sees a cut-off
     * body rather than one that looks complete.
     */
    void abort();

    /** Whether a response has been sent, or a stream opened. */
    boolean committed();

    /**
     * Hands this response to another thread: the handler may return without answering, and
     * the returned response, usable from any one thread, must then be sent exactly once (or
     * aborted). The connection keeps its place in a queue, so responses keep the request order
     * while the requests after it are handled; a response never sent holds up those behind it.
     * Call it from the handler, before anything was sent.
     */
    AsyncResponse defer();
}
