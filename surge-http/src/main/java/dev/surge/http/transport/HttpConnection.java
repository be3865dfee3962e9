package dev.surge.http.transport;

import dev.surge.http.Rejection;
import dev.surge.http.RequestHandler;
import dev.surge.http.ServerHealth;
import dev.surge.http.ServerOptions;
import dev.surge.http.codec.DateHeader;
import dev.surge.http.codec.HeadLines;
import dev.surge.http.codec.HttpError;
import dev.surge.http.codec.ParsedRequest;
import dev.surge.http.codec.RequestParser;
import dev.surge.http.codec.ResponseWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.io.IOException;

/**
 * One HTTP/1.1 connection's reading side: bytes in, requests parsed in place, the handler
 * called. Its {@link ConnectionOutput} keeps the responses in request order, those answered on
 * the loop and those deferred to other threads; the requests after a deferred one go on being
 * parsed and handled meanwhile.
 * <p>
 * Its {@link ConnectionLife} decides the stages, and this class does what they mean:
 * <pre>
 *   OPEN       parse and dispatch while no {@link ConnectionLife.Wait} holds; else buffer the
 *              input, and pause reading once too much is buffered
 *   DRAINING   parse nothing more; write the responses owed as they arrive
 *   LINGERING  flush the last response, shut the output (FIN), drop input ({@link HalfClose})
 *   CLOSED     release the buffers, drop what is still queued
 * </pre>
 * The loop's {@link ConnectionSweep} judges the connection's timeouts ({@link SlowClientCheck})
 * and linger, and lets idle connections go when its server drains.
 */
final class HttpConnection extends ChannelInboundHandlerAdapter implements ConnectionSweep.Swept {
    private static final System.Logger LOG = System.getLogger(HttpConnection.class.getName());
    private final RequestHandler handler;
    private final ServerHealth health;
    /** Responses queued (deferred, or behind a deferred one) beyond which parsing waits. */
    private final int maxQueued;
    /** The loop's sweep of timeouts; null outside a server. */
    private final ConnectionSweep sweep;
    private final SlowClientCheck timeouts;
    private final ConnectionLife life = new ConnectionLife();
    /** This connection's place in its sweep, or -1. */
    private int sweepIndex = -1;
    /** Requests parsed so far, how the sweep tells progress; and bytes read, whether anything came. */
    private long requests;
    private long bytesRead;
    private final DateHeader date;
    private final RequestParser parser;
    private final ParsedRequest request;
    /** The event loop's gatherer of starts and ends; one of this connection's own outside a server. */
    private LoopTurn turn;

    private ChannelHandlerContext ctx;
    /** The channel's unsent output, kept so that the sweep need not reach it through the channel. */
    private ChannelOutboundBuffer outbound;
    private ConnectionOutput output;
    private ResponseWriter response;
    /** Received bytes not yet consumed: the start of an incomplete request, or input waiting for room. */
    private ByteBuf cumulation;
    /** Made with the first file body: most connections never send one. */
    private FileWrites files;
    private final RequestArrivals arrivals = new RequestArrivals();

