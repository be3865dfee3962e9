package dev.surge.observe;

import dev.surge.http.Server;
import dev.surge.http.ServerOptions;
import dev.surge.testing.TestClient;
import dev.surge.web.App;

/**
 * A test's instrumented server with its admin listener, both on free ports of 127.0.0.1 with
 * one event loop each, and a client for each.
 */
final class Observed implements AutoCloseable {
    final Metrics metrics = Metrics.create();
    final Server server;
    final Admin admin;
    final TestClient client;
    final TestClient adminClient;

    Observed(App app) {
        server = metrics.instrument(app).start(ServerOptions.defaults().withPort(0).withEventLoops(1));
        admin = Admin.start("127.0.0.1", 0, server, metrics);
        client = TestClient.create(server);
        adminClient = TestClient.create(admin.server());
    }

    /** Scrapes /metrics in the Prometheus text format and parses it. */
    Scrape scrape() {
        return Scrape.parse(adminClient.get("/metrics").text());
    }

    @Override
    public void close() {
        client.close();
        adminClient.close();
        admin.close();
        server.close();
        metrics.close();
    }
}
