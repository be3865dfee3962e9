package dev.surge.load;

import dev.surge.testing.SetUpRoutes;
import dev.surge.testing.SurgeTest;
import dev.surge.web.App;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coordinated omission, shown: a server stops answering for one second in the middle of a run.
 * The open loop keeps scheduling requests during the stall and counts their latency from when
 * they fell due, so its p99 shows the stall; the closed loop sends nothing while it waits, so
 * the stall is a handful of slow samples among many fast ones and its p99 hides it.
 */
@SurgeTest
class StallTest {
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long OFF = Long.MAX_VALUE;
    /** The stall starts 700 ms after the first request of a run reaches the server, not after the run is set up. */
    private static final long ARMED = Long.MAX_VALUE - 1;
    private static final AtomicLong stallFrom = new AtomicLong(OFF);

    @SetUpRoutes
    static void routes(App app) {
        app.get("/stalls", ctx -> {
            long now = System.nanoTime();
            stallFrom.compareAndSet(ARMED, now + TimeUnit.MILLISECONDS.toNanos(700));
            long from = stallFrom.get();
            if (now >= from && now < from + STALL_NANOS) {
                TimeUnit.NANOSECONDS.sleep(from + STALL_NANOS - now);
            }
            ctx.text("ok");
        });
    }

    private static LoadResult runWithStall(LoadOptions options) throws Exception {
        stallFrom.set(ARMED);
        try {
            return Runs.run(options);
        } finally {
            stallFrom.set(OFF);
        }
    }

    @Test
    void openLoopShowsTheStallAndClosedLoopHidesIt(URI base) throws Exception {
        URI uri = base.resolve("/stalls");
        Duration run = Duration.ofMillis(2500); // the stall covers 40 % of it
        LoadResult open = runWithStall(Runs.open(uri, 20, run, 200));
        LoadResult closed = runWithStall(Runs.closed(uri, 4, run)); // 4 slow samples among thousands

        double openP99 = Runs.millis(open, 99).getFirst();
        double closedP99 = Runs.millis(closed, 99).getFirst();
        assertTrue(openP99 >= 900, "open-loop p99 " + openP99 + " ms: the 1 s stall should show");
        assertTrue(closed.total().latency.getMaxValue() >= 900_000, "the closed loop's slowest request waited out the stall");
        assertTrue(closedP99 < openP99 / 5, "closed-loop p99 " + closedP99 + " ms against open-loop " + openP99 + " ms");
    }
}
