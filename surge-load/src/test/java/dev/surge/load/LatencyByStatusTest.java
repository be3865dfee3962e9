package dev.surge.load;

import dev.surge.testing.SetUpRoutes;
import dev.surge.testing.SurgeTest;
import dev.surge.web.App;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Latency apart by status, as an overloaded server that sheds load needs it measured: every
 * other request is refused at once with 503, the rest are served after 30 ms. Over all
 * responses the median says little; the 2xx and non-2xx histograms each tell their own.
 */
@SurgeTest
class LatencyByStatusTest {
    private static final long SERVED_MILLIS = 30;
    private static final AtomicLong counter = new AtomicLong();

    @SetUpRoutes
    static void routes(App app) {
        app.get("/sheds", ctx -> {
            if (counter.incrementAndGet() % 2 == 0) {
                ctx.status(503).text("busy");
            } else {
                Thread.sleep(SERVED_MILLIS);
                ctx.text("served");
            }
        });
    }

    @Test
    void servedAndRefusedAreMeasuredApart(URI base) throws Exception {
        LoadResult r = Runs.run(Runs.closed(base.resolve("/sheds"), 4, Duration.ofMillis(1500)));
        Snapshot t = r.total();
        Histogram served = t.latency2xx();
        long ok = t.statuses[200];
        assertTrue(ok > 20 && t.statuses[503] > 20, "both kinds answered: " + ok + " and " + t.statuses[503]);
        assertEquals(ok, served.getTotalCount(), "every 2xx and only they");
        assertEquals(t.statuses[503], t.non2xxLatency.getTotalCount(), "every 503 and only they");
        assertEquals(t.responses, t.latency.getTotalCount(), "the overall histogram still has them all");
        assertTrue(served.getMinValue() >= SERVED_MILLIS * 1000, "a served request took at least 30 ms, min " + served.getMinValue() + " µs");
        long refusedMedian = t.non2xxLatency.getValueAtPercentile(50);
        assertTrue(refusedMedian < SERVED_MILLIS * 1000 / 2, "refusals come at once, median " + refusedMedian + " µs");
    }
}
