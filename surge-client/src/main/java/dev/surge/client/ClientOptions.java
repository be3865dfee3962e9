package dev.surge.client;

import java.time.Duration;

/**
 * How an {@link HttpClient} behaves.
 *
 * @param eventLoops I/O threads; each host's connections live on one of them
 * @param maxConnectionsPerHost connections kept per host:port; more requests wait for one
 * @param connectTimeout how long a connection may take to open
 * @param responseTimeout how long a response may take, from the request's send to its last byte
 * @param maxResponseBytes the largest response body accepted
 */
public record ClientOptions(int eventLoops, int maxConnectionsPerHost, Duration connectTimeout,
                            Duration responseTimeout, int maxResponseBytes) {

    public ClientOptions {
        if (eventLoops < 1 || maxConnectionsPerHost < 1 || maxResponseBytes < 0) {
            throw new IllegalArgumentException("eventLoops and maxConnectionsPerHost must be >= 1, maxResponseBytes >= 0");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || responseTimeout.isNegative() || responseTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** One event loop, 64 connections per host, 5 s to connect, 30 s per response, 16 MiB bodies. */
    public static ClientOptions defaults() {
        return new ClientOptions(1, 64, Duration.ofSeconds(5), Duration.ofSeconds(30), 16 << 20);
    }

    public ClientOptions withEventLoops(int n) {
        return new ClientOptions(n, maxConnectionsPerHost, connectTimeout, responseTimeout, maxResponseBytes);
    }

    public ClientOptions withMaxConnectionsPerHost(int n) {
        return new ClientOptions(eventLoops, n, connectTimeout, responseTimeout, maxResponseBytes);
    }

    public ClientOptions withConnectTimeout(Duration d) {
        return new ClientOptions(eventLoops, maxConnectionsPerHost, d, responseTimeout, maxResponseBytes);
    }

    public ClientOptions withResponseTimeout(Duration d) {
        return new ClientOptions(eventLoops, maxConnectionsPerHost, connectTimeout, d, maxResponseBytes);
    }

    public ClientOptions withMaxResponseBytes(int n) {
        return new ClientOptions(eventLoops, maxConnectionsPerHost, connectTimeout, responseTimeout, n);
    }
}
