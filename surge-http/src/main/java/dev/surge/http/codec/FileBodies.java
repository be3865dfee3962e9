package dev.surge.http.codec;

import io.netty.buffer.ByteBuf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;

/** What the writer does with the file of a file body besides handing it on: copy a small one in, close one it will not send. */
public final class FileBodies {
    private FileBodies() {
    }

    /**
     * Reads {@code count} bytes of the file into {@code out}, after the head. False, with the
     * head taken back out, when the file ends first; an I/O error also takes the head back.
     */
    static boolean copy(FileChannel file, long position, int count, ByteBuf out, int headStart) {
        out.ensureWritable(count);
        try {
            for (int done = 0; done < count; ) {
                int n = out.writeBytes(file, position + done, count - done);
                if (n < 0) {
                    out.writerIndex(headStart);
                    return false;
                }
                done += n;
            }
            return true;
        } catch (IOException e) {
            out.writerIndex(headStart);
            throw new UncheckedIOException("cannot read the file to send: " + e.getMessage(), e);
        }
    }

    /** Closes a read-only file whose bytes were not, or no longer, to be sent. */
    public static void closeQuietly(FileChannel file) {
        try {
            file.close();
        } catch (IOException e) {
            // A read-only file whose bytes were not sent: nothing to lose.
        }
    }
}
