package dev.surge.client;

import dev.surge.client.wire.IoLoops;
import dev.surge.client.wire.RequestEncoder;
import io.netty.bootstrap.Bootstrap;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * A pooled HTTP/1.1 client on Netty's event loops (epoll on Linux): keep-alive connections per
 * host:port, up to a maximum, a response timeout, and failures sorted by
 * {@link ClientException.Kind}.
 * <pre>{@code
 * try (HttpClient client = HttpClient.create(ClientOptions.defaults().withMaxConnectionsPerHost(8))) {
 *     ClientResponse r = client.sendAndWait(ClientRequest.get(URI.create("http://127.0.0.1:8080/plaintext")));
 *     client.send(request).thenAccept(response -> ...);   // or without waiting
 * }
 * }</pre>
 * A future completes on the client's I/O thread: work attached with {@code thenApply} and the
 * like runs there and must not block; use the {@code ...Async} variants for work that may.
 */
public final class HttpClient implements AutoCloseable {
    private final IoLoops loops;
    private final Bootstrap bootstrap;
    private final ClientOptions options;
    private final ConcurrentHashMap<Target, HostPool> pools = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private HttpClient(ClientOptions options) {
        this.options = options;
        this.loops = IoLoops.open(options.eventLoops(), "surge-client");
        this.bootstrap = new Bootstrap().group(loops.group()).channel(loops.channel());
    }

    public static HttpClient create() {
        return create(ClientOptions.defaults());
    }

    public static HttpClient create(ClientOptions options) {
        return new HttpClient(options);
    }

    /**
     * Sends {@code request}; the future completes with the response, or fails with a
     * {@link ClientException}. Whatever the status, a response is a response: a 500 completes it.
     */
    public CompletableFuture<ClientResponse> send(ClientRequest request) {
        Exchange exchange = new Exchange(request, RequestEncoder.encode(request));
        if (closed) {
            exchange.fail(ClientException.Kind.CLOSED, "the client is closed", null);
            return exchange.result;
        }
        Target target = Target.of(request.uri());
        HostPool pool = pools.computeIfAbsent(new Target(target.host(), target.port(), ""),
                t -> new HostPool(t, loops.group().next(), bootstrap, options));
        try {
            pool.submit(exchange);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // close() ran between the check above and here: its loops no longer take work.
            exchange.fail(ClientException.Kind.CLOSED, "the client is closed", e);
        }
        return exchange.result;
    }

    /**
     * Sends {@code request} and waits for its response.
     *
     * @throws ClientException when no response came, with the kind of failure
     */
    public ClientResponse sendAndWait(ClientRequest request) {
        try {
            return send(request).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ClientException c) {
                throw new ClientException(c.kind(), c.getMessage(), c); // this thread's stack, the loop's as cause
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException(ClientException.Kind.CLOSED, "interrupted while waiting for " + request.uri(), e);
        }
    }

    public ClientOptions options() {
        return options;
    }

    /** Fails what is pending, closes every connection and waits for the I/O threads to end. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (HostPool pool : pools.values()) {
            pool.loop().execute(pool::close);
        }
        loops.close();
    }
}
