package dev.surge.observe;

import dev.surge.http.Rejection;
import dev.surge.http.Server;
import dev.surge.http.ServerHealth;
import dev.surge.http.Traffic;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The metrics read from a running {@link Server} at scrape time, with the library's callback
 * metrics: its connections, bytes and event-loop backlog ({@link Server#traffic()}), and
 * readiness, refusals by reason and the timeouts' share ({@link ServerHealth}). Nothing is
 * recorded for them on the request path beyond the server's own per-loop counts.
 */
final class ServerCollectors {
    private ServerCollectors() {
    }

    static void register(PrometheusRegistry registry, Server server) {
        ServerHealth health = server.health();
        GaugeWithCallback.builder().name("surge_http_connections_open").help("Client connections open now")
                .callback(cb -> cb.call(server.traffic().connectionsOpen())).register(registry);
        CounterWithCallback.builder().name("surge_http_connections_accepted")
                .help("Client connections accepted since start")
                .callback(cb -> cb.call(server.traffic().connectionsAccepted())).register(registry);
        CounterWithCallback.builder().name("surge_http_received_bytes").help("Bytes read from clients")
                .callback(cb -> cb.call(server.traffic().bytesReceived())).register(registry);
        CounterWithCallback.builder().name("surge_http_sent_bytes").help("Bytes written to clients, file bodies included")
                .callback(cb -> cb.call(server.traffic().bytesSent())).register(registry);
        GaugeWithCallback.builder().name("surge_event_loop_pending_tasks")
                .help("Tasks waiting in each event loop's queue").labelNames("loop")
                .callback(cb -> {
                    Traffic traffic = server.traffic();
                    for (int i = 0; i < traffic.eventLoops(); i++) {
                        cb.call(traffic.pendingTasks(i), Integer.toString(i));
                    }
                }).register(registry);
        CounterWithCallback.builder().name("surge_http_rejected")
                .help("Connections and requests refused or cut short instead of served, by reason").labelNames("reason")
                .callback(cb -> {
                    for (Rejection reason : Rejection.values()) {
                        cb.call(health.rejected(reason), reason.label());
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("surge_ready")
                .help("1 while the server takes new work (started, not draining, not shedding), else 0")
                .callback(cb -> cb.call(health.ready() ? 1 : 0)).register(registry);
        GaugeWithCallback.builder().name("surge_timeout_share")
                .help("Share of their configured length the idle and header timeouts have now: 1, less as memory runs short")
                .callback(cb -> cb.call(health.timeoutShare())).register(registry);
    }
}
