package dev.surge.http.transport;

import dev.surge.http.Handler;
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
 *   OPEN --request with Connection: close, or a refused request--> CLOSING
 *   CLOSING: responses flushed, output shut (FIN), input read and dropped until the client
 *            closes or {@link #LINGER_MILLIS} pass, then the socket is closed
 * </pre>
 * Lingering before the close keeps the kernel from answering unread input with a reset that
 * would destroy the response the client has not read yet.
 */
final class HttpConnection extends ChannelInboundHandlerAdapter implements ResponseSink {
    private static final System.Logger LOG = System.getLogger(HttpConnection.class.getName());
    static final long LINGER_MILLIS = 2000;
    private static final int BATCH_INITIAL_BYTES = 4096;
    private static final int BATCH_WRITE_THRESHOLD = 64 * 1024;

    private final Handler handler;
    private final DateHeader date;
    private final RequestParser parser;
    private final ParsedRequest request;
    private final ResponseWriter response;

    private ChannelHandlerContext ctx;
    /** Received bytes not yet consumed: the start of an incomplete request. */
    private ByteBuf cumulation;
    private ByteBuf batch;
    private boolean wroteSinceFlush;
    private boolean closing;

    HttpConnection(Handler handler, DateHeader date, RequestLimits limits, ByteBufAllocator alloc) {
        this.handler = handler;
        this.date = date;
        this.parser = new RequestParser(limits, alloc);
        this.request = new ParsedRequest(parser);
        this.response = new ResponseWriter(this, date);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
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
        while (!closing && buf.isReadable()) {
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
            boolean keepAlive = request.keepAlive();
            parser.reset();
            if (!keepAlive) {
                closeAfterResponses();
            }
        }
    }

    private void dispatch(ByteBuf buf) {
        request.attach(buf);
        response.begin(request);
        try {
            handler.handle(request, response);
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.ERROR, "handler failed on " + request, t);
        }
        if (!response.sent()) {
            response.begin(request);
            response.status(500).text("Internal Server Error\n");
        }
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

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flushBatch();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseAll();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseAll();
    }

    private void releaseAll() {
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
        if (batch != null) {
            batch.release();
            batch = null;
        }
        parser.release();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            LOG.log(System.Logger.Level.WARNING, "closing connection " + ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
