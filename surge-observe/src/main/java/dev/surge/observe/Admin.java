package dev.surge.observe;

import dev.surge.http.Server;
import dev.surge.http.ServerOptions;

import java.nio.file.Path;

/**
 * The admin listener of a server: metrics, health probes, runtime stats and profiling, on an
 * address of their own (127.0.0.1:9090 in the reference service), kept apart from the public
 * port so that profiling and metrics are never exposed by accident. It is a Surge server
 * itself, on one event loop.
 * <pre>{@code
 * Metrics metrics = Metrics.create();
 * Server server = metrics.instrument(app).start(options);
 * try (Admin admin = Admin.start("127.0.0.1", 9090, server, metrics)) { ... }
 * }</pre>
 * Endpoints: {@code /metrics}, {@code /health/live}, {@code /health/ready},
 * {@code /debug/vars}, {@code /debug/threads}, {@code /debug/heap}, {@code /debug/profile}.
 */
public final class Admin implements AutoCloseable {
    private final Server server;

    private Admin(Server server) {
        this.server = server;
    }

    /**
     * Starts the admin listener for {@code server} on {@code host:port} (0 picks a free port);
     * {@code metrics} then also watches {@code server}. Throws IllegalStateException saying why
     * when the address cannot be bound.
     */
    public static Admin start(String host, int port, Server server, Metrics metrics) {
        metrics.watch(server);
        var app = AdminRoutes.app(server, metrics,
                AsyncProfiler.find(System.getenv("ASYNC_PROFILER_HOME"), System.getenv("PATH")),
                Path.of(System.getProperty("java.io.tmpdir")));
        ServerOptions options = ServerOptions.defaults().withHost(host).withPort(port).withEventLoops(1);
        try {
            return new Admin(app.start(options));
        } catch (IllegalStateException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("cannot start the admin listener on " + host + ":" + port + ": "
                    + cause.getMessage() + " (is another server using the port? choose another with --admin-port,"
                    + " or turn the admin listener off with --admin-port 0)", e);
        }
    }

    /** The port bound (useful when started on port 0). */
    public int port() {
        return server.port();
    }

    /** The admin listener's own server. */
    public Server server() {
        return server;
    }

    /** One line for logs: where the admin listener listens. */
    public String describe() {
        return "admin " + server.describe();
    }

    @Override
    public void close() {
        server.close();
    }
}
