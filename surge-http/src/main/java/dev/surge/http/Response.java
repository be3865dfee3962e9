package dev.surge.http;

import java.nio.charset.StandardCharsets;

/**
 * How a handler answers. Set the status and any extra headers, then call one {@code send}
 * method exactly once; it encodes the whole response. Server, Date, Content-Type and
 * Content-Length are written by Surge. For HEAD requests the body is left off automatically.
 */
public interface Response {

    /** Sets the status code (100-599, default 200). */
    Response status(int status);

    /**
     * Adds a header. Names must be tokens and values must not hold CR, LF or NUL; a header
     * that Surge writes itself (Content-Length, Date, Server, Connection,
     * Transfer-Encoding) is refused with IllegalArgumentException.
     */
    Response header(String name, String value);

    /** Sends {@code body} with the given type. The array is not kept after the call. */
    void send(ContentType type, byte[] body);

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
}
