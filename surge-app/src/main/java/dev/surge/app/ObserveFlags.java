package dev.surge.app;

import dev.surge.config.DurationConverter;
import dev.surge.http.Server;
import dev.surge.http.ServerOptions;
import dev.surge.observe.Admin;
import dev.surge.observe.Metrics;
import dev.surge.web.App;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.time.Duration;

/**
 * The observability flags of {@code surge run} (a picocli mixin): the admin listener's
 * address, whether requests are recorded for /metrics, and the periodic stats line.
 */
final class ObserveFlags {

    @Option(names = "--admin-host", defaultValue = "127.0.0.1",
            description = "address of the admin listener: metrics, health, /debug (default: ${DEFAULT-VALUE})")
    String adminHost;

    @Option(names = "--admin-port", defaultValue = "9090",
            description = "port of the admin listener; 0 turns it off (default: ${DEFAULT-VALUE})")
    int adminPort;

    @Option(names = "--metrics", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "record every request by route for /metrics: count, latency, in flight, rate (default: on)")
    boolean metrics;

    @Option(names = "--stats-interval", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "write a one-line runtime summary to standard output every DURATION, e.g. 5s; 0 or off for none (default: off)")
    Duration statsInterval;

    /**
     * Starts {@code app} with {@code options}, and what these flags ask for around it. If the
     * admin listener cannot start, everything started is closed again and the reason thrown.
     */
    ObservedServer start(App app, ServerOptions options) {
        if (adminPort < 0 || adminPort > 65535) {
            throw new IllegalArgumentException("admin port must be 0-65535 (0: no admin listener), got " + adminPort);
        }
        boolean stats = statsInterval != null && !statsInterval.isZero();
        boolean observed = adminPort != 0 || stats;
        Metrics registry = observed ? Metrics.create() : null;
        if (registry != null && metrics) {
            registry.instrument(app);
        }
        Server server;
        try {
            server = app.start(options);
        } catch (RuntimeException e) {
            close(registry);
            throw e;
        }
        Admin admin = null;
        if (registry != null) {
            try {
                registry.watch(server);
                admin = adminPort == 0 ? null : Admin.start(adminHost, adminPort, server, registry);
            } catch (RuntimeException e) {
                server.close();
                registry.close();
                throw e;
            }
            if (stats) {
                registry.logEvery(statsInterval, System.out::println);
            }
        }
        return new ObservedServer(server, admin, registry);
    }

    private static void close(Metrics registry) {
        if (registry != null) {
            registry.close();
        }
    }

    /** A server with its admin listener and metrics, if any: closed together. */
    record ObservedServer(Server server, Admin admin, Metrics metrics) implements AutoCloseable {

        /** Where the server listens, and the admin listener on a line of its own. */
        String describe() {
            return server.describe() + (admin == null ? "" : "\nsurge: " + admin.describe());
        }

        /**
         * Stops the server gracefully (see {@link Server#stop}), with the admin listener still
         * up so that its readiness probe says draining, then closes the rest. Returns whether the
         * server finished within {@code grace}.
         */
        boolean stop(Duration grace) {
            boolean clean = server.stop(grace);
            close();
            return clean;
        }

        @Override
        public void close() {
            if (admin != null) {
                admin.close();
            }
            server.close();
            ObserveFlags.close(metrics);
        }
    }
}
