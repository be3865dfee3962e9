package dev.surge.load;

import dev.surge.testing.SetUpRoutes;
import dev.surge.testing.SurgeTest;
import dev.surge.web.App;
import dev.surge.web.Route;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load generator's hot path allocates (almost) nothing per response: its event loop's
 * allocated bytes over a measured second, divided by the responses, stay under a small budget,
 * keep-alive and pipelined. Measured at Netty's default leak-detection level (the paranoid one
 * of the tests records a stack per buffer), restored after.
 */
@SurgeTest
class LoadAllocationTest {
    private static final double BUDGET = 64;

    @SetUpRoutes
    static void routes(App app) {
        app.get("/plaintext", Route.inline(ctx -> ctx.text("Hello, World!")));
    }

    private static double bytesPerResponse(LoadOptions options) throws Exception {
        ResourceLeakDetector.Level testLevel = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
        try {
            LoadResult r = Runs.run(options);
            assertEquals(0, r.total().errorCount(), "errors");
            assertTrue(r.total().responses > 1000, "responses: " + r.total().responses);
            assertTrue(r.allocatedBytes() >= 0, "this JVM counts allocation per thread");
            return (double) r.allocatedBytes() / r.total().responses;
        } finally {
            ResourceLeakDetector.setLevel(testLevel);
        }
    }

    @Test
    void allocatesAlmostNothingPerResponse(URI base) throws Exception {
        URI uri = base.resolve("/plaintext");
        double keepAlive = bytesPerResponse(Runs.closed(uri, 8, Duration.ofSeconds(1), Duration.ofSeconds(1)));
        LoadOptions pipelined = Runs.closed(uri, 8, Duration.ofSeconds(1), Duration.ofSeconds(1));
        pipelined = new LoadOptions(pipelined.request(), 8, pipelined.duration(), pipelined.warmup(), 1, 0, 16,
                pipelined.timeout(), 0, null, null, 0, "auto");
        double deep = bytesPerResponse(pipelined);
        System.out.printf("surge load: %.1f bytes per response keep-alive, %.1f pipelined x16%n", keepAlive, deep);
        assertTrue(keepAlive <= BUDGET, "allocated " + keepAlive + " bytes per response keep-alive, budget " + BUDGET);
        assertTrue(deep <= BUDGET, "allocated " + deep + " bytes per response pipelined, budget " + BUDGET);
    }
}
