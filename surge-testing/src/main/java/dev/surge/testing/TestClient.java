package dev.surge.testing;

import dev.surge.http.Method;
import dev.surge.http.Server;
import dev.surge.http.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A blocking HTTP/1.1 client pointed at one {@link Server}, over a socket or in memory
 * ({@link Transport#LOCAL}), for tests:
 * <pre>{@code
 * try (TestClient client = TestClient.create(server)) {
 *     assertEquals(200, client.get("/hello").status());
 * }
 * }</pre>
 * It keeps one keep-alive connection and opens a new one when the server closed the last
 * (after {@code Connection: close}, an error, or a timeout). One request at a time: calls
 * from several threads wait for each other, so use one client per thread to load a server.
 * Every call waits at most the timeout (10 s unless given) for the whole exchange.
 * <p>
 * The client runs one I/O thread of its own, ended by {@link #close()}.
 */
public final class TestClient implements AutoCloseable {
    /** The timeout of {@link #create(Server)}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
    private static final long LOCAL_QUIET_MILLIS = 100;
    private static final Set<Method> IDEMPOTENT = Set.of(Method.GET, Method.HEAD, Method.PUT, Method.DELETE,
            Method.OPTIONS, Method.TRACE);

    private final SocketAddress address;
    private final boolean local;
    private final String host;
    private final Duration timeout;
    private final EventLoopGroup group;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The current connection, or null; replaced under the lock of this, read by close() without it. */
    private volatile ClientConnection connection;

    private TestClient(Server server, Duration timeout) {
        this.address = server.address();
        this.local = server.transport() == Transport.LOCAL;
        this.host = address instanceof InetSocketAddress inet ? hostHeader(inet) : "localhost";
        this.timeout = timeout;
        IoHandlerFactory io = local ? LocalIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(1, new RecordingThreadFactory(threads), io);
        // Netty starts a loop's thread on its first task: start it now, so that it belongs to
        // whoever made the client (a class's set-up), not to the first test that sends.
        group.submit(() -> { }).syncUninterruptibly();
    }

    /** A client of {@code server} with the default timeout of 10 seconds. */
    public static TestClient create(Server server) {
        return create(server, DEFAULT_TIMEOUT);
    }

    /** A client of {@code server} whose calls wait at most {@code timeout} each. */
    public static TestClient create(Server server, Duration timeout) {
        Objects.requireNonNull(server, "server");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        return new TestClient(server, timeout);
    }

    /** How long each call waits for its whole exchange unless the request sets its own. */
    public Duration timeout() {
        return timeout;
    }

    public TestResponse get(String path) {
        return request(Method.GET, path).send();
    }

    public TestResponse delete(String path) {
        return request(Method.DELETE, path).send();
    }

    public TestResponse post(String path, String body, String contentType) {
        return request(Method.POST, path).body(body, contentType).send();
    }

    public TestResponse post(String path, byte[] body, String contentType) {
        return request(Method.POST, path).body(body, contentType).send();
    }

    public TestResponse put(String path, String body, String contentType) {
        return request(Method.PUT, path).body(body, contentType).send();
    }

    public TestResponse put(String path, byte[] body, String contentType) {
        return request(Method.PUT, path).body(body, contentType).send();
    }

    /** A request to finish with headers, a body or a timeout, then {@link TestRequest#send()}. */
    public TestRequest request(Method method, String path) {
        return new TestRequest(this, method, path);
    }

    /** Sends over the kept connection, or a new one; retries once where a kept one was found closed. */
    synchronized TestResponse send(TestRequest request) {
        if (closed.get()) {
            throw new IllegalStateException("this TestClient is closed; " + request + " was not sent");
        }
        long deadline = System.nanoTime() + request.timeout().toNanos();
        boolean kept = connection != null && connection.usable();
        if (!kept) {
            connection = connect(request, deadline);
        }
        try {
            try {
                return connection.exchange(encode(request), deadline);
            } catch (ClientConnection.ClosedBeforeResponse e) {
                // The server may close an idle kept connection just as we reuse it; the request
                // never reached a handler, so a request that may be repeated is sent again.
                if (!kept || !IDEMPOTENT.contains(request.method())) {
                    throw e;
                }
                connection = connect(request, deadline);
                return connection.exchange(encode(request), deadline);
            }
        } catch (TimeoutException e) {
            throw timedOut(request);
        } catch (IOException e) {
            throw new UncheckedIOException(request + " to " + address + " failed: " + e.getMessage(), e);
        }
    }

    private ClientConnection connect(TestRequest request, long deadline) {
        ClientConnection opened = new ClientConnection();
        long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(local ? LocalChannel.class : NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, millis))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_RESPONSE_BYTES), opened);
                    }
                });
        if (!local) {
            bootstrap.option(ChannelOption.TCP_NODELAY, true);
        }
        ChannelFuture connected = bootstrap.connect(address);
        if (!connected.awaitUninterruptibly(millis)) {
            connected.channel().close();
            throw timedOut(request);
        }
        if (!connected.isSuccess()) {
            String message = "cannot connect to " + address + " to send " + request + ": "
                    + connected.cause().getMessage() + " (is the server closed?)";
            throw new UncheckedIOException(message, new IOException(message, connected.cause()));
        }
        opened.attach(connected.channel());
        return opened;
    }

    private FullHttpRequest encode(TestRequest request) {
        byte[] body = request.bodyOrNull();
        FullHttpRequest out = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(request.method().name()),
                request.path(), body == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        List<String> headers = request.headers();
        for (int i = 0; i < headers.size(); i += 2) {
            out.headers().add(headers.get(i), headers.get(i + 1));
        }
        if (!out.headers().contains(HttpHeaderNames.HOST)) {
            out.headers().set(HttpHeaderNames.HOST, host);
        }
        if (request.contentType() != null && !out.headers().contains(HttpHeaderNames.CONTENT_TYPE)) {
            out.headers().set(HttpHeaderNames.CONTENT_TYPE, request.contentType());
        }
        boolean needsLength = body != null || request.method() == Method.POST || request.method() == Method.PUT
                || request.method() == Method.PATCH;
        if (needsLength && !out.headers().contains(HttpHeaderNames.CONTENT_LENGTH)
                && !out.headers().contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            out.headers().set(HttpHeaderNames.CONTENT_LENGTH, body == null ? 0 : body.length);
        }
        return out;
    }

    private UncheckedIOException timedOut(TestRequest request) {
        return new UncheckedIOException(new HttpTimeoutException(request + ": no response within "
                + request.timeout().toMillis() + " ms; if the route is meant to be this slow, raise the timeout with"
                + " request(method, path).timeout(...) or TestClient.create(server, timeout)"));
    }

    /**
     * Closes the kept connection, waiting until it is closed; the next request opens a new
     * one. {@link SurgeTest} calls it after each test, so that what a connection holds (the
     * codec's buffers, the server's side of it) belongs to one test, as the leak check wants.
     */
    public synchronized void disconnect() {
        ClientConnection last = connection;
        connection = null;
        if (last != null) {
            last.close().syncUninterruptibly();
        }
    }

    /**
     * Closes the connection and ends the client's I/O thread, waiting until it has exited,
     * so that a thread-leak check run right after finds nothing of ours.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ClientConnection last = connection;
        if (last != null) {
            last.close().syncUninterruptibly();
        }
        // In memory, the server's end of a connection answers our close with a task on our
        // event loop; a quiet period keeps the loop alive to take it, so Netty need not
        // drop it (and log a warning) on a loop already gone.
        group.shutdownGracefully(local ? LOCAL_QUIET_MILLIS : 0, 2000, TimeUnit.MILLISECONDS).syncUninterruptibly();
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String hostHeader(InetSocketAddress inet) {
        String host = inet.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + inet.getPort();
    }

    /** Names the client's I/O thread and remembers it, so that {@link #close()} can wait for it to exit. */
    private static final class RecordingThreadFactory extends DefaultThreadFactory {
        private final List<Thread> threads;

        RecordingThreadFactory(List<Thread> threads) {
            super("surge-test-client", true);
            this.threads = threads;
        }

        @Override
        protected Thread newThread(Runnable r, String name) {
            Thread thread = super.newThread(r, name);
            threads.add(thread);
            return thread;
        }
    }
}
