package dev.surge.http.codec;

import io.netty.buffer.ByteBuf;

import java.nio.channels.FileChannel;

/**
 * Where encoded responses go: on the event loop, the connection's buffer for the current
 * read batch; after {@code defer()}, a buffer of the deferred response that is handed to the
 * event loop piece by piece.
 */
public interface ResponseSink {

    /** The buffer to append to now. */
    ByteBuf batch();

    /**
     * The buffer to append to now, with room for {@code room} more bytes: a sink that makes
     * its buffer now makes it that large, rather than growing it (a copy) on the way.
     */
    default ByteBuf batch(int room) {
        ByteBuf out = batch();
        out.ensureWritable(room);
        return out;
    }

    /** Called after a response or a chunk was appended, so that a large batch goes out early. */
    void appended();

    /** Sends what was appended so far to the client now (a stream's flush). */
    void flush();

    /**
     * Whether the buffers are direct memory, into which a small file body is read to leave
     * with its head; a sink of heap buffers gets every file body through {@link #file}, so that
     * no file is read into the heap.
     */
    default boolean direct() {
        return true;
    }

    /**
     * The body goes on with {@code count} bytes of {@code file} from {@code position}, after
     * what was appended so far. The sink owns the file from here: it closes it once the bytes
     * are sent, or when they never will be.
     */
    void file(FileChannel file, long position, long count);

    /** The response is complete. */
    void ended();

    /**
     * The body that follows has no length: the connection's close ends it (a stream to an
     * HTTP/1.0 client), so that close must come as soon as the body is out.
     */
    default void endsWithClose() {
    }
}
