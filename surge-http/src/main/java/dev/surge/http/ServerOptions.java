package dev.surge.http;

/**
 * Where and how the server listens.
 *
 * @param host        address to bind, e.g. {@code 127.0.0.1}
 * @param port        TCP port; 0 picks a free one ({@link Server#port()} tells which)
 * @param transport   I/O transport
 * @param eventLoops  I/O threads; each runs its own listener where SO_REUSEPORT is available
 * @param backlog     accept queue length
 * @param reusePort   one SO_REUSEPORT listener per event loop (epoll, io_uring)
 * @param tcpFastOpen TCP Fast Open queue length; 0 turns it off
 * @param limits      bounds on requests
 * @param connections bounds on connections: how many, and how slow their clients may be
 */
public record ServerOptions(String host, int port, Transport transport, int eventLoops, int backlog,
                            boolean reusePort, int tcpFastOpen, RequestLimits limits, ConnectionLimits connections) {

    public ServerOptions {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        if (eventLoops < 1) {
            throw new IllegalArgumentException("event loops must be at least 1, got " + eventLoops);
        }
        if (backlog < 1) {
            throw new IllegalArgumentException("backlog must be at least 1, got " + backlog);
        }
        if (tcpFastOpen < 0) {
            throw new IllegalArgumentException("TCP Fast Open queue must be 0 (off) or more, got " + tcpFastOpen);
        }
        if (transport == null || limits == null || connections == null) {
            throw new IllegalArgumentException("transport and limits are required");
        }
    }

    /** 127.0.0.1:8080, auto transport, one event loop per processor, backlog 8192, SO_REUSEPORT. */
    public static ServerOptions defaults() {
        return new ServerOptions("127.0.0.1", 8080, Transport.AUTO,
                Runtime.getRuntime().availableProcessors(), 8192, true, 0, RequestLimits.DEFAULT,
                ConnectionLimits.DEFAULT);
    }

    public ServerOptions withHost(String v) {
        return new ServerOptions(v, port, transport, eventLoops, backlog, reusePort, tcpFastOpen, limits, connections);
    }

    public ServerOptions withPort(int v) {
        return new ServerOptions(host, v, transport, eventLoops, backlog, reusePort, tcpFastOpen, limits, connections);
    }

    public ServerOptions withTransport(Transport v) {
        return new ServerOptions(host, port, v, eventLoops, backlog, reusePort, tcpFastOpen, limits, connections);
    }

    public ServerOptions withEventLoops(int v) {
        return new ServerOptions(host, port, transport, v, backlog, reusePort, tcpFastOpen, limits, connections);
    }

    public ServerOptions withBacklog(int v) {
        return new ServerOptions(host, port, transport, eventLoops, v, reusePort, tcpFastOpen, limits, connections);
    }

    public ServerOptions withReusePort(boolean v) {
        return new ServerOptions(host, port, transport, eventLoops, backlog, v, tcpFastOpen, limits, connections);
    }

    public ServerOptions withTcpFastOpen(int v) {
        return new ServerOptions(host, port, transport, eventLoops, backlog, reusePort, v, limits, connections);
    }

    public ServerOptions withLimits(RequestLimits v) {
        return new ServerOptions(host, port, transport, eventLoops, backlog, reusePort, tcpFastOpen, v, connections);
    }

    public ServerOptions withConnections(ConnectionLimits v) {
        return new ServerOptions(host, port, transport, eventLoops, backlog, reusePort, tcpFastOpen, limits, v);
    }
}
