package dev.surge.http.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.stream.ChunkedWriteHandler;

/**
 * A connection's file bodies on their way out. A socket sends each with sendfile (epoll,
 * NIO) or splice (io_uring) as a {@link DefaultFileRegion}; other channels (the in-memory
 * transport) get it in pieces read as the peer takes them, through a
 * {@link ChunkedWriteHandler} added in front of the connection's handler on the first file.
 * All of it on the event loop.
 */
final class FileWrites {
    /**
     * File bodies handed to the channel and not yet sent, beyond which the connection stops
     * parsing: each holds an open file, and the channel does not count their bytes as
     * pending, so without this a client pipelining requests for a large file would hold a
     * descriptor per request.
     */
    static final int MAX_IN_FLIGHT = 16;
    /** Piece size of files sent without sendfile. */
    private static final int CHUNK_BYTES = 64 * 1024;

    private final ChannelHandlerContext ctx;
    /** Run, in a task of its own, when room for files opens again. */
    private final Runnable resume;
    private final boolean zeroCopy;
    private boolean chunkedWriterAdded;
    private int inFlight;

    FileWrites(ChannelHandlerContext ctx, Runnable resume) {
        this.ctx = ctx;
        this.resume = resume;
        this.zeroCopy = ctx.channel() instanceof SocketChannel;
    }

    /** Writes a file body after what was written before it. */
    void write(FilePiece file) {
        inFlight++;
        if (zeroCopy) {
            ctx.write(new SentFile(file), ctx.voidPromise());
            return;
        }
        if (!chunkedWriterAdded) {
            chunkedWriterAdded = true;
            ctx.pipeline().addBefore(ctx.name(), null, new ChunkedWriteHandler());
        }
        ctx.write(new FileChunks(file, CHUNK_BYTES, this::done), ctx.voidPromise());
    }

    /** Whether the connection must wait for files to be sent before it parses more. */
    boolean full() {
        return inFlight >= MAX_IN_FLIGHT;
    }

    boolean none() {
        return inFlight == 0;
    }

    /** A file body was sent, or failed. */
    private void done() {
        if (inFlight-- == MAX_IN_FLIGHT) {
            // Called from inside the channel's flush; resume in a task of its own.
            ctx.channel().eventLoop().execute(resume);
        }
    }

    /** A file region that says when it is done with (sent, or dropped with the channel). */
    private final class SentFile extends DefaultFileRegion {
        SentFile(FilePiece piece) {
            super(piece.file(), piece.position(), piece.count());
        }

        @Override
        protected void deallocate() {
            super.deallocate();
            done();
        }
    }
}
