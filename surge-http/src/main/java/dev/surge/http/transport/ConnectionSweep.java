package dev.surge.http.transport;

import dev.surge.http.ConnectionLimits;
import io.netty.channel.EventLoop;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * An event loop's open connections, swept every {@link ConnectionLimits#sweepMillis()} to
 * judge their timeouts ({@link SlowClientCheck}): one scheduled task per loop rather than a
 * timer per request. A sweep is done in {@link #SLICES} slices spread over its period, so that
 * a loop holding many connections never stops serving for the whole sweep at once (15,000
 * connections took 1–6 ms whole, about 0.1 ms a slice). While the server drains, the whole
 * sweep runs every {@link #DRAIN_SWEEP_MILLIS} and closes connections idle for
 * {@link #DRAIN_IDLE_MILLIS}. All of it runs on the loop.
 */
final class ConnectionSweep {
    /** Slices of a sweep, for periods of {@link #SLICED_FROM_MILLIS} and more. */
    static final int SLICES = 10;
    static final long SLICED_FROM_MILLIS = 100;
    static final long DRAIN_SWEEP_MILLIS = 20;
    /** How long a draining server waits on an idle keep-alive connection for a last request. */
    static final long DRAIN_IDLE_MILLIS = 250;

    /** What the sweep judges: a connection, which keeps its own place in the sweep. */
    interface Swept {
        /**
         * Judges the connection's timeouts at {@code now}; it may close and leave the sweep.
         * {@code draining}: the server has drained for {@code drainIdleNanos} at least, and
         * connections idle that long are to close.
         */
        void sweep(long now, boolean draining, long drainIdleNanos);

        int sweepIndex();

        void sweepIndex(int index);
    }

    private final EventLoop loop;
    private final long periodMillis;
    private final int slices;
    private Swept[] connections = new Swept[64];
    private int count;
    /** The sweep in progress: connections below this index are still to judge, this many a slice. */
    private int cursor;
    private int perSlice;
    private boolean draining;
    /** When the drain began: an idle connection gets {@link #DRAIN_IDLE_MILLIS} from then at least. */
    private long drainStart;
    private boolean stopped;
    /** Which chain of scheduled sweeps is current: draining starts a faster one. */
    private int chain;

    ConnectionSweep(EventLoop loop, ConnectionLimits limits) {
        this.loop = loop;
        this.periodMillis = limits.sweepMillis();
        this.slices = periodMillis >= SLICED_FROM_MILLIS ? SLICES : 1;
        schedule(periodMillis / slices);
    }

    /** On the loop: a connection opened. */
    void add(Swept connection) {
        if (count == connections.length) {
            connections = Arrays.copyOf(connections, count * 2);
        }
        connection.sweepIndex(count);
        connections[count++] = connection;
    }

    /** On the loop: a connection closed. */
    void remove(Swept connection) {
        int i = connection.sweepIndex();
        if (i < 0) {
            return;
        }
        Swept last = connections[--count];
        connections[i] = last;
        last.sweepIndex(i);
        connections[count] = null;
        connection.sweepIndex(-1);
    }

    /** From any thread: the server drains; idle connections close, the others after their next response. */
    void drain() {
        loop.execute(() -> drainFrom(System.nanoTime()));
    }

    /** On the loop: the drain begins at {@code now}; sweeps come faster from then on. */
    void drainFrom(long now) {
        draining = true;
        drainStart = now;
        chain++;
        sweep(now);
        schedule(Math.min(DRAIN_SWEEP_MILLIS, periodMillis));
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
        long now = System.nanoTime();
        if (draining) {
            sweep(now);
            schedule(Math.min(DRAIN_SWEEP_MILLIS, periodMillis));
        } else {
            sweepSlice(now);
            schedule(periodMillis / slices);
        }
    }

    /** Judges every connection. */
    private void sweep(long now) {
        cursor = count;
        perSlice = count;
        sweepSlice(now);
    }

    /**
     * Judges the next slice of the sweep in progress at {@code now}, or starts one. Backwards: a connection
     * judged may close and leave, swapping the last one in, which has been judged in this
     * sweep or opened since it started (and is judged again, or early: never skipped).
     */
    void sweepSlice(long now) {
        if (cursor <= 0) {
            cursor = count;
            perSlice = (count + slices - 1) / slices;
        }
        long drainIdle = TimeUnit.MILLISECONDS.toNanos(DRAIN_IDLE_MILLIS);
        // Idle connections are closed once idle that long, and not before the drain is that old:
        // a request sent just as it began, on a connection long idle, is still answered.
        boolean closeIdle = draining && now - drainStart >= drainIdle;
        int end = Math.max(0, cursor - perSlice);
        for (int i = Math.min(cursor, count) - 1; i >= end; i--) {
            if (i < count) {
                connections[i].sweep(now, closeIdle, drainIdle);
            }
        }
        cursor = end;
    }
}
