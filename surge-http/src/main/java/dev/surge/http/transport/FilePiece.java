package dev.surge.http.transport;

import dev.surge.http.codec.FileBodies;

import java.nio.channels.FileChannel;

/**
 * A response's body bytes that lie in a file: queued like a buffer, written as a file region
 * (sendfile) or in pieces read on the loop, see {@link FileWrites}.
 */
record FilePiece(FileChannel file, long position, long count) {

    /** Closes the file when the piece will never be written. */
    void discard() {
        FileBodies.closeQuietly(file);
    }
}
