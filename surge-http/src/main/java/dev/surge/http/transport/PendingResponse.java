package dev.surge.http.transport;

import dev.surge.http.ConnectionClosedException;
import dev.surge.http.codec.ResponseWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.netty.channel.Channel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One response in a connection's queue, which keeps responses in request order while their
 * handlers run concurrently. Its writer fills a buffer on the thread that answers; the bytes
 * reach the event loop when the response ends (one hand-over, no lock), or piece by piece for a
 * stream. The loop writes a response's pieces once every response before it is written.
 * <pre>
 *   QUEUED --pieces handed over (streams)--> QUEUED --end handed over--> ENDED --written--> (gone)
 * </pre>
 * A stream's writer waits while its pieces not yet written, or the channel's own outbound
 * buffer, are over their high-water marks: a slow reader, or a slow response ahead in the
 * queue, slows the writer instead of filling memory. A response queued behind others by an
 * inline handler is filled on the loop and ends at once.
 */
final class PendingResponse implements ResponseWriter.Place {
    private static final int INITIAL_BYTES = 512;
    /** A stream's buffer is handed over when it reaches this size. */
    private static final int PIECE_BYTES = 32 * 1024;
    /** Bytes handed over but not yet written by the loop, beyond which the writer waits. */
    private static final int MAX_UNWRITTEN = 256 * 1024;

    private final HttpConnection connection;
    private final Channel channel;

    // The writing thread's.
    private ByteBuf buffer;

    // Handed over to the loop: written by the writer before it posts a task, read by the loop
    // in that task; the task queue orders the two.
    private ByteBuf rest;
    /** A file that ends the body, handed over with the end. */
    private FilePiece restFile;
    private boolean closeAfter;
    /** Whether its body ends with the connection's close (it has no length). */
    private boolean endsWithClose;

    /**
     * Whether the connection goes on after this response: {@link ConnectionLife.Succession}'s
     * mark, set once by whichever of the loop and the writer comes first.
     */
    private volatile int succession;
    private static final VarHandle SUCCESSION;

