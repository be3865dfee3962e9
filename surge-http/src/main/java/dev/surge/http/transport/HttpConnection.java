package dev.surge.http.transport;

import dev.surge.http.RequestHandler;
import dev.surge.http.RequestLimits;
import dev.surge.http.codec.DateHeader;
import dev.surge.http.codec.HeadLines;
import dev.surge.http.codec.HttpError;
import dev.surge.http.codec.ParsedRequest;
import dev.surge.http.codec.RequestParser;
import dev.surge.http.codec.ResponseWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP/1.1 connection's reading side: bytes in, requests parsed in place, the handler
 * called. Its {@link ConnectionOutput} keeps the responses in request order, those answered on
 * the loop and those deferred to other threads; the requests after a deferred one go on being
 * parsed and handled meanwhile.
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
final class HttpConnection extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(HttpConnection.class.getName());
    static final long LINGER_MILLIS = 2000;
    /** Responses queued (deferred, or behind a deferred one) beyond which parsing waits. */
    static final int MAX_QUEUED = 32;
    /** Input buffered while parsing waits, beyond which reading pauses. */
    private static final int MAX_BUFFERED_WHILE_FULL = 64 * 1024;
    /**
     * File bodies handed to the channel and not yet sent, beyond which parsing waits: each
     * holds an open file, and the channel does not count their bytes as pending, so without
     * this a client pipelining requests for a large file would hold a descriptor per request.
     */
    static final int MAX_FILES_IN_FLIGHT = 16;
    /** Piece size of files sent without sendfile. */
    private static final int FILE_CHUNK_BYTES = 64 * 1024;

    private final RequestHandler handler;
    private final DateHeader date;
    private final RequestParser parser;
    private final ParsedRequest request;
    /** The event loop's gatherer of starts and ends; one of this connection's own outside a server. */
    private LoopTurn turn;

    private ChannelHandlerContext ctx;
    private ConnectionOutput output;
    private ResponseWriter response;
    /** Received bytes not yet consumed: the start of an incomplete request, or input waiting for room. */
    private ByteBuf cumulation;
    private boolean closing;
    private boolean closeWhenDrained;
    private boolean inactive;
    private boolean readingPaused;
    private int filesInFlight;
    /** Whether the channel is a socket that can send files with sendfile (or splice); else a chunked writer is added. */
    private boolean zeroCopy;
    private boolean chunkedWriterAdded;

    HttpConnection(RequestHandler handler, DateHeader date, RequestLimits limits, ByteBufAllocator alloc,
                   LoopTurn turn) {
        this.turn = turn;
        this.handler = handler.forConnection();
        this.date = date;
        this.parser = new RequestParser(limits, alloc);
        this.request = new ParsedRequest(parser);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.output = new ConnectionOutput(this, ctx);
        this.response = new ResponseWriter(output, output, date);
        if (turn == null) {
            turn = new LoopTurn(ctx.channel().eventLoop());
        }
        request.remoteAddress(ctx.channel().remoteAddress());
        zeroCopy = ctx.channel() instanceof SocketChannel;
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
        return output.queued() >= MAX_QUEUED || filesInFlight >= MAX_FILES_IN_FLIGHT || closeWhenDrained;
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
                    HeadLines.writeContinue(output.batch());
                    output.sealQueuedAnswer(false);
                    output.flushBatch();
                }
                return;
            }
            dispatch(buf);
            buf.skipBytes(parser.messageLength());
            parser.reset();
            if (!response.keepAlive()) {
                if (output.queued() == 0) {
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
        if (!response.deferred() && !response.aborted()) {
            if (!response.committed()) {
                response.begin(request);
                response.status(500).text("Internal Server Error\n");
            } else if (failed) {
                response.abort();
            }
            response.endStream();
        }
        output.sealQueuedAnswer(!response.keepAlive());
    }

    private void refuse(HttpError error) {
        HeadLines.writeError(output.batch(), date, error);
        if (output.sealQueuedAnswer(true)) {
            closeWhenDrained = true;
        } else {
            closeAfterResponses();
        }
    }

    /** Stops reading requests, flushes what is answered, then closes gracefully. */
    private void closeAfterResponses() {
        closing = true;
        if (readingPaused) {
            // Lingering reads (and drops) what the client still sends, so that the close
            // does not meet unread input.
            readingPaused = false;
            ctx.channel().config().setAutoRead(true);
        }
        ByteBuf out = output.takeBatch();
        handler.beforeFlush();
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

    // ---- file bodies ----

    /**
     * On the loop: writes a file body after what was written before it. A socket sends it
     * with sendfile (epoll, NIO) or splice (io_uring) as a {@link DefaultFileRegion}; other
     * channels (the in-memory transport) get it in pieces read as the peer takes them, through
     * a {@link ChunkedWriteHandler} added in front of this handler on the first file.
     */
    void writeFile(FilePiece file) {
        if (inactive) {
            file.discard();
            return;
        }
        filesInFlight++;
        if (zeroCopy) {
            ctx.write(new SentFile(file), ctx.voidPromise());
            return;
        }
        if (!chunkedWriterAdded) {
            chunkedWriterAdded = true;
            ctx.pipeline().addBefore(ctx.name(), null, new ChunkedWriteHandler());
        }
        ctx.write(new FileChunks(file, FILE_CHUNK_BYTES, this::fileDone), ctx.voidPromise());
    }

    /** On the loop: a file body was sent, or failed. Parsing that waited on files goes on. */
    private void fileDone() {
        if (filesInFlight-- == MAX_FILES_IN_FLIGHT && !inactive) {
            // Called from inside the channel's flush; resume in a task of its own.
            ctx.channel().eventLoop().execute(() -> {
                if (!inactive) {
                    drain();
                }
            });
        }
    }

    /** A file region that tells the connection when it is done with (sent, or dropped with the channel). */
    private final class SentFile extends DefaultFileRegion {
        SentFile(FilePiece piece) {
            super(piece.file(), piece.position(), piece.count());
        }

        @Override
        protected void deallocate() {
            super.deallocate();
            fileDone();
        }
    }

    // ---- responses answered on other threads (see ConnectionOutput and LoopTurn) ----

    /** On the loop: starts a deferred response's thread with the others of this turn. */
    void startHandler(Thread thread) {
        turn.start(thread);
    }

    LoopTurn turn() {
        return turn;
    }

    /** On the loop: something of a queued response was handed over; true to be drained this turn. */
    boolean handedOver(PendingResponse place) {
        return output.handedOver(place);
    }

    /** On the loop, once a turn: writes what the queue's order allows, then goes on reading. */
    void drainHandedOver() {
        output.turnDrained();
        if (!inactive) {
            drain();
        }
    }

    private void drain() {
        if (output.writeArrived() || output.queued() == 0 && closeWhenDrained) {
            closeAfterResponses();
            return;
        }
        if (cumulation != null && !full()) {
            ByteBuf buf = cumulation;
            cumulation = null;
            consume(buf);
        }
        handler.beforeFlush();
        output.flushBatch();
        if (readingPaused && !full() && !closing) {
            readingPaused = false;
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        handler.beforeFlush();
        output.flushBatch();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        output.writabilityChanged();
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
        parser.release();
        output.closed();
        handler.beforeFlush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            LOG.log(System.Logger.Level.WARNING, "closing connection " + ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
