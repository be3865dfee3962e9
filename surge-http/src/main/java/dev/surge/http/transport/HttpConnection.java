package dev.surge.http.transport;

import dev.surge.http.RequestHandler;
import dev.surge.http.RequestLimits;
import dev.surge.http.codec.DateHeader;
import dev.surge.http.codec.HttpError;
import dev.surge.http.codec.ParsedRequest;
import dev.surge.http.codec.RequestParser;
import dev.surge.http.codec.ResponseSink;
import dev.surge.http.codec.ResponseWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP/1.1 connection: bytes in, requests parsed in place, handler called, responses
 * appended to one buffer per read batch and flushed once when the batch ends. Responses a
 * handler defers to another thread wait in a queue, in request order, while the requests after
 * them go on being parsed and handled; an answer given on the loop behind a queued one is
 * queued too.
 * <pre>
 *   OPEN --request with Connection: close, or a refused request--> CLOSING
 *   OPEN --{@link #MAX_QUEUED} responses queued--> FULL: input is buffered, not parsed, and
 *        reading pauses when too much is buffered; the queue draining reopens it
 *   CLOSING: responses flushed, output shut (FIN), input read and dropped until the client
 *            closes or {@link #LINGER_MILLIS} pass, then the socket is closed
 * </pre>
 * Lingering before the close keeps the kernel from answering unread input with a reset that
 * would destroy the response the client has not read yet.
 */
final class HttpConnection extends ChannelInboundHandlerAdapter implements ResponseSink, ResponseWriter.Deferral {
    private static final System.Logger LOG = System.getLogger(HttpConnection.class.getName());
    static final long LINGER_MILLIS = 2000;
    private static final int BATCH_INITIAL_BYTES = 4096;
    private static final int BATCH_WRITE_THRESHOLD = 64 * 1024;
    /** Responses queued (deferred, or behind a deferred one) beyond which parsing waits. */
    static final int MAX_QUEUED = 32;
    /** Input buffered while parsing waits, beyond which reading pauses. */
    private static final int MAX_BUFFERED_WHILE_FULL = 64 * 1024;
    /** Pieces of queued responses up to this size are copied into the read batch. */
    private static final int COPY_BYTES = 8 * 1024;

    private final RequestHandler handler;
    private final DateHeader date;
    private final RequestParser parser;
    private final ParsedRequest request;
    private final ResponseWriter response;
    private final ArrayDeque<PendingResponse> queue = new ArrayDeque<>();
    /** The event loop's gatherer of starts and ends; one of this connection's own outside a server. */
    private LoopTurn turn;
    /** Whether a response of this connection ended in the current {@link LoopTurn}. */
    private boolean endedThisTurn;

    private ChannelHandlerContext ctx;
    /** Received bytes not yet consumed: the start of an incomplete request, or input waiting for room. */
    private ByteBuf cumulation;
    private ByteBuf batch;
    /** An answer given on the loop while responses are queued: it is queued behind them. */
    private PendingResponse queuedAnswer;
    private boolean wroteSinceFlush;
    private boolean closing;
    private boolean closeWhenDrained;
    private boolean inactive;
    private boolean readingPaused;

    HttpConnection(RequestHandler handler, DateHeader date, RequestLimits limits, ByteBufAllocator alloc,
                   LoopTurn turn) {
        this.turn = turn;
        this.handler = handler.forConnection();
        this.date = date;
        this.parser = new RequestParser(limits, alloc);
        this.request = new ParsedRequest(parser);
        this.response = new ResponseWriter(this, this, date);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (turn == null) {
            turn = new LoopTurn(ctx.channel().eventLoop());
        }
        request.remoteAddress(ctx.channel().remoteAddress());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        if (closing) {
            in.release();
            return;
        }
        ByteBuf buf = cumulation == null ? in : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), cumulation, in);
        cumulation = null;
        consume(buf);
    }

    private boolean full() {
        return queue.size() >= MAX_QUEUED || closeWhenDrained;
    }

    /** Answers the requests in {@code buf} while there is room, keeping what is left for later. */
    private void consume(ByteBuf buf) {
        try {
            process(buf);
        } finally {
            if (closing || !buf.isReadable()) {
                buf.release();
            } else {
                buf.discardSomeReadBytes();
                cumulation = buf;
                if (full() && buf.readableBytes() > MAX_BUFFERED_WHILE_FULL && !readingPaused) {
                    readingPaused = true;
                    ctx.channel().config().setAutoRead(false);
                }
            }
        }
    }

    private void process(ByteBuf buf) {
        while (!closing && !full() && buf.isReadable()) {
            boolean complete;
            try {
                complete = parser.parse(buf);
            } catch (HttpError e) {
                refuse(e);
                return;
            }
            if (!complete) {
                if (parser.takeContinue()) {
                    ResponseWriter.writeContinue(batch());
                    sealQueuedAnswer(false);
                    flushBatch();
                }
                return;
            }
            dispatch(buf);
            buf.skipBytes(parser.messageLength());
            parser.reset();
            if (!response.keepAlive()) {
                if (queue.isEmpty()) {
                    closeAfterResponses();
                } else {
                    closeWhenDrained = true;
                }
            }
        }
    }

    private void dispatch(ByteBuf buf) {
        request.attach(buf);
        response.begin(request);
        boolean failed = false;
        try {
            handler.handle(request, response);
        } catch (Throwable t) {
            failed = true;
            LOG.log(System.Logger.Level.ERROR, "handler failed on " + request, t);
        }
        if (!response.deferred()) {
            if (!response.committed()) {
                response.begin(request);
                response.status(500).text("Internal Server Error\n");
            } else if (failed) {
                response.abort();
            }
            response.endStream();
        }
        sealQueuedAnswer(!response.keepAlive());
    }

    private void refuse(HttpError error) {
        ResponseWriter.writeError(batch(), date, error);
        if (queuedAnswer != null) {
            sealQueuedAnswer(true);
            closeWhenDrained = true;
        } else {
            closeAfterResponses();
        }
    }

    /** Stops reading requests, flushes what is answered, then closes gracefully. */
    private void closeAfterResponses() {
        closing = true;
        ByteBuf out = batch;
        batch = null;
        wroteSinceFlush = false;
        var written = out == null ? ctx.writeAndFlush(Unpooled.EMPTY_BUFFER) : ctx.writeAndFlush(out);
        written.addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess() || !(f.channel() instanceof DuplexChannel duplex)) {
                f.channel().close();
                return;
            }
            duplex.shutdownOutput().addListener((ChannelFutureListener) s -> {
                if (!s.isSuccess()) {
                    s.channel().close();
                }
            });
            f.channel().eventLoop().schedule(() -> f.channel().close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
        });
    }

    // ---- the loop's sink: the read batch, or a queued answer when responses are queued ----

    @Override
    public ByteBuf batch() {
        if (!queue.isEmpty() || queuedAnswer != null) {
            if (queuedAnswer == null) {
                queuedAnswer = new PendingResponse(this, ctx.channel());
                queue.add(queuedAnswer);
            }
            return queuedAnswer.loopBuffer();
        }
        return loopBatch();
    }

    private ByteBuf loopBatch() {
        if (batch == null) {
            batch = ctx.alloc().ioBuffer(BATCH_INITIAL_BYTES);
        }
        return batch;
    }

    private void writeLoopBatch() {
        if (batch != null) {
            ctx.write(batch, ctx.voidPromise());
            batch = null;
            wroteSinceFlush = true;
        }
    }

    @Override
    public void appended() {
        if (queuedAnswer == null && batch.readableBytes() >= BATCH_WRITE_THRESHOLD) {
            ctx.write(batch, ctx.voidPromise());
            batch = null;
            wroteSinceFlush = true;
        }
    }

    @Override
    public void flush() {
        if (queuedAnswer == null) {
            flushBatch();
        }
    }

    @Override
    public void ended() {
    }

    private void sealQueuedAnswer(boolean closeAfter) {
        if (queuedAnswer != null) {
            queuedAnswer.endOnLoop(closeAfter);
            queuedAnswer = null;
        }
    }

    private void flushBatch() {
        writeLoopBatch();
        if (wroteSinceFlush) {
            wroteSinceFlush = false;
            ctx.flush();
        }
    }

    // ---- the queue of responses answered on other threads ----

    @Override
    public ResponseWriter.Place newPlace() {
        PendingResponse place = new PendingResponse(this, ctx.channel());
        queue.add(place);
        return place;
    }

    /** On the loop: starts a deferred response's thread with the others of this turn. */
    void startHandler(Thread thread) {
        turn.start(thread);
    }

    LoopTurn turn() {
        return turn;
    }

    /** On the loop: a piece of a streamed response arrived. */
    void pieceArrived(PendingResponse place, ByteBuf piece) {
        place.add(piece);
        if (!place.isDropped() && queue.peekFirst() == place) {
            drain();
        }
    }

    /**
     * On the loop: a response ended. Returns true the first time in this turn that a response
     * of this connection did, so that the turn calls {@link #drainEnded()} once for it.
     */
    boolean responseEnded(PendingResponse place) {
        place.takeEnd();
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

    /** On the loop, once a turn: writes what the queue's order allows, then goes on reading. */
    void drainEnded() {
        endedThisTurn = false;
        if (!inactive) {
            drain();
        }
    }

    /**
     * Writes the responses at the head of the queue that have arrived, in order. Small pieces
     * are copied into the read batch, so that responses answered in the same turn share one
     * write; large ones go out as they are, after the batch so far.
     */
    private void drain() {
        for (PendingResponse head; (head = queue.peekFirst()) != null; ) {
            for (ByteBuf piece; (piece = head.nextPiece()) != null; ) {
                int size = piece.readableBytes();
                if (size <= COPY_BYTES) {
                    loopBatch().writeBytes(piece);
                    piece.release();
                } else {
                    writeLoopBatch();
                    ctx.write(piece, ctx.voidPromise());
                    wroteSinceFlush = true;
                }
                head.written(size);
            }
            if (!head.isEnded()) {
                break;
            }
            queue.pollFirst();
            if (head.closesConnection()) {
                dropQueue();
                closeAfterResponses();
                return;
            }
        }
        if (queue.isEmpty() && closeWhenDrained) {
            closeAfterResponses();
            return;
        }
        if (cumulation != null && !full()) {
            ByteBuf buf = cumulation;
            cumulation = null;
            consume(buf);
        }
        flushBatch();
        if (readingPaused && !full() && !closing) {
            readingPaused = false;
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void dropQueue() {
        for (PendingResponse place; (place = queue.poll()) != null; ) {
            place.drop();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flushBatch();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        for (PendingResponse place : queue) {
            place.wake();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        closed();
    }

    private void closed() {
        if (inactive) {
            return;
        }
        inactive = true;
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
        if (batch != null) {
            batch.release();
            batch = null;
        }
        parser.release();
        dropQueue();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            LOG.log(System.Logger.Level.WARNING, "closing connection " + ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
