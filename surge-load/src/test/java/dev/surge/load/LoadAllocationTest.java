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

    /**
     * Up to three attempts: what the JIT has not compiled yet allocates where compiled code would
     * not (escape analysis), and on a busy machine the JIT may lag behind the warm-up. A hot path
     * that really allocates fails every attempt.
     */
    @Test
    void allocatesAlmostNothingPerResponse(URI base) throws Exception {
        URI uri = base.resolve("/plaintext");
        LoadOptions keepAlive = Runs.closed(uri, 8, Duration.ofSeconds(1), Duration.ofMillis(1500));
        LoadOptions pipelined = new LoadOptions(keepAlive.request(), 8, keepAlive.duration(), keepAlive.warmup(), 1, 0, 16,
                keepAlive.timeout(), 0, null, null, 0, "auto");
        java.util.List<String> attempts = new java.util.ArrayList<>();
        for (int attempt = 0; attempt < 3; attempt++) {
            double one = bytesPerResponse(keepAlive);
            double deep = bytesPerResponse(pipelined);
            System.out.printf("surge load: %.1f bytes per response keep-alive, %.1f pipelined x16%n", one, deep);
            if (one <= BUDGET && deep <= BUDGET) {
                return;
            }
            attempts.add(String.format(java.util.Locale.ROOT, "%.1f keep-alive, %.1f pipelined", one, deep));
        }
        throw new AssertionError("allocated more than " + BUDGET + " bytes per response in every attempt: " + attempts);
    }
}
