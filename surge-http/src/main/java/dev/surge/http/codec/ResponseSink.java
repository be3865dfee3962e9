package dev.surge.http.codec;

import io.netty.buffer.ByteBuf;

/**
 * Where encoded responses go: on the event loop, the connection's buffer for the current
 * read batch; after {@code defer()}, a buffer of the deferred response that is handed to the
 * event loop piece by piece.
 */
public interface ResponseSink {

    /** The buffer to append to now. */
    ByteBuf batch();

    /** Called after a response or a chunk was appended, so that a large batch goes out early. */
    void appended();

    /** Sends what was appended so far to the client now (a stream's flush). */
    void flush();

    /** The response is complete. */
    void ended();
}
