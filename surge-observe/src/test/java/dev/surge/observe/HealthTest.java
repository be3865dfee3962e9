package dev.surge.observe;

import dev.surge.http.ServerHealth;
import dev.surge.testing.TestResponse;
import dev.surge.web.App;
import dev.surge.web.Route;
import dev.surge.web.overload.MemoryGuard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The probes: live while serving, ready only while the server takes new work. */
class HealthTest {
    // The memory guard off: its check, every 100 ms, sets the state these tests set by hand
    // (the timeouts' share back to 1 between a test's setting it and its scrape).
    private final Observed observed = new Observed(App.create().memoryGuard(MemoryGuard.off())
            .get("/", Route.inline(ctx -> ctx.text("ok"))));

    @AfterEach
    void close() {
        observed.close();
    }

    @Test
    void liveWhileTheProcessServes() {
        TestResponse r = observed.adminClient.get("/health/live");
        assertEquals(200, r.status());
        assertEquals("application/json", r.header("Content-Type").orElseThrow());
        assertEquals("{\"live\":true}", r.text());
    }

    @Test
    void readyOnceStarted() {
        TestResponse r = observed.adminClient.get("/health/ready");
        assertEquals(200, r.status());
        assertEquals("{\"ready\":true,\"state\":\"ready\"}", r.text());
    }

    @Test
    void notReadyWhileDraining() {
        observed.server.health().draining(true);
        TestResponse r = observed.adminClient.get("/health/ready");
        assertEquals(503, r.status());
        assertEquals("{\"ready\":false,\"state\":\"draining\"}", r.text());
        assertEquals(200, observed.adminClient.get("/health/live").status(), "still live");
    }

    @Test
    void notReadyWhileSheddingAndSaysWhy() {
        observed.server.health().shedding(ServerHealth.MEMORY);
        TestResponse r = observed.adminClient.get("/health/ready");
        assertEquals(503, r.status());
        assertEquals("{\"ready\":false,\"state\":\"shedding\",\"reason\":\"memory\"}", r.text());
        assertEquals(0, observed.scrape().value("surge_ready"));
        observed.server.health().shedding(null);
        assertEquals(200, observed.adminClient.get("/health/ready").status());
    }

    @Test
    void theTimeoutsShareIsAMetric() {
        assertEquals(1, observed.scrape().value("surge_timeout_share"));
        observed.server.health().timeoutShare(0.25);
        assertEquals(0.25, observed.scrape().value("surge_timeout_share"));
    }
}
