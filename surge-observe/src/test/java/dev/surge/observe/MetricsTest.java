package dev.surge.observe;

import dev.surge.http.Method;
import dev.surge.testing.TestResponse;
import dev.surge.web.App;
import dev.surge.web.Route;
import org.hawkular.agent.prometheus.types.Histogram;
import org.hawkular.agent.prometheus.types.Metric;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Known traffic, then a scrape of /metrics read with a Prometheus text parser. */
class MetricsTest {
    private static final String REQUESTS = "surge_http_requests_total";
    private static final String DURATION = "surge_http_request_duration_seconds";

    private final HeldRoute held = new HeldRoute();
    private final Observed observed = new Observed(App.create()
            .get("/hello", Route.inline(ctx -> ctx.text("hello")))
            .get("/users/{id}", ctx -> ctx.text("user " + ctx.pathParam("id")))
            .get("/fail", ctx -> {
                throw new IllegalStateException("failing on purpose");
            })
            .get("/held", held));

    @AfterEach
    void close() {
        held.release();
        observed.close();
    }

    private void send(Method method, String path, int times, int status) {
        for (int i = 0; i < times; i++) {
            TestResponse r = observed.client.request(method, path).send();
            assertEquals(status, r.status(), method + " " + path + ": " + r.text());
        }
    }

    @Test
    void countsRequestsByRoutePatternMethodAndStatusClass() {
        send(Method.GET, "/hello", 5, 200);
        send(Method.GET, "/users/1", 3, 200);
        send(Method.GET, "/users/2", 2, 200);
        send(Method.GET, "/nope", 4, 404);
        send(Method.POST, "/hello", 1, 405);
        send(Method.GET, "/fail", 2, 500);
        send(Method.HEAD, "/hello", 1, 200);

        Scrape scrape = observed.scrape();
        assertEquals(5, scrape.value(REQUESTS, "route", "/hello", "method", "GET", "status", "2xx"));
        assertEquals(5, scrape.value(REQUESTS, "route", "/users/{id}", "method", "GET", "status", "2xx"));
        assertEquals(4, scrape.value(REQUESTS, "route", "(none)", "method", "GET", "status", "4xx"));
        assertEquals(1, scrape.value(REQUESTS, "route", "(none)", "method", "POST", "status", "4xx"));
        assertEquals(2, scrape.value(REQUESTS, "route", "/fail", "method", "GET", "status", "5xx"));
        assertEquals(1, scrape.value(REQUESTS, "route", "/hello", "method", "HEAD", "status", "2xx"));
        assertEquals(6, scrape.metrics(REQUESTS).size(), "one series per route, method and status class seen");
    }

    @Test
    void theLatencyHistogramCountsEveryRequestOnce() {
        send(Method.GET, "/hello", 7, 200);
        send(Method.GET, "/users/9", 3, 200);

        Scrape scrape = observed.scrape();
        for (String route : List.of("/hello", "/users/{id}")) {
            Histogram h = scrape.histogram(DURATION, "route", route, "method", "GET", "status", "2xx");
            long expected = route.equals("/hello") ? 7 : 3;
            assertEquals(expected, h.getSampleCount(), route);
            assertTrue(h.getSampleSum() > 0, route + " took some time");
            List<Histogram.Bucket> buckets = h.getBuckets();
            assertEquals(LatencyBuckets.COUNT, buckets.size());
            assertEquals(0.0001, buckets.getFirst().getUpperBound());
            assertEquals(10.0, buckets.get(buckets.size() - 2).getUpperBound());
            assertEquals(Double.POSITIVE_INFINITY, buckets.getLast().getUpperBound());
            assertEquals(expected, buckets.getLast().getCumulativeCount());
            for (int i = 1; i < buckets.size(); i++) {
                assertTrue(buckets.get(i).getCumulativeCount() >= buckets.get(i - 1).getCumulativeCount(), "cumulative");
            }
            assertTrue(buckets.get(buckets.size() - 2).getCumulativeCount() == expected, "all under 10 s");
        }
    }

