package dev.surge.http;

import dev.surge.http.transport.Listeners;

/**
 * A running HTTP/1.1 server.
 * <pre>{@code
 * try (Server server = Server.start(ServerOptions.defaults().withPort(0), (req, res) -> res.text("hi"))) {
 *     System.out.println(server.port());
 * }
 * }</pre>
 */
public final class Server implements AutoCloseable {
    private final Listeners listeners;
    private final ServerOptions options;
    private final ServerHealth health;

    private Server(ServerOptions options, Listeners listeners, ServerHealth health) {
        this.options = options;
        this.listeners = listeners;
        this.health = health;
        health.started();
    }

    /** Binds and starts serving; throws IllegalStateException saying why when it cannot. */
    public static Server start(ServerOptions options, RequestHandler handler) {
        ServerHealth health = new ServerHealth();
        handler.attach(health);
        return new Server(options, Listeners.bind(options, handler), health);
    }

    /** Readiness and refusals by reason, for health checks and metrics. */
    public ServerHealth health() {
        return health;
    }

    /** Connections, bytes and event-loop backlog so far, for metrics and runtime stats. */
    public Traffic traffic() {
        return listeners.traffic();
    }

    /** The port bound (useful when the options asked for port 0). */
    public int port() {
        return listeners.port();
    }

    /** Where clients connect; for {@link Transport#LOCAL}, an in-memory address. */
    public java.net.SocketAddress address() {
        return listeners.address();
    }

    /** The transport in use, after {@link Transport#AUTO} was resolved. */
    public Transport transport() {
        return listeners.transport();
    }

    public ServerOptions options() {
        return options;
    }

    /** One line for logs: where, on which transport, how many loops and listeners. */
    public String describe() {
        String where = transport() == Transport.LOCAL ? "in memory at " + address() : options.host() + ":" + port();
        return "listening on " + where + " (transport " + transport() + ", "
                + options.eventLoops() + " event loop(s), " + listeners.listenerCount() + " listener(s))";
    }

    /**
     * Stops accepting, closes the connections and the event loops, then calls the handler's
     * {@link RequestHandler#close()}.
     */
    @Override
    public void close() {
        listeners.close();
    }
}
