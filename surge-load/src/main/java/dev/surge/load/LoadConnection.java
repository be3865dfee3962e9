package dev.surge.load;

import dev.surge.client.ClientException;
import dev.surge.client.wire.Failures;
import dev.surge.client.wire.MalformedResponseException;
import dev.surge.client.wire.ResponseListener;
import dev.surge.client.wire.ResponseReader;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The hot path: one socket of a lane, keeping up to DEPTH requests in flight. Requests leave as
 * slices of a buffer of pre-encoded copies, all that one read made room for in one write and
 * one flush; responses are parsed in place and recorded with one nanoTime per read. Nothing
 * here allocates per request (Netty recycles the slice and its outbound entry).
 * <pre>
 *   connecting ─active─▶ sending ⇄ reading ─(Connection: close)─▶ draining ─▶ closed
 *                            │ timeout, reset, malformed                         │
 *                            └──────────────────────────▶ closed ─▶ the lane opens a new socket
 * </pre>
 * In a closed loop a request is sent as soon as a slot frees; in an open loop (--rate) when it
 * falls due and a slot is free, and its latency counts from when it fell due.
 */
final class LoadConnection extends ChannelInboundHandlerAdapter implements ResponseListener {
    private final LoopDriver driver;
    final Lane lane;
    private final LoopStats stats;
    private final ResponseReader reader;
    private final int depth;
    private final int mask;
    /** When each request in flight was written, and when it fell due (open loop), by slot. */
    private final long[] sentAt;
    private final long[] dueAt;
    private long head;
    private long tail;
    private int inFlight;
    private long readTime;
    /** Whether bytes came since the last read-complete: Netty fires one at end-of-stream too. */
    private boolean read;
    private boolean draining;
    /** Whether a response came on this connection: a failure before one is a new connection's. */
    private boolean answered;
    private ErrorKind failure;
    private ChannelHandlerContext ctx;

    LoadConnection(LoopDriver driver, Lane lane) {
        this.driver = driver;
        this.lane = lane;
        this.stats = driver.stats;
        this.depth = driver.plan.depth();
        int slots = Integer.highestOneBit(Math.max(1, depth - 1)) << 1;
        this.mask = slots - 1;
        this.sentAt = new long[slots];
        this.dueAt = driver.plan.openLoop() ? new long[slots] : sentAt;
        this.reader = new ResponseReader(this, 64 * 1024);
        reader.parser().headRequest(driver.plan.head());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        driver.opened(this);
        send(System.nanoTime());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            readTime = System.nanoTime();
            read = true;
            stats.bytes += in.readableBytes();
            reader.read(in);
        } catch (MalformedResponseException e) {
            fail(ErrorKind.READ);
        } finally {
            in.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (read) { // not at end-of-stream, where requests written now could only fail
            read = false;
            send(readTime);
        }
    }

    @Override
    public void onComplete(int status, boolean close) {
        if (inFlight == 0) {
            fail(ErrorKind.READ); // a response to nothing: the server is confused
            return;
        }
        int slot = (int) (head++ & mask);
        inFlight--;
        answered = true;
        if (driver.running) {
            stats.record(readTime - dueAt[slot], status);
            driver.budget.settled(1);
        }
        if (close) {
            draining = true; // the server closes after this response: send nothing more here
        }
        if (draining && inFlight == 0 && ctx != null) {
            ctx.close(); // rather than wait for a close that may never come; a new connection takes over
        }
    }

    /** Sends what the mode allows now: the free slots (closed loop) or the requests due (open loop). */
    void send(long now) {
        if (draining || ctx == null || !driver.running) {
            return;
        }
        int free = depth - inFlight;
        int n;
        if (!driver.plan.openLoop()) {
            n = free;
        } else {
            n = 0;
            long due = lane.nextDue;
            while (n < free && due <= now) {
                dueAt[(int) ((tail + n) & mask)] = due;
                due += lane.interval;
                n++;
            }
        }
        if (n == 0 || (n = driver.budget.take(n)) == 0) {
            return;
        }
        for (int i = 0; i < n; i++) {
            sentAt[(int) (tail++ & mask)] = now;
        }
        if (driver.plan.openLoop()) {
            lane.nextDue += n * lane.interval;
        }
        inFlight += n;
        lane.sent += n;
        stats.sent += n;
        ctx.writeAndFlush(driver.requests(n), ctx.voidPromise());
    }

    /** Closes the connection if its oldest request has waited longer than the timeout. */
    void checkTimeout(long now) {
        if (inFlight > 0 && now - sentAt[(int) (head & mask)] > driver.plan.timeoutNanos()) {
            fail(ErrorKind.TIMEOUT);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(Failures.kindOf(cause) == ClientException.Kind.RESET ? ErrorKind.RESET : ErrorKind.READ);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        reader.closed(); // ends a response whose body the close delimits
        if (inFlight > 0) {
            fail(ErrorKind.READ);
        }
        driver.closed(this);
    }

    /** Counts every request in flight as failed for {@code kind} and closes the connection. */
    private void fail(ErrorKind kind) {
        if (failure == null) {
            failure = kind;
        }
        if (inFlight > 0) {
            if (driver.running) {
                stats.error(failure, inFlight, answered);
                driver.budget.settled(inFlight);
            }
            head += inFlight;
            inFlight = 0;
        }
        draining = true;
        if (ctx != null) {
            ctx.close();
        }
    }

    void close() {
        draining = true;
        if (ctx != null) {
            ctx.close();
        }
    }
}