    @Test
    void routeLabelsStayBoundedWhateverThePaths() {
        for (int i = 0; i < 5_000; i++) {
            assertEquals(200, observed.client.get("/users/" + i).status());
            assertEquals(404, observed.client.get("/missing/" + i).status());
        }
        Scrape scrape = observed.scrape();
        Set<String> routes = scrape.metrics(REQUESTS).stream().map(m -> m.getLabels().get("route")).collect(Collectors.toSet());
        assertEquals(Set.of("/users/{id}", "(none)"), routes);
        assertEquals(5_000, scrape.value(REQUESTS, "route", "/users/{id}", "method", "GET", "status", "2xx"));
        assertEquals(5_000, scrape.value(REQUESTS, "route", "(none)", "method", "GET", "status", "4xx"));
        assertEquals(2, scrape.metrics(DURATION).size());
    }

    @Test
    void requestsInFlightAndHandlerThreadsCountAHeldRequest() throws Exception {
        held.whileHeld(observed.server, "/held", () -> {
            Scrape during = observed.scrape();
            assertEquals(1, during.value("surge_http_requests_in_flight"));
            assertEquals(1, during.value("surge_virtual_threads_alive"));
        });
        assertEquals(1, observed.scrape().value(REQUESTS, "route", "/held", "method", "GET", "status", "2xx"));
    }

    @Test
    void theServersConnectionsBytesBacklogAndRefusalsAreThere() {
        send(Method.GET, "/hello", 3, 200);
        Scrape scrape = observed.scrape();
        assertEquals(1, scrape.value("surge_http_connections_open"), "the test client's connection");
        assertEquals(1, scrape.value("surge_http_connections_accepted_total"));
        assertEquals(3 * "GET /hello HTTP/1.1\r\n".length(), scrape.value("surge_http_received_bytes_total"), 3 * 200,
                "three requests' worth of bytes");
        assertTrue(scrape.value("surge_http_sent_bytes_total") > 3 * "hello".length());
        assertEquals(0, scrape.value("surge_event_loop_pending_tasks", "loop", "0"), 16);
        assertEquals(1, scrape.value("surge_ready"));
        for (dev.surge.http.Rejection reason : dev.surge.http.Rejection.values()) {
            assertEquals(0, scrape.value("surge_http_rejected_total", "reason", reason.label()), reason.label());
        }
        observed.server.health().reject(dev.surge.http.Rejection.MEMORY);
        assertEquals(1, observed.scrape().value("surge_http_rejected_total", "reason", "memory"));
    }

    @Test
    void theJvmMetricsAreThere() {
        Scrape scrape = observed.scrape();
        for (String family : List.of("jvm_memory_used_bytes", "jvm_threads_current", "jvm_buffer_pool_used_bytes",
                "jvm_gc_collection_seconds")) {
            assertTrue(!scrape.metrics(family).isEmpty(), family);
        }
        Metric direct = scrape.metric("jvm_buffer_pool_used_bytes", "pool", "direct");
        assertTrue(direct != null);
    }

    @Test
    void openMetricsWhenTheScraperAsksForIt() {
        send(Method.GET, "/hello", 1, 200);
        TestResponse r = observed.adminClient.request(Method.GET, "/metrics")
                .header("Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8").send();
        assertEquals(200, r.status());
        assertTrue(r.header("Content-Type").orElseThrow().startsWith("application/openmetrics-text"), r.headers().toString());
        assertTrue(r.text().endsWith("# EOF\n"), "OpenMetrics ends with # EOF");
        assertTrue(r.text().contains("surge_http_requests_total{method=\"GET\",route=\"/hello\",status=\"2xx\"} 1"), r.text());

        TestResponse plain = observed.adminClient.get("/metrics");
        assertTrue(plain.header("Content-Type").orElseThrow().startsWith("text/plain; version=0.0.4"), plain.headers().toString());
        assertTrue(!plain.text().contains("# EOF"));
    }
}
