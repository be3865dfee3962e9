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
        return new Server(options, Listeners.bind(options, handler, health), health);
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

    /** Connections open now. */
    public int openConnections() {
        return listeners.openConnections();
    }

    /**
     * Stops gracefully within {@code grace}: the listeners close, readiness turns false, every
     * request already taken up is answered, and each connection closes after its last
     * response, which says {@code Connection: close}; idle keep-alive connections close after
     * a quarter of a second, in which a request that was on its way is still answered.
     * Whatever is left a second before {@code grace} ends (half-way, for a grace under two
     * seconds) is closed as {@link #close()} does, which interrupts the handlers still
     * running; it returns at about the end of {@code grace}. Returns whether everything finished in time.
     */
    public boolean stop(java.time.Duration grace) {
        return listeners.drain(grace);
    }

    /**
     * Stops at once: stops accepting, closes the connections (interrupting the handlers still
     * working on them) and the event loops, then calls the handler's
     * {@link RequestHandler#close(java.time.Duration)}. Use {@link #stop} to finish the requests in progress.
     */
    @Override
    public void close() {
        listeners.close();
    }
}
