package dev.surge.observe;

import dev.surge.testing.TestResponse;
import dev.surge.web.App;
import dev.surge.web.Route;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /debug/vars, /debug/threads and /debug/heap: the runtime as the JDK sees it. */
class DebugTest {
    private final HeldRoute held = new HeldRoute();
    private final Observed observed = new Observed(App.create()
            .get("/hello", Route.inline(ctx -> ctx.text("hello")))
            .get("/held", held));

    @AfterEach
    void close() {
        held.release();
        observed.close();
    }

    @Test
    void varsAreJsonRuntimeStats() throws Exception {
        for (int i = 0; i < 3; i++) {
            observed.client.get("/hello");
        }
        TestResponse r = observed.adminClient.get("/debug/vars");
        assertEquals(200, r.status());
        @SuppressWarnings("unchecked")
        Map<String, Object> vars = r.json(Map.class);
        for (String key : List.of("uptime_seconds", "state", "requests_per_second", "requests_in_flight", "requests_total",
                "virtual_threads_alive", "connections_open", "connections_accepted", "bytes_received", "bytes_sent",
                "event_loop_pending_tasks", "rejected", "threads", "heap_used_bytes", "heap_max_bytes",
                "direct_used_bytes", "netty_direct_used_bytes", "gc")) {
            assertTrue(vars.containsKey(key), key + " in " + vars.keySet());
        }
        assertEquals(3, ((Number) vars.get("requests_total")).intValue());
        assertEquals(1, ((Number) vars.get("connections_open")).intValue());
        assertEquals("ready", vars.get("state"));
        assertTrue(((Map<?, ?>) vars.get("rejected")).containsKey("memory"));
    }

    @Test
    void threadsListVirtualThreadsToo() throws Exception {
        held.whileHeld(observed.server, "/held", () -> {
            TestResponse r = observed.adminClient.get("/debug/threads");
            assertEquals(200, r.status());
            assertEquals("application/json", r.header("Content-Type").orElseThrow());
            Map<?, ?> dump = r.json(Map.class);
            assertTrue(dump.containsKey("threadDump"), dump.keySet().toString());
            String text = r.text();
            assertTrue(text.contains("\"name\": \"surge-handler\"") || text.contains("\"name\":\"surge-handler\""),
                    "the held request's virtual thread");
            assertTrue(text.contains("\"virtual\": true") || text.contains("\"virtual\":true"), "virtual threads marked");
        });
    }

    @Test
    void heapIsAClassHistogram() {
        TestResponse r = observed.adminClient.get("/debug/heap?all=true");
        assertEquals(200, r.status());
        assertTrue(r.text().contains("java.lang.String "), r.text().lines().limit(5).toList().toString());
        assertTrue(r.text().lines().anyMatch(l -> l.trim().startsWith("Total")), "ends with the totals");
    }

    @Test
    void theIndexListsTheEndpoints() {
        String index = observed.adminClient.get("/").text();
        for (String path : List.of("/metrics", "/health/live", "/health/ready", "/debug/vars", "/debug/threads",
                "/debug/heap", "/debug/profile")) {
            assertTrue(index.contains(path), path);
        }
    }
}
