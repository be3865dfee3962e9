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
import java.util.concurrent.TimeUnit;

/**
 * One HTTP/1.1 connection: bytes in, requests parsed in place, handler called, responses
 * appended to one buffer per read batch and flushed once when the batch ends.
 * <pre>
 *   OPEN --handler defers its response--> DEFERRED --response ends (any thread)--> OPEN
 *   OPEN --request with Connection: close, or a refused request--> CLOSING
 *   DEFERRED: input is buffered, not parsed, so responses keep the request order; reading
 *             pauses when too much is buffered
 *   CLOSING: responses flushed, output shut (FIN), input read and dropped until the client
 *            closes or {@link #LINGER_MILLIS} pass, then the socket is closed
 * </pre>
 * Lingering before the close keeps the kernel from answering unread input with a reset that
 * would destroy the response the client has not read yet.
 */
final class HttpConnection extends ChannelInboundHandlerAdapter
        implements ResponseSink, ResponseWriter.Deferral, Runnable {
    private static final System.Logger LOG = System.getLogger(HttpConnection.class.getName());
    static final long LINGER_MILLIS = 2000;
    private static final int BATCH_INITIAL_BYTES = 4096;
    private static final int BATCH_WRITE_THRESHOLD = 64 * 1024;
    /** Input buffered while a response is deferred, beyond which reading pauses. */
    private static final int MAX_BUFFERED_WHILE_DEFERRED = 64 * 1024;

    private final RequestHandler handler;
    private final DateHeader date;
    private final RequestParser parser;
    private final ParsedRequest request;
    private final ResponseWriter response;

    private ChannelHandlerContext ctx;
    /** Received bytes not yet consumed: the start of an incomplete request, or input behind a deferred one. */
    private ByteBuf cumulation;
    private ByteBuf batch;
    private boolean wroteSinceFlush;
    private boolean closing;
    private boolean inactive;
    private boolean deferred;
    private boolean closeAfterDeferred;
    private boolean readingPaused;
    private DeferredSink deferredSink;
    private Runnable abortAction;

    HttpConnection(RequestHandler handler, DateHeader date, RequestLimits limits, ByteBufAllocator alloc) {
        this.handler = handler.forConnection();
        this.date = date;
        this.parser = new RequestParser(limits, alloc);
        this.request = new ParsedRequest(parser);
        this.response = new ResponseWriter(this, this, date);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
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
        if (deferred) {
            cumulation = buf;
            if (buf.readableBytes() > MAX_BUFFERED_WHILE_DEFERRED && !readingPaused) {
                readingPaused = true;
                ctx.channel().config().setAutoRead(false);
            }
            return;
        }
        consume(buf);
    }

    /** Answers the requests in {@code buf}, keeping what is left for later. */
    private void consume(ByteBuf buf) {
        try {
            process(buf);
        } finally {
            if (closing || !buf.isReadable()) {
                buf.release();
            } else {
                buf.discardSomeReadBytes();
                cumulation = buf;
            }
        }
    }

    private void process(ByteBuf buf) {
        while (!closing && !deferred && buf.isReadable()) {
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
                    flushBatch();
                }
                return;
            }
            dispatch(buf);
            buf.skipBytes(parser.messageLength());
            parser.reset();
            if (deferred) {
                closeAfterDeferred = !response.keepAlive();
            } else if (!response.keepAlive()) {
                closeAfterResponses();
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
        if (response.deferred()) {
            return;
        }
        if (!response.committed()) {
            response.begin(request);
            response.status(500).text("Internal Server Error\n");
        } else if (failed) {
            response.abort();
        }
        response.endStream();
    }

    private void refuse(HttpError error) {
        ResponseWriter.writeError(batch(), date, error);
        closeAfterResponses();
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

    // ---- the event loop's sink: one buffer per read batch ----

    @Override
    public ByteBuf batch() {
        if (batch == null) {
            batch = ctx.alloc().ioBuffer(BATCH_INITIAL_BYTES);
        }
        return batch;
    }

    @Override
    public void appended() {
        if (batch.readableBytes() >= BATCH_WRITE_THRESHOLD) {
            ctx.write(batch, ctx.voidPromise());
            batch = null;
            wroteSinceFlush = true;
        }
    }

    @Override
    public void flush() {
        flushBatch();
    }

    @Override
    public void ended() {
    }

    private void flushBatch() {
        if (batch != null) {
            ctx.write(batch, ctx.voidPromise());
            batch = null;
            wroteSinceFlush = true;
        }
        if (wroteSinceFlush) {
            wroteSinceFlush = false;
            ctx.flush();
        }
    }

    // ---- deferred responses: answered on another thread, handed back here ----

    @Override
    public ResponseSink deferredSink() {
        deferred = true;
        if (deferredSink == null) {
            deferredSink = new DeferredSink(this, ctx.channel());
        }
        return deferredSink;
    }

    @Override
    public void onAbort(Runnable action) {
        abortAction = action;
    }

    /** From the thread answering a deferred response: drop what it holds and close. */
    @Override
    public void abort() {
        deferredSink.discard();
        ctx.channel().close();
    }

    /** On the event loop: writes a piece of a deferred response that is still streaming. */
    void writeDeferred(ByteBuf piece) {
        if (inactive) {
            piece.release();
        } else {
            ctx.writeAndFlush(piece, ctx.voidPromise());
        }
    }

    /** On the event loop: the deferred response has ended; write its rest and go on reading. */
    @Override
    public void run() {
        ByteBuf rest = deferredSink.takeRest();
        deferred = false;
        abortAction = null;
        if (inactive) {
            if (rest != null) {
                rest.release();
            }
            return;
        }
        if (rest != null) {
            ctx.write(rest, ctx.voidPromise());
            wroteSinceFlush = true;
        }
        if (closeAfterDeferred) {
            closeAfterResponses();
            return;
        }
        if (cumulation != null) {
            ByteBuf buf = cumulation;
            cumulation = null;
            consume(buf);
        }
        flushBatch();
        if (readingPaused && !deferred && !closing) {
            readingPaused = false;
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flushBatch();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (deferredSink != null) {
            deferredSink.wake();
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
        if (deferred && abortAction != null) {
            try {
                abortAction.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "abort action failed", e);
            }
        }
        if (deferredSink != null) {
            deferredSink.wake();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            LOG.log(System.Logger.Level.WARNING, "closing connection " + ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
