package dev.surge.http.transport;

import dev.surge.http.ConnectionLimits;
import io.netty.channel.EventLoop;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * An event loop's open connections, swept every {@link ConnectionLimits#sweepMillis()} to
 * judge their timeouts ({@link SlowClientCheck}): one scheduled task per loop rather than a
 * timer per request. While the server drains, the sweep runs every {@link #DRAIN_SWEEP_MILLIS}
 * and closes connections idle for {@link #DRAIN_IDLE_MILLIS}. All of it runs on the loop.
 */
final class ConnectionSweep {
    static final long DRAIN_SWEEP_MILLIS = 20;
    /** How long a draining server waits on an idle keep-alive connection for a last request. */
    static final long DRAIN_IDLE_MILLIS = 250;

    private final EventLoop loop;
    private final long periodMillis;
    private HttpConnection[] connections = new HttpConnection[64];
    private int count;
    private boolean draining;
    private boolean stopped;
    /** Which chain of scheduled sweeps is current: draining starts a faster one. */
    private int chain;

    ConnectionSweep(EventLoop loop, ConnectionLimits limits) {
        this.loop = loop;
        this.periodMillis = limits.sweepMillis();
        schedule(periodMillis);
    }

    /** On the loop: a connection opened. */
    void add(HttpConnection connection) {
        if (count == connections.length) {
            connections = Arrays.copyOf(connections, count * 2);
        }
        connection.sweepIndex = count;
        connections[count++] = connection;
    }

    /** On the loop: a connection closed. */
    void remove(HttpConnection connection) {
        int i = connection.sweepIndex;
        if (i < 0) {
            return;
        }
        HttpConnection last = connections[--count];
        connections[i] = last;
        last.sweepIndex = i;
        connections[count] = null;
        connection.sweepIndex = -1;
    }

    /** From any thread: the server drains; idle connections close, the others after their next response. */
    void drain() {
        loop.execute(() -> {
            draining = true;
            chain++;
            sweep();
            schedule(Math.min(DRAIN_SWEEP_MILLIS, periodMillis));
        });
    }

    /** From any thread: no more sweeps (the server is closing its connections). */
    void stop() {
        loop.execute(() -> stopped = true);
    }

    private void schedule(long millis) {
        int mine = chain;
        loop.schedule(() -> tick(mine), millis, TimeUnit.MILLISECONDS);
    }

    private void tick(int mine) {
        if (mine != chain || stopped || loop.isShuttingDown()) {
            return;
        }
        sweep();
        schedule(draining ? Math.min(DRAIN_SWEEP_MILLIS, periodMillis) : periodMillis);
    }

    private void sweep() {
        long now = System.nanoTime();
        long drainIdle = TimeUnit.MILLISECONDS.toNanos(DRAIN_IDLE_MILLIS);
        // Backwards: a connection judged may close and leave, swapping in one already judged.
        for (int i = count - 1; i >= 0; i--) {
            if (i < count) {
                connections[i].sweep(now, draining, drainIdle);
            }
        }
    }
}
