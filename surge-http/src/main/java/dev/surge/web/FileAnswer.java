package dev.surge.web;

import dev.surge.http.ContentType;
import dev.surge.http.Response;
import dev.surge.http.codec.FileBodies;

import java.nio.channels.FileChannel;

/**
 * A file a handler answered with: open, and the Context's, until the response takes it (then
 * {@link #taken()}); its byte count stays for the access log. In an object of its own so that
 * every other answer's Context stays small.
 */
final class FileAnswer {
    private FileChannel channel;
    private final long position;
    private final long count;

    FileAnswer(FileChannel channel, long position, long count) {
        this.channel = channel;
        this.position = position;
        this.count = count;
    }

    long count() {
        return count;
    }

    boolean taken() {
        return channel == null;
    }

    /** Hands the file to the response, which owns it from here, whatever happens. */
    void sendTo(Response response, ContentType type) {
        FileChannel sent = channel;
        channel = null;
        response.sendFile(type, sent, position, count);
    }

    /** Closes the file, unless the response took it. */
    void close() {
        if (channel != null) {
            FileBodies.closeQuietly(channel);
            channel = null;
        }
    }
}
