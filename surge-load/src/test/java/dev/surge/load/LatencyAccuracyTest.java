package dev.surge.load;

import dev.surge.testing.SetUpRoutes;
import dev.surge.testing.SurgeTest;
import dev.surge.web.App;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Against a server that answers every request after a fixed delay, the measured median is
 * that delay, within 5 %, in a closed and in an open loop, and no percentile is below it: a
 * bias or a unit slip shows. The delay is long (200 ms) so that a busy machine's scheduling
 * noise, a few milliseconds, stays inside the 5 %, and the first half second (class loading,
 * interpreted code, connections opening) is a warm-up. The tail is held to twice the delay
 * only: on a shared two-core machine a neighbour's build stalls a few requests by 100 ms
 * (p99 330 ms seen, three attempts in a row), which says nothing of the measurement.
 */
@SurgeTest
class LatencyAccuracyTest {
    private static final long DELAY_MS = 200;
    private static final Duration WARMUP = Duration.ofMillis(500);

    @SetUpRoutes
    static void routes(App app) {
        app.get("/delay", ctx -> {
            Thread.sleep(DELAY_MS);
            ctx.text("late");
        });
        app.get("/fast", ctx -> ctx.text("ok"));
    }

    /**
     * Runs the load up to three times, until p50 is within 5 % of the delay, p50, p90 and p99
     * are at least 95 % of it, and p99 at most twice it. A measurement that is off (a bias, a
     * unit slip) fails every time; a neighbour that takes the machine's CPUs for a moment
     * spoils one attempt, not three.
     */
    private static void assertNearDelay(LoadOptions options) throws Exception {
        java.util.List<String> attempts = new java.util.ArrayList<>();
        for (int attempt = 0; attempt < 3; attempt++) {
            LoadResult r = Runs.run(options);
            assertTrue(r.total().responses >= 20, "too few responses to judge: " + r.total().responses);
            assertEquals(0, r.total().errorCount(), "errors");
            assertFalse(r.fellBehind(), "sent " + r.total().sent + " of " + r.scheduled());
            java.util.List<Double> ms = Runs.millis(r, 50, 90, 99);
            if (Math.abs(ms.get(0) - DELAY_MS) <= DELAY_MS * 0.05
                    && ms.stream().allMatch(m -> m >= DELAY_MS * 0.95) && ms.get(2) <= 2 * DELAY_MS) {
                return;
            }
            attempts.add(ms.toString());
        }
        throw new AssertionError("p50/p90/p99 not near " + DELAY_MS + " ms in any attempt: " + attempts);
    }

    @Test
    void closedLoopMeasuresTheDelay(URI base) throws Exception {
        assertNearDelay(Runs.closed(base.resolve("/delay"), 8, Duration.ofSeconds(2), WARMUP));
    }

    @Test
    void openLoopMeasuresTheDelay(URI base) throws Exception {
        // 100/s over 40 connections: one request per connection every 400 ms, each answered in 200.
        assertNearDelay(Runs.open(base.resolve("/delay"), 40, Duration.ofSeconds(2), WARMUP, 100));
    }

    @Test
    void openLoopOverManyConnectionsKeepsItsSchedule(URI base) throws Exception {
        // 3,000/s over 600 connections: each lane's turn comes every 200 ms, and the ticker
        // visits only the lanes whose turn came.
        LoadResult r = Runs.run(Runs.open(base.resolve("/fast"), 600, Duration.ofSeconds(2), 3000));
        assertEquals(0, r.total().errorCount(), "errors");
        assertFalse(r.fellBehind(), "sent " + r.total().sent + " of " + r.scheduled());
        assertTrue(r.total().sent >= r.scheduled() - 600, "sent " + r.total().sent + " of " + r.scheduled());
    }

    @Test
    void aLaneBusyWhenItsTurnComesSendsWhenItsAnswerArrives(URI base) throws Exception {
        // 150/s over 20 connections is a request per connection every 133 ms, each answered in
        // 200 ms: every turn finds its connection busy, so each sends on its answer, 5 a second (were
        // it to wait for its next turn instead, about 3.75).
        LoadResult r = Runs.run(Runs.open(base.resolve("/delay"), 20, Duration.ofSeconds(2), 150));
        assertTrue(r.fellBehind(), "sent " + r.total().sent + " of " + r.scheduled());
        assertTrue(r.total().sent >= 180 && r.total().sent <= 240, "sent " + r.total().sent + " of " + r.scheduled()
                + " (20 connections at 5/s for 2 s is about 200)");
    }

    @Test
    void saysSoWhenTheConnectionsCannotKeepUp(URI base) throws Exception {
        // One connection, 200 ms a response, asked for 100/s: it can send about 5/s.
        LoadResult r = Runs.run(Runs.open(base.resolve("/delay"), 1, Duration.ofSeconds(1), 100));
        assertTrue(r.fellBehind(), "sent " + r.total().sent + " of " + r.scheduled());
        assertTrue(r.scheduled() >= 95 && r.total().sent <= 10, "sent " + r.total().sent + " of " + r.scheduled());
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        TextReport.print(r, new PrintStream(text, true, StandardCharsets.UTF_8));
        assertTrue(text.toString(StandardCharsets.UTF_8).contains("could not keep up"), text.toString(StandardCharsets.UTF_8));
        // Latency counts from when each request fell due, so the queueing shows: far above 200 ms.
        assertTrue(Runs.millis(r, 50).getFirst() > 300, "p50 " + Runs.millis(r, 50));
    }
}
