package dev.surge.http.transport;

import dev.surge.http.ConnectionClosedException;
import dev.surge.http.codec.ResponseSink;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where a deferred response is encoded, on the thread that answers it. A response that fits
 * in a few KiB is handed to the event loop in one piece when it ends, together with the
 * signal to go on reading (no lock is taken on that path). A stream is handed over in pieces,
 * and the writing thread waits while the pieces the loop has not written yet, or the
 * channel's own outbound buffer, are over their high-water mark: a slow reader slows the
 * writer instead of filling memory.
 */
final class DeferredSink implements ResponseSink {
    private static final int INITIAL_BYTES = 4096;
    /** A stream's buffer is handed over when it reaches this size. */
    private static final int PIECE_BYTES = 32 * 1024;
    /** Bytes handed over but not yet written by the loop, beyond which the writer waits. */
    private static final int MAX_UNWRITTEN = 256 * 1024;

    private final HttpConnection connection;
    private final Channel channel;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progress = lock.newCondition();
    /** Guarded by {@link #lock}. */
    private long unwritten;
    /** Owned by the writing thread until handed over. */
    private ByteBuf buffer;
    /** The last piece, handed to the loop with the end of the response. */
    private ByteBuf rest;

    DeferredSink(HttpConnection connection, Channel channel) {
        this.connection = connection;
        this.channel = channel;
    }

    @Override
    public ByteBuf batch() {
        if (buffer == null) {
            buffer = channel.alloc().directBuffer(INITIAL_BYTES);
        }
        return buffer;
    }

    @Override
    public void appended() {
        if (buffer != null && buffer.readableBytes() >= PIECE_BYTES) {
            handOver();
        }
    }

    @Override
    public void flush() {
        if (buffer != null && buffer.isReadable()) {
            handOver();
        }
    }

    @Override
    public void ended() {
        rest = buffer;
        buffer = null;
        try {
            channel.eventLoop().execute(connection);
        } catch (RejectedExecutionException e) {
            release(rest);
            rest = null;
            throw new ConnectionClosedException("the server is stopping");
        }
    }

    /** From the writing thread, when it gives up on the response. */
    void discard() {
        release(buffer);
        buffer = null;
    }

    /** On the event loop: the last piece of the response that ended, or null. */
    ByteBuf takeRest() {
        ByteBuf r = rest;
        rest = null;
        return r;
    }

    /** Wakes a writer waiting for room: the channel's writability or activity changed. */
    void wake() {
        lock.lock();
        try {
            progress.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void handOver() {
        ByteBuf piece = buffer;
        buffer = null;
        int size = piece.readableBytes();
        try {
            awaitRoom(size);
            channel.eventLoop().execute(() -> {
                connection.writeDeferred(piece);
                written(size);
            });
        } catch (RuntimeException e) {
            release(piece);
            throw e instanceof RejectedExecutionException ? new ConnectionClosedException("the server is stopping") : e;
        }
    }

    private void awaitRoom(int size) {
        lock.lock();
        try {
            while (channel.isActive() && (unwritten > 0 && unwritten + size > MAX_UNWRITTEN || !channel.isWritable())) {
                progress.await();
            }
            if (!channel.isActive()) {
                throw new ConnectionClosedException("the client closed the connection");
            }
            unwritten += size;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionClosedException("interrupted while waiting for the client to read");
        } finally {
            lock.unlock();
        }
    }

    private void written(int size) {
        lock.lock();
        try {
            unwritten -= size;
            progress.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static void release(ByteBuf buf) {
        if (buf != null && buf.refCnt() > 0) {
            buf.release();
        }
    }
}
