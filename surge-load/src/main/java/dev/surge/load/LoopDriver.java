package dev.surge.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The lanes of one event loop: opens their connections (again after a failure), runs the
 * loop's ticker (requests falling due in an open loop, timeouts in both) and owns the loop's
 * {@link LoopStats}. Everything here runs on that loop's thread.
 */
final class LoopDriver {
    private static final long RECONNECT_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long TIMEOUT_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /**
     * The ticker's shortest sleep. Each tick costs a timer (and often a timerfd syscall), so at
     * high rates a tick offers every lane whose turn came since the last, up to 100 µs late;
     * their requests' latency still counts from when each fell due.
     */
    private static final long MIN_TICK_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    final EventLoop loop;
    final LoadPlan plan;
    final Budget budget;
    final LoopStats stats = new LoopStats();
    private final Bootstrap bootstrap;
    private final List<Lane> lanes;
    private final List<LoadConnection> open = new ArrayList<>();
    private ByteBuf requests;
    /**
     * The open loop's cursor: the k-th slot is lane {@code k % lanes} in round {@code k / lanes}.
     * The lanes' first requests are spaced evenly and their intervals are equal, so slots fall
     * due in this order, and a tick visits only the lanes that fell due since the last one.
     */
    private long slot;
    private long nextTimeoutCheck;
    /** Read by the loop only; set by tasks that run on it. */
    boolean running;
    long threadId;

    LoopDriver(EventLoop loop, LoadPlan plan, Budget budget, Bootstrap bootstrap, List<Lane> lanes) {
        this.loop = loop;
        this.plan = plan;
        this.budget = budget;
        this.lanes = lanes;
        this.bootstrap = bootstrap.clone(loop).option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(10_000, plan.timeoutNanos() / 1_000_000));
    }

    /** Opens every lane's connection; runs on the loop. */
    void start() {
        threadId = Thread.currentThread().threadId();
        byte[] one = plan.request();
        // From the pooled allocator: its retainedSlice() hands out recycled slices, where the
        // default (adaptive) allocator's buffers make a new slice object per write.
        requests = PooledByteBufAllocator.DEFAULT.directBuffer(one.length * plan.depth());
        for (int i = 0; i < plan.depth(); i++) {
            requests.writeBytes(one);
        }
        running = true;
        for (Lane lane : lanes) {
            connect(lane);
        }
        tick();
    }

    /** {@code n} requests as one buffer: a slice of the pre-encoded copies, released once written. */
    ByteBuf requests(int n) {
        return requests.retainedSlice(0, n * plan.request().length);
    }

    private void connect(Lane lane) {
        if (!running) {
            return;
        }
        bootstrap.clone().handler(new LoadConnection(this, lane))
                .connect(plan.target().host(), plan.target().port())
                .addListener(f -> {
                    if (!f.isSuccess() && running) {
                        stats.error(ErrorKind.CONNECT, 1, false);
                        loop.schedule(() -> connect(lane), RECONNECT_DELAY_NANOS, TimeUnit.NANOSECONDS);
                    }
                });
    }

    void opened(LoadConnection c) {
        if (!running) {
            c.close();
            return;
        }
        open.add(c);
        c.lane.connection = c;
    }

    /** A connection closed: its lane gets a new one while the run goes on. */
    void closed(LoadConnection c) {
        if (c.lane.connection == c) {
            c.lane.connection = null;
        }
        if (open.remove(c) && running) {
            connect(c.lane);
        }
    }

    /**
     * Checks the timeouts every {@link #TIMEOUT_TICK_NANOS} and, in an open loop, offers each
     * lane whose slot fell due its requests. A lane whose connection is busy then sends when
     * its response comes (LoadConnection sends what is due after each read), and a new
     * connection when it opens: the ticker need not look at the others, so its cost follows
     * the rate, not the connections (a scan of all 1,000 every 100 µs was most of the load
     * generator's time in an open loop).
     */
    private void tick() {
        if (!running) {
            return;
        }
        long now = System.nanoTime();
        if (now >= nextTimeoutCheck) {
            for (int i = 0; i < open.size(); i++) {
                open.get(i).checkTimeout(now);
            }
            nextTimeoutCheck = now + TIMEOUT_TICK_NANOS;
        }
        long next = nextTimeoutCheck;
        if (plan.openLoop() && !lanes.isEmpty()) {
            sendDue(now);
            next = Math.min(next, slotDue(slot));
        }
        loop.schedule(this::tick, Math.max(MIN_TICK_NANOS, next - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** Offers the lanes whose slots fell due by {@code now} their requests, each at most once. */
    private void sendDue(long now) {
        int m = lanes.size();
        for (int visits = 0; visits < m && slotDue(slot) <= now; visits++, slot++) {
            LoadConnection c = lanes.get((int) (slot % m)).connection;
            if (c != null) {
                c.send(now);
            }
        }
        long late = now - slotDue(slot);
        if (late >= 0) {
            // More than a round behind: every lane was just offered all it had due; on to now.
            slot += (late / Math.max(1, lanes.get((int) (slot % m)).interval) + 1) * m;
        }
    }

    private long slotDue(long k) {
        Lane lane = lanes.get((int) (k % lanes.size()));
        return lane.firstDue + (k / lanes.size()) * lane.interval;
    }

    /** Requests that fell due by {@code end} (open loop) or were sent (closed loop). */
    long dueBy(long end) {
        long n = 0;
        for (Lane lane : lanes) {
            n += lane.dueBy(end);
        }
        return n;
    }

    /** Requests that fell due by {@code end} and were never sent: the lanes' backlog. */
    long backlog(long end) {
        long n = 0;
        for (Lane lane : lanes) {
            n += lane.dueBy(end) - lane.sent;
        }
        return n;
    }

    /** Ends the run on this loop: nothing more is sent or recorded, the connections close. */
    void stop() {
        running = false;
        for (LoadConnection c : List.copyOf(open)) {
            c.close();
        }
        open.clear();
        if (requests != null) {
            requests.release();
            requests = null;
        }
    }
}
