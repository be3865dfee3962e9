package dev.surge.http.transport;

import dev.surge.http.codec.HeadLines;
import dev.surge.http.codec.ResponseSink;
import dev.surge.http.codec.ResponseWriter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

import java.nio.channels.FileChannel;
import java.util.ArrayDeque;

/**
 * The outgoing side of a connection: responses answered on the loop go into one buffer per
 * read batch, written and flushed once when the batch ends; responses deferred to other
 * threads wait in a queue, in request order, and an answer given on the loop while the queue
 * is not empty joins the queue behind them. All of it runs on the event loop.
 * <pre>
 *   queue empty:     answer --> batch --read complete--> write + flush
 *   queue not empty: answer --> queued place; deferred --> place; head ended --> batch --> flush
 * </pre>
 */
final class ConnectionOutput implements ResponseSink, ResponseWriter.Deferral {
    private static final int BATCH_INITIAL_BYTES = 4096;
    private static final int BATCH_WRITE_THRESHOLD = 64 * 1024;
    /** Pieces of queued responses up to this size are copied into the batch, so they share its write. */
    private static final int COPY_BYTES = 8 * 1024;

    private final HttpConnection connection;
    private final ChannelHandlerContext ctx;
    private final ArrayDeque<PendingResponse> queue = new ArrayDeque<>();
    private ByteBuf batch;
    /** An answer given on the loop while responses are queued: it is queued behind them. */
    private PendingResponse queuedAnswer;
    private boolean wroteSinceFlush;
    /** Whether something of a queued response was handed over in the current {@link LoopTurn}. */
    private boolean endedThisTurn;
    /** Whether the last response's body ends with the connection's close, which must then come at once. */
    private boolean closeEndsBody;

    ConnectionOutput(HttpConnection connection, ChannelHandlerContext ctx) {
        this.connection = connection;
        this.ctx = ctx;
    }

    /** Responses waiting in the queue. */
    int queued() {
        return queue.size();
    }

    /**
     * Before a request is taken up: false if the response queued last closes the connection
     * (the server drains), so that the request must not be; else that response no longer may.
     */
    boolean mayFollow() {
        PendingResponse last = queue.peekLast();
        return last == null || last.follow();
    }

    // ---- the sink of answers given on the loop ----

    @Override
    public ByteBuf batch() {
        if (!queue.isEmpty() || queuedAnswer != null) {
            if (queuedAnswer == null) {
                queuedAnswer = new PendingResponse(connection, ctx.channel());
                queue.add(queuedAnswer);
            }
            return queuedAnswer.loopBuffer();
        }
        return loopBatch();
    }

    @Override
    public ByteBuf batch(int room) {
        if (batch == null && queue.isEmpty() && queuedAnswer == null) {
            batch = ctx.alloc().ioBuffer(Math.max(BATCH_INITIAL_BYTES, room));
            return batch;
        }
        ByteBuf out = batch();
        out.ensureWritable(room);
        return out;
    }

    @Override
    public void appended() {
        if (queuedAnswer == null && batch.readableBytes() >= BATCH_WRITE_THRESHOLD) {
            writeBatch();
        }
    }

    @Override
    public void flush() {
        if (queuedAnswer == null) {
            flushBatch();
        }
    }

    @Override
    public void file(FileChannel file, long position, long count) {
        FilePiece piece = new FilePiece(file, position, count);
        if (queuedAnswer != null) {
            queuedAnswer.fileOnLoop(piece);
        } else {
            writeBatch();
            connection.writeFile(piece);
            wroteSinceFlush = true;
        }
    }

    @Override
    public void ended() {
    }

    @Override
    public void endsWithClose() {
        closeEndsBody = true;
    }

    /** Whether the connection's close ends the last response's body (see {@link ResponseSink#endsWithClose}). */
    boolean closeEndsBody() {
        return closeEndsBody;
    }

    /**
     * Ends the answer queued behind others in this dispatch, if there is one. Returns whether
     * there was, i.e. whether that answer waits in the queue.
     */
    boolean sealQueuedAnswer(boolean closeAfter) {
        if (queuedAnswer == null) {
            return false;
        }
        queuedAnswer.endOnLoop(closeAfter);
        queuedAnswer = null;
        return true;
    }

    /** Sends {@code 100 Continue} at once, after the responses before it. */
    void writeContinue() {
        HeadLines.writeContinue(batch());
        sealQueuedAnswer(false);
        flushBatch();
    }

    /** Writes the batch, if any, and flushes what was written since the last flush. */
    void flushBatch() {
        writeBatch();
        if (wroteSinceFlush) {
            wroteSinceFlush = false;
            ctx.flush();
        }
    }

    /** Takes the batch, for the connection's last write before it closes; null if none. */
    ByteBuf takeBatch() {
        ByteBuf out = batch;
        batch = null;
        wroteSinceFlush = false;
        return out;
    }

    private ByteBuf loopBatch() {
        if (batch == null) {
            batch = ctx.alloc().ioBuffer(BATCH_INITIAL_BYTES);
        }
        return batch;
    }

    private void writeBatch() {
        if (batch != null) {
            ctx.write(batch, ctx.voidPromise());
            batch = null;
            wroteSinceFlush = true;
        }
    }

    // ---- the queue ----

    @Override
    public ResponseWriter.Place newPlace() {
        PendingResponse place = new PendingResponse(connection, ctx.channel());
        queue.add(place);
        return place;
    }

    /**
     * Something of {@code place} was handed over (see {@link LoopTurn}). Returns true the
     * first time in this turn for this connection, so that the turn drains it once.
     */
    boolean handedOver(PendingResponse place) {
        if (place.isDropped()) {
            place.drop();
            return false;
        }
        if (endedThisTurn) {
            return false;
        }
        endedThisTurn = true;
        return true;
    }

    /** The turn is draining this connection. */
    void turnDrained() {
        endedThisTurn = false;
    }

    /**
     * Writes the responses at the head of the queue that have arrived, in order. Small pieces
     * are copied into the batch, so that responses answered in the same turn share one write;
     * large ones, and files, go out as they are, after the batch so far. Returns true when a response that
     * closes the connection was written: the responses after it are dropped.
     */
    boolean writeArrived() {
        for (PendingResponse head; (head = queue.peekFirst()) != null; ) {
            for (Object next; (next = head.nextPiece()) != null; ) {
                if (next instanceof FilePiece file) {
                    writeBatch();
                    connection.writeFile(file);
                    wroteSinceFlush = true;
                    continue;
                }
                ByteBuf piece = (ByteBuf) next;
                int size = piece.readableBytes();
                if (size <= COPY_BYTES) {
                    loopBatch().writeBytes(piece);
                    piece.release();
                } else {
                    writeBatch();
                    ctx.write(piece, ctx.voidPromise());
                    wroteSinceFlush = true;
                }
                head.written(size);
            }
            if (!head.isEnded()) {
                return false;
            }
            queue.pollFirst();
            if (head.closesConnection()) {
                closeEndsBody |= head.bodyEndsWithClose();
                dropQueue();
                return true;
            }
        }
        return false;
    }

    /** Wakes the writers of streams waiting for room. */
    void writabilityChanged() {
        for (PendingResponse place : queue) {
            place.wake();
        }
    }

    /** The connection closed: frees the batch and drops every queued response. */
    void closed() {
        if (batch != null) {
            batch.release();
            batch = null;
        }
        dropQueue();
    }

    private void dropQueue() {
        for (PendingResponse place; (place = queue.poll()) != null; ) {
            place.drop();
        }
    }
}