    HttpConnection(RequestHandler handler, DateHeader date, ServerOptions options, ServerHealth health,
                   ByteBufAllocator alloc, LoopTurn turn, ConnectionSweep sweep) {
        this.turn = turn;
        this.handler = handler.forConnection();
        this.date = date;
        this.health = health;
        this.maxQueued = options.connections().maxPipelined();
        this.sweep = sweep;
        this.timeouts = new SlowClientCheck(options.connections());
        this.parser = new RequestParser(options.limits(), alloc);
        this.request = new ParsedRequest(parser);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.outbound = ctx.channel().unsafe().outboundBuffer();
        this.output = new ConnectionOutput(this, ctx);
        this.response = new ResponseWriter(output, output, date, health);
        if (turn == null) {
            turn = new LoopTurn(ctx.channel().eventLoop());
        }
        request.remoteAddress(ctx.channel().remoteAddress());
        if (sweep != null) {
            sweep.add(this);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        bytesRead += in.readableBytes();
        if (life.dropsInput()) {
            in.release();
            return;
        }
        arrivals.read(System.nanoTime(), cumulation == null ? 0 : cumulation.readableBytes());
        ByteBuf buf = cumulation == null ? in : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), cumulation, in);
        cumulation = null;
        consume(buf);
    }

    /** Why taking up requests waits now, as {@link ConnectionLife.Wait} bits. */
    private int waits() {
        return life.waits(output.queued() >= maxQueued, files != null && files.full());
    }

    private boolean takesRequests() {
        return life.takesRequests(output.queued() >= maxQueued, files != null && files.full());
    }

    /** Answers the requests in {@code buf} while there is room, keeping what is left for later. */
    private void consume(ByteBuf buf) {
        try {
            process(buf);
        } finally {
            if (life.dropsInput() || !buf.isReadable()) {
                buf.release();
            } else {
                buf.discardSomeReadBytes();
                cumulation = buf;
                if (life.pauseReading(waits(), buf.readableBytes())) {
                    ctx.channel().config().setAutoRead(false);
                }
            }
        }
    }

    private void process(ByteBuf buf) {
        while (takesRequests() && buf.isReadable()) {
            boolean complete;
            try {
                complete = parser.parse(buf);
            } catch (HttpError e) {
                refuse(e, Rejection.BAD_REQUEST);
                return;
            }
            if (!complete) {
                if (parser.takeContinue() && output.mayFollow()) {
                    output.writeContinue();
                }
                return;
            }
            if (!output.mayFollow()) {
                life.lastClaimed();  // the response before closes the connection: this request is not taken up
                return;
            }
            requests++;
            dispatch(buf);
            buf.skipBytes(parser.messageLength());
            arrivals.taken(parser.messageLength());
            parser.reset();
            if (!response.keepAlive() && life.lastAnswered(output.queued())) {
                closeAfterResponses();
            }
        }
    }

    private void dispatch(ByteBuf buf) {
        request.attach(buf);
        request.timed(arrivals.arrival(parser.messageLength()), arrivals.passNanos());
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

    /** Answers {@code error}, after the responses before it, then closes; counts it as {@code reason}. */
    private void refuse(HttpError error, Rejection reason) {
        health.reject(reason);
        HeadLines.writeError(output.batch(), date, error);
        if (life.refused(output.sealQueuedAnswer(true))) {
            closeAfterResponses();
        }
    }

    /** LINGERING: takes no more requests, flushes what is answered, then closes gracefully. */
    private void closeAfterResponses() {
        life.linger();
        if (life.resumeReading(waits())) {
            ctx.channel().config().setAutoRead(true);
        }
        ByteBuf out = output.takeBatch();
        handler.beforeFlush();
        HalfClose.afterLastWrite(out == null ? ctx.writeAndFlush(Unpooled.EMPTY_BUFFER) : ctx.writeAndFlush(out),
                output.closeEndsBody(), sweep == null ? null : life);
    }

    // ---- file bodies ----

    /** On the loop: writes a file body after what was written before it (see {@link FileWrites}). */
    void writeFile(FilePiece file) {
        if (life.stage() == ConnectionLife.Stage.CLOSED) {
            file.discard();
            return;
        }
        if (files == null) {
            files = new FileWrites(ctx, () -> {
                if (life.stage() != ConnectionLife.Stage.CLOSED) {
                    drain();  // parsing waited for files to be sent
                }
            });
        }
        files.write(file);
    }

    // ---- responses answered on other threads (see ConnectionOutput and LoopTurn) ----

    /** The loop's gatherer of starts and hand-overs, which a deferred response's thread starts with. */
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
        if (life.stage() != ConnectionLife.Stage.CLOSED) {
            drain();
        }
    }

    /** Writes what arrived, then takes up the input that waited, if it may now. */
    private void drain() {
        if (life.drained(output.writeArrived(), output.queued())) {
            closeAfterResponses();
            return;
        }
        if (cumulation != null && takesRequests()) {
            arrivals.pass(System.nanoTime());
            ByteBuf buf = cumulation;
            cumulation = null;
            consume(buf);
        }
        handler.beforeFlush();
        output.flushBatch();
        if (life.resumeReading(waits())) {
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
        boolean writable = life.outputFull(!ctx.channel().isWritable());
        output.writabilityChanged();
        if (writable && !life.dropsInput()) {
            drain();  // parsing may have waited for the client to read
        }
        ctx.fireChannelWritabilityChanged();
    }

    // ---- timeouts, judged by the loop's sweep ----

    @Override
    public int sweepIndex() {
        return sweepIndex;
    }

    @Override
    public void sweepIndex(int index) {
        sweepIndex = index;
    }

    /** On the loop, from the sweep: closes the connection if its client is too slow, idle while draining, or done lingering. */
    @Override
    public void sweep(long now, boolean draining, long drainIdleNanos) {
        if (life.stage() == ConnectionLife.Stage.CLOSED) {
            return;
        }
        if (outbound != null && timeouts.writing(now, outbound.totalPendingWriteBytes(), outbound.current(),
                outbound.currentProgress()) == SlowClientCheck.Verdict.WRITE_TIMEOUT
                && timeouts.stalledInKernel(now, KernelSends.millisSinceDataSent(ctx.channel()))) {
            health.reject(Rejection.WRITE_TIMEOUT);
            ctx.close();
            return;
        }
        if (life.dropsInput()) {
            if (life.lingerOver(now)) {
                ctx.channel().close();
            }
            return;
        }
        SlowClientCheck.Phase phase = phase();
        int bodyBytes = phase == SlowClientCheck.Phase.BODY ? cumulation.readableBytes() - parser.bodyStart() : 0;
        switch (timeouts.reading(now, phase, requests, bodyBytes, draining, drainIdleNanos,
                health.timeoutShare())) {
            case IDLE -> closeAfterResponses();
            case HEADER_TIMEOUT -> {
                if (bytesRead == 0) {
                    health.reject(Rejection.HEADER_TIMEOUT);  // nothing asked, nothing to answer
                    closeAfterResponses();
                } else {
                    refuse(new HttpError(408, "the request head did not arrive in time"), Rejection.HEADER_TIMEOUT);
                }
            }
            case BODY_TOO_SLOW -> refuse(new HttpError(408, "the request body arrived too slowly"),
                    Rejection.BODY_TOO_SLOW);
            default -> {
            }
        }
    }

    private SlowClientCheck.Phase phase() {
        return SlowClientCheck.Phase.of(cumulation != null, !takesRequests(), parser.headComplete(),
                output.queued() == 0 && (files == null || files.none()), requests);
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
        if (life.stage() == ConnectionLife.Stage.CLOSED) {
            return;
        }
        life.closed();
        if (sweep != null) {
            sweep.remove(this);
        }
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
