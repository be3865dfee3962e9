package dev.surge.http.transport;

import dev.surge.http.ConnectionLimits;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sweep's slices, on stand-in connections: every connection is judged once a sweep, a
 * slice at a time, even as connections leave and join in the middle of it. Each test runs
 * whole on the loop, as the sweep does, so that no scheduled slice runs between its steps.
 */
class ConnectionSweepTest {
    private final EventLoop loop = new DefaultEventLoop();

    /** A connection that counts its judgements, and leaves the sweep when told to. */
    private static final class Judged implements ConnectionSweep.Swept {
        final ConnectionSweep sweep;
        int index = -1;
        int judged;
        boolean leaveWhenJudged;
        /** What the last judgement was told: whether idle connections are to close, and after how long idle. */
        boolean closeIdle;
        long drainIdleNanos;

        Judged(ConnectionSweep sweep) {
            this.sweep = sweep;
            sweep.add(this);
        }

        @Override
        public void sweep(long now, boolean draining, long drainIdleNanos) {
            judged++;
            this.closeIdle = draining;
            this.drainIdleNanos = drainIdleNanos;
            if (leaveWhenJudged) {
                sweep.remove(this);
            }
        }

        @Override
        public int sweepIndex() {
            return index;
        }

        @Override
        public void sweepIndex(int index) {
            this.index = index;
        }
    }

    @AfterEach
    void stop() throws Exception {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    private <T> T onLoop(Callable<T> body) throws Exception {
        return loop.submit(body).get(10, TimeUnit.SECONDS);
    }

    /** At the defaults a sweep takes a second, so it comes in 100 ms slices: none runs during a test. */
    private ConnectionSweep sweep() {
        assertEquals(1000, ConnectionLimits.DEFAULT.sweepMillis());
        return new ConnectionSweep(loop, ConnectionLimits.DEFAULT);
    }

    @Test
    void aSweepJudgesEveryConnectionOnceATenthAtATime() throws Exception {
        onLoop(() -> {
            ConnectionSweep sweep = sweep();
            List<Judged> all = new ArrayList<>();
            for (int i = 0; i < 95; i++) {
                all.add(new Judged(sweep));
            }
            for (int slice = 1; slice <= ConnectionSweep.SLICES; slice++) {
                sweep.sweepSlice(System.nanoTime());
                int judged = all.stream().mapToInt(c -> c.judged).sum();
                assertEquals(Math.min(95, slice * 10), judged, "after slice " + slice + " of 10 connections each");
            }
            assertTrue(all.stream().allMatch(c -> c.judged == 1), "each judged once");
            sweep.sweepSlice(System.nanoTime());
            assertEquals(105, all.stream().mapToInt(c -> c.judged).sum(), "the next sweep starts over");
            return null;
        });
    }

    @Test
    void connectionsThatLeaveOrJoinMidSweepSkipNoOther() throws Exception {
        onLoop(() -> {
            ConnectionSweep sweep = sweep();
            List<Judged> all = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                Judged c = new Judged(sweep);
                c.leaveWhenJudged = i % 3 == 0;  // closes when judged: the last one is swapped into its place
                all.add(c);
            }
            List<Judged> stayed = new ArrayList<>(all);
            List<Judged> joined = new ArrayList<>();
            for (int slice = 0; slice < ConnectionSweep.SLICES; slice++) {
                sweep.sweepSlice(System.nanoTime());
                // Between slices: one not yet judged closes by itself, and a new one opens.
                Judged leaving = stayed.stream().filter(c -> c.judged == 0 && !c.leaveWhenJudged)
                        .reduce((a, b) -> b).orElse(null);
                if (leaving != null) {
                    sweep.remove(leaving);
                    stayed.remove(leaving);
                }
                joined.add(new Judged(sweep));
            }
            for (Judged c : stayed) {
                assertTrue(c.judged >= 1, "connection " + all.indexOf(c) + " was skipped");
            }
            for (Judged c : all) {
                if (c.leaveWhenJudged) {
                    assertEquals(1, c.judged, "one that left when judged is not judged again");
                    assertEquals(-1, c.index);
                }
            }
            // The ones that joined are judged in the next sweep, if not already in this one.
            for (int slice = 0; slice < ConnectionSweep.SLICES; slice++) {
                sweep.sweepSlice(System.nanoTime());
            }
            assertTrue(joined.stream().allMatch(c -> c.judged >= 1), "joined mid-sweep, judged by the end of the next");
            return null;
        });
    }

    @Test
    void shortPeriodsAreSweptWhole() throws Exception {
        ConnectionLimits shortOnes = ConnectionLimits.DEFAULT.withHeaderTimeout(Duration.ofMillis(200));
        assertEquals(50, shortOnes.sweepMillis());
        onLoop(() -> {
            ConnectionSweep sweep = new ConnectionSweep(loop, shortOnes);
            List<Judged> all = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                all.add(new Judged(sweep));
            }
            sweep.sweepSlice(System.nanoTime());
            assertTrue(all.stream().allMatch(c -> c.judged == 1), "a 50 ms sweep is not sliced");
            return null;
        });
    }

    /**
     * A connection idle since long before the drain still gets a quarter second from the
     * drain's start to send a last request: idle connections are let go only once the drain
     * is that old.
     */
    @Test
    void idleConnectionsAreLetGoOnlyOnceTheDrainIsAQuarterSecondOld() throws Exception {
        long ms = 1_000_000;
        onLoop(() -> {
            ConnectionSweep sweep = sweep();
            Judged idle = new Judged(sweep);
            long start = 5_000 * ms;
            sweep.drainFrom(start);
            assertEquals(1, idle.judged, "the drain judges every connection at once");
            assertFalse(idle.closeIdle, "not at the drain's start");
            assertEquals(ConnectionSweep.DRAIN_IDLE_MILLIS * ms, idle.drainIdleNanos);
            sweep.sweepSlice(start + (ConnectionSweep.DRAIN_IDLE_MILLIS - 1) * ms);
            assertFalse(idle.closeIdle, "not before a quarter second");
            sweep.sweepSlice(start + ConnectionSweep.DRAIN_IDLE_MILLIS * ms);
            assertTrue(idle.closeIdle, "from then on");
            return null;
        });
    }
}
