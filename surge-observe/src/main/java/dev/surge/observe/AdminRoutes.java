package dev.surge.observe;

import dev.surge.http.ContentType;
import dev.surge.http.Server;
import dev.surge.http.ServerHealth;
import dev.surge.web.App;
import dev.surge.web.Context;
import dev.surge.web.Route;
import dev.surge.web.overload.MemoryGuard;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The routes of the admin listener: metrics, health probes and the /debug endpoints. The
 * probes answer inline on the event loop; everything that reads the JVM (a scrape, a dump, a
 * profile) runs on a virtual thread.
 */
final class AdminRoutes {
    private static final String INDEX = """
            Surge admin
              GET /metrics          Prometheus text (OpenMetrics with Accept: application/openmetrics-text)
              GET /health/live      200 while the process serves (JSON)
              GET /health/ready     200 when ready for traffic, 503 while starting, draining or shedding (JSON)
              GET /debug/vars       runtime stats (JSON)
              GET /debug/threads    every thread, virtual ones included (JSON thread dump)
              GET /debug/heap       class histogram of live objects (a full GC; ?all=true: no GC, unreachable too)
              GET /debug/profile    ?seconds=30&event=cpu|alloc|lock|wall[&format=html]: a JFR recording
                                    (or an async-profiler flame graph)
            """;

    private AdminRoutes() {
    }

    static App app(Server server, Metrics metrics, Optional<Path> asprof, Path tempDir) {
        ProfileEndpoint profile = new ProfileEndpoint(asprof, tempDir);
        // No memory guard: metrics and health must answer while the server sheds for memory
        // (a liveness probe answered 503, or a connection closed at accept, would have the
        // process restarted for doing its job), and the admin port sees few requests.
        return App.create().memoryGuard(MemoryGuard.off())
                .get("/", Route.inline(ctx -> ctx.text(INDEX)))
                .get("/metrics", ctx -> {
                    Metrics.Scrape scrape = metrics.scrape(ctx.header("Accept").orElse(null));
                    ctx.bytes(ContentType.of(scrape.contentType()), scrape.body());
                })
                .get("/health/live", Route.inline(ctx -> ctx.json(Map.of("live", true))))
                .get("/health/ready", Route.inline(ctx -> ready(ctx, server.health())))
                .get("/debug/vars", ctx -> ctx.json(metrics.vars().toMap()))
                .get("/debug/threads", ctx -> threads(ctx, tempDir))
                .get("/debug/heap", ctx -> ctx.text(Diagnostics.classHistogram(
                        ctx.queryParam("all").map(Boolean::parseBoolean).orElse(false))))
                .get("/debug/profile", profile::answer);
    }

    private static void ready(Context ctx, ServerHealth health) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ready", health.ready());
        body.put("state", health.state());
        if (health.sheddingReason().isPresent()) {
            body.put("reason", health.sheddingReason().get());
        }
        ctx.status(health.ready() ? 200 : 503).json(body);
    }

    private static void threads(Context ctx, Path tempDir) throws IOException {
        Path dump = Diagnostics.threadDump(tempDir);
        try {
            ProfileEndpoint.send(ctx, ContentType.JSON, dump);
        } finally {
            Diagnostics.delete(dump);
        }
    }
}