    static {
        try {
            SUCCESSION = MethodHandles.lookup().findVarHandle(PendingResponse.class, "succession", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Marks the succession {@code wanted} unless the other side marked it first; whether it holds. */
    private boolean settle(int wanted) {
        return ConnectionLife.Succession.won((int) SUCCESSION.compareAndExchange(this, ConnectionLife.Succession.UNSETTLED, wanted), wanted);
    }

    // The loop's: buffers and file pieces.
    private final ArrayDeque<Object> pieces = new ArrayDeque<>(2);
    private boolean ended;
    private boolean dropped;
    private Runnable abortAction;

    // Back-pressure of streams, made on their first hand-over.
    private volatile ReentrantLock lock;
    private Condition progress;
    private long unwritten;

    PendingResponse(HttpConnection connection, Channel channel) {
        this.connection = connection;
        this.channel = channel;
    }

    // ---- the writing thread ----

    /**
     * A heap buffer: the writing thread is no event loop, so a pooled direct buffer would take
     * the allocator's shared arena (no thread cache) and a lock; a small array in the thread's
     * own allocation buffer is cheaper. The loop copies a small piece into its batch; a large
     * one it writes as it is, and the transport copies it to direct memory then. Made
     * directly, not through {@code Unpooled}, which would sample it for leak tracking (a
     * stack trace now and then) though the garbage collector frees a heap buffer regardless.
     */
    @Override
    public ByteBuf batch() {
        if (buffer == null) {
            buffer = new UnpooledHeapByteBuf(UnpooledByteBufAllocator.DEFAULT, INITIAL_BYTES, Integer.MAX_VALUE);
        }
        return buffer;
    }

    /** Heap buffers (see {@link #batch()}): file bodies go as files, not copied in. */
    @Override
    public boolean direct() {
        return false;
    }

    @Override
    public ByteBuf batch(int room) {
        if (buffer == null) {
            buffer = new UnpooledHeapByteBuf(UnpooledByteBufAllocator.DEFAULT, Math.max(INITIAL_BYTES, room), Integer.MAX_VALUE);
            return buffer;
        }
        buffer.ensureWritable(room);
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
    public void file(FileChannel file, long position, long count) {
        if (restFile != null) {
            throw new IllegalStateException("a response has one file body at most");
        }
        restFile = new FilePiece(file, position, count);
    }

    @Override
    public void ended() {
        rest = buffer;
        buffer = null;
        try {
            connection.turn().ended(this);
        } catch (RejectedExecutionException e) {
            release(rest);
            rest = null;
            if (restFile != null) {
                restFile.discard();
                restFile = null;
            }
            throw new ConnectionClosedException("the server is stopping");
        }
    }

    @Override
    public void closeAfter(boolean close) {
        closeAfter = close;
    }

    @Override
    public boolean claimLast() {
        return settle(ConnectionLife.Succession.LAST);
    }

    @Override
    public void endsWithClose() {
        endsWithClose = true;
    }

    /** Hands the abort to the loop, which closes once the responses before this one are out. */
    @Override
    public void abort() {
        release(buffer);
        buffer = null;
        try {
            connection.turn().aborted(this);
        } catch (RejectedExecutionException stopping) {
            channel.close();
        }
    }

    private void handOver() {
        ByteBuf piece = buffer;
        buffer = null;
        int size = piece.readableBytes();
        try {
            awaitRoom(size);
            connection.turn().piece(this, piece);
        } catch (RejectedExecutionException e) {
            release(piece);
            throw new ConnectionClosedException("the server is stopping");
        } catch (RuntimeException e) {
            release(piece);
            throw e;
        }
    }

    private void awaitRoom(int size) {
        if (lock == null) {
            ReentrantLock made = new ReentrantLock();
            progress = made.newCondition();
            lock = made;
        }
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

    // ---- the event loop ----

    /** On the loop: takes the writer's hand-over of the end (see {@link LoopTurn}). */
    void takeEnd() {
        if (rest != null) {
            add(rest);
            rest = null;
        }
        if (restFile != null) {
            add(restFile);
            restFile = null;
        }
        ended = true;
    }

    /** On the loop: the writer gave up; what arrived goes out, then the connection closes. */
    void takeAbort() {
        ended = true;
        closeAfter = true;
    }

    HttpConnection connection() {
        return connection;
    }

    @Override
    public void onAbort(Runnable action) {
        abortAction = action;
    }

    @Override
    public void start(Thread thread) {
        connection.turn().start(thread);
    }

    /** Queues a piece (a buffer or a {@link FilePiece}) to write when this response reaches the head of the queue. */
    void add(Object piece) {
        if (dropped) {
            discard(piece);
        } else {
            pieces.add(piece);
        }
    }

    /** A file that goes on the body of a response filled on the loop. */
    void fileOnLoop(FilePiece file) {
        if (buffer != null) {
            pieces.add(buffer);
            buffer = null;
        }
        pieces.add(file);
    }

    /** Fills this response on the loop (an inline answer queued behind others); ends at once. */
    ByteBuf loopBuffer() {
        if (buffer == null) {
            buffer = channel.alloc().ioBuffer(INITIAL_BYTES);
        }
        return buffer;
    }

    /** Ends a response filled on the loop. */
    void endOnLoop(boolean close) {
        if (buffer != null) {
            pieces.add(buffer);
            buffer = null;
        }
        closeAfter = close;
        ended = true;
    }

    /** On the loop, before it takes up a later request: false if this response closes the connection. */
    boolean follow() {
        return settle(ConnectionLife.Succession.FOLLOWED);
    }

    boolean isEnded() {
        return ended;
    }

    boolean closesConnection() {
        return closeAfter;
    }

    /** Whether the connection's close ends this response's body. */
    boolean bodyEndsWithClose() {
        return endsWithClose;
    }

    /** The next piece that has arrived, a buffer or a {@link FilePiece}, or null. */
    Object nextPiece() {
        return pieces.poll();
    }

    /** The connection closed or will not get this far: run the abort action, free the pieces. */
    void drop() {
        dropped = true;
        for (Object piece; (piece = pieces.poll()) != null; ) {
            discard(piece);
        }
        if (!ended && abortAction != null) {
            try {
                abortAction.run();
            } catch (RuntimeException e) {
                System.getLogger(PendingResponse.class.getName()).log(System.Logger.Level.WARNING, "abort action failed", e);
            }
        }
        wake();
    }

    boolean isDropped() {
        return dropped;
    }

    /** Wakes a writer waiting for room: the channel's writability or activity changed. */
    void wake() {
        ReentrantLock l = lock;
        if (l != null) {
            l.lock();
            try {
                progress.signalAll();
            } finally {
                l.unlock();
            }
        }
    }

    /**
     * Counts a piece out of {@link #unwritten}. The last piece of a stream was never counted
     * in, so the count may end below zero, when the writer no longer waits on it.
     */
    void written(int size) {
        ReentrantLock l = lock;
        if (l != null) {
            l.lock();
            try {
                unwritten -= size;
                progress.signalAll();
            } finally {
                l.unlock();
            }
        }
    }

    private static void discard(Object piece) {
        if (piece instanceof FilePiece file) {
            file.discard();
        } else {
            ((ByteBuf) piece).release();
        }
    }

    private static void release(ByteBuf buf) {
        if (buf != null && buf.refCnt() > 0) {
            buf.release();
        }
    }
}
