package dev.surge.http.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import io.netty.handler.stream.ChunkedNioFile;

import java.io.IOException;

/**
 * A file body in pieces, for channels that cannot sendfile: Netty's {@link ChunkedNioFile},
 * made strict. That one hands out empty pieces forever when the file ends before the count it
 * was given; this one fails, so the connection closes with the body cut off. It also tells the
 * connection once when it is done with, as a sent file region does.
 */
final class FileChunks implements ChunkedInput<ByteBuf> {
    private final ChunkedNioFile file;
    private final Runnable done;
    private boolean closed;

    FileChunks(FilePiece piece, int chunkBytes, Runnable done) {
        this.done = done;
        try {
            this.file = new ChunkedNioFile(piece.file(), piece.position(), piece.count(), chunkBytes);
        } catch (IOException e) {
            piece.discard();
            done.run();
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public boolean isEndOfInput() throws Exception {
        return file.isEndOfInput();
    }

    @Override
    public void close() throws Exception {
        if (!closed) {
            closed = true;
            try {
                file.close();
            } finally {
                done.run();
            }
        }
    }

    @Deprecated
    @Override
    public ByteBuf readChunk(ChannelHandlerContext ctx) throws Exception {
        return readChunk(ctx.alloc());
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator allocator) throws Exception {
        long before = file.currentOffset();
        ByteBuf chunk = file.readChunk(allocator);
        if (chunk != null && file.currentOffset() == before && !file.isEndOfInput()) {
            chunk.release();
            throw new IOException("the file ended before the " + file.length() + " bytes promised from "
                    + file.startOffset() + ": it shrank while being sent");
        }
        return chunk;
    }

    @Override
    public long length() {
        return file.length();
    }

    @Override
    public long progress() {
        return file.progress();
    }
}
