package dev.surge.http.transport;

import dev.surge.http.Rejection;
import dev.surge.http.RequestHandler;
import dev.surge.http.ServerHealth;
import dev.surge.http.ServerOptions;
import dev.surge.http.Transport;
import dev.surge.http.codec.DateHeader;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The listening sockets of a server and their event loops. Where the transport has
 * SO_REUSEPORT, every event loop gets a listener of its own and keeps the connections it
 * accepts, so the kernel spreads connections and no loop hands work to another.
 * <p>
 * A connection accepted beyond {@link dev.surge.http.ConnectionLimits#maxConnections()} is
 * closed at once, and so is every new one while the server sheds for want of memory
 * ({@link ServerHealth#shortOfMemory()}). {@link #drain} stops a server gracefully;
 * {@link #close} at once.
 */
public final class Listeners implements AutoCloseable {
    /** What closing the connections, the event loops and the handler may take, at most. */
    static final long CLOSE_MILLIS = 1000;

    private final IoTransport transport;
    private final List<Channel> channels = new ArrayList<>();
    /** Each event loop's gatherer of handler starts and hand-overs, made when the loops are. */
    private final Map<EventExecutor, LoopTurn> turns = new HashMap<>();
    /** Each event loop's sweep of its connections' timeouts. */
    private final Map<EventExecutor, ConnectionSweep> sweeps = new HashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final ServerHealth health;
    private boolean closed;
    /** Each event loop's count of its connections and bytes, in the loops' order. */
    private final Map<EventExecutor, LoopTraffic> traffic = new java.util.LinkedHashMap<>();
    /** Open connections, so that close() closes each one itself: its handler must see it close. */
    private final ChannelGroup connections = new DefaultChannelGroup("surge-connections", ImmediateEventExecutor.INSTANCE);
    private final DateHeader date = new DateHeader();
    private final RequestHandler handler;
    private final int port;

    private Listeners(ServerOptions options, RequestHandler handler, ServerHealth health) {
        this.handler = handler;
        this.health = health;
        this.transport = IoTransport.open(options.transport(), options.eventLoops());
        for (EventExecutor loop : transport.group()) {
            turns.put(loop, new LoopTurn((EventLoop) loop));
            sweeps.put(loop, new ConnectionSweep((EventLoop) loop, options.connections()));
            traffic.put(loop, new LoopTraffic(loop));
        }
        try {
            scheduleDateRefresh(transport.group().next());
            boolean perLoop = options.reusePort() && transport.reusePort() != null;
            int bound = options.port();
            if (perLoop) {
                for (int i = 0; i < options.eventLoops(); i++) {
                    EventLoop loop = transport.group().next();
                    bound = bind(options, handler, loop, bound);
                }
            } else {
                bound = bind(options, handler, transport.group(), bound);
            }
            this.port = bound;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Binds every listener; throws with the reason when the address cannot be bound. */
    public static Listeners bind(ServerOptions options, RequestHandler handler, ServerHealth health) {
        return new Listeners(options, handler, health);
    }

    /** Connections open now. */
    public int openConnections() {
        return open.get();
    }

    public int port() {
        return port;
    }

    /** Where clients connect: an InetSocketAddress, or an in-memory address for LOCAL. */
    public SocketAddress address() {
        return channels.getFirst().localAddress();
    }

    public Transport transport() {
        return transport.kind();
    }

    /** Connections and bytes so far, and each loop's task backlog now. */
    public dev.surge.http.Traffic traffic() {
        return LoopTraffic.sum(List.copyOf(traffic.values()));
    }

    /** How many listening sockets serve the port (one per event loop with SO_REUSEPORT). */
    public int listenerCount() {
        return channels.size();
    }

    private int bind(ServerOptions options, RequestHandler handler, EventLoopGroup group, int port) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group, group)
                .channel(transport.serverChannel())
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        Rejection refused = open.incrementAndGet() > options.connections().maxConnections()
                                ? Rejection.CONNECTION_LIMIT
                                : health.shortOfMemory() ? Rejection.CONNECTION_MEMORY : null;
                        if (refused != null) {
                            open.decrementAndGet();
                            health.reject(refused);
                            ch.close();
                            return;
                        }
                        ch.closeFuture().addListener(f -> open.decrementAndGet());
                        connections.add(ch);
                        ch.pipeline().addLast(traffic.get(ch.eventLoop()));
                        ch.pipeline().addLast(new HttpConnection(handler, date, options, health, ch.alloc(),
                                turns.get(ch.eventLoop()), sweeps.get(ch.eventLoop())));
                    }
                });
        if (transport.kind() != Transport.LOCAL) {
            // Socket options; the in-memory transport has none of them.
            bootstrap.option(ChannelOption.SO_BACKLOG, options.backlog())
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true);
        }
        // Pooled buffers read straight from their memory address; the adaptive default of
        // Netty 4.2 adds a delegation per byte read, which the parser feels.
        bootstrap.childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT);
        int high = options.connections().writeHighWater();
        bootstrap.childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(high / 2, high));
        if (transport.reusePort() != null && options.reusePort()) {
            bootstrap.option(transport.reusePort(), true);
        }
        if (options.tcpFastOpen() > 0) {
            bootstrap.option(ChannelOption.TCP_FASTOPEN, options.tcpFastOpen());
        }
        Channel channel;
        SocketAddress address = transport.kind() == Transport.LOCAL
                ? LocalAddress.ANY : new InetSocketAddress(options.host(), port);
        try {
            channel = bootstrap.bind(address).syncUninterruptibly().channel();
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen on " + options.host() + ":" + port + ": " + e.getMessage()
                    + " (is another server using the port? choose another with --port)", e);
        }
        channels.add(channel);
        return channel.localAddress() instanceof InetSocketAddress inet ? inet.getPort() : 0;
    }

    private void scheduleDateRefresh(EventLoop loop) {
        loop.schedule(() -> {
            date.refresh();
            if (!loop.isShuttingDown()) {
                scheduleDateRefresh(loop);
            }
        }, DateHeader.millisToNextSecond(), TimeUnit.MILLISECONDS);
    }

    /**
     * Stops gracefully, within {@code grace}: stops accepting, marks the server draining (not
     * ready; each connection's last response says {@code Connection: close}), lets every
     * connection finish the requests it has, closing it after its last response, and closes
     * idle ones; then, once all are closed, or when the grace period has only
     * {@link #CLOSE_MILLIS} left (half of it, if shorter), closes what is left as {@link #close}
     * does, by about the end of the grace period. Returns whether every connection closed by itself.
     */
    public boolean drain(Duration grace) {
        long closeBy = System.nanoTime() + grace.toNanos();
        long deadline = closeBy - Math.min(TimeUnit.MILLISECONDS.toNanos(CLOSE_MILLIS), grace.toNanos() / 2);
        // Listeners first: a client told Connection: close reconnects at once, and a connection
        // waiting in the accept queue of a listener that then closes is reset, request and all.
        closeListeners();
        health.draining(true);
        for (ConnectionSweep sweep : sweeps.values()) {
            sweep.drain();
        }
        boolean clean = true;
        while (!connections.isEmpty()) {
            if (System.nanoTime() - deadline >= 0) {
                clean = false;
                break;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                clean = false;
                break;
            }
        }
        close(closeBy);
        return clean;
    }

    private void closeListeners() {
        for (Channel channel : channels) {
            channel.close().syncUninterruptibly();
        }
    }

    /**
     * Stops accepting, closes every connection, waits for the event loops to end, then lets
     * the handler wait for work it runs on other threads: all of it within
     * {@link #CLOSE_MILLIS}. A second call does nothing.
     */
    @Override
    public void close() {
        close(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_MILLIS));
    }

    private synchronized void close(long closeBy) {
        if (closed) {
            return;
        }
        closed = true;
        closeListeners();
        for (ConnectionSweep sweep : sweeps.values()) {
            sweep.stop();
        }
        // Closed here rather than by the loops' shutdown, which may drop the inactive event
        // that tells a connection to interrupt the handler still working on its request.
        connections.close().awaitUninterruptibly(left(closeBy), TimeUnit.NANOSECONDS);
        Future<?> done = transport.group().shutdownGracefully(0, left(closeBy), TimeUnit.NANOSECONDS);
        done.awaitUninterruptibly(left(closeBy), TimeUnit.NANOSECONDS);
        // A handler that ignores its interrupt is left running after this: it can no longer answer.
        handler.close(Duration.ofNanos(left(closeBy)));
    }

    private static long left(long closeBy) {
        return Math.max(0, closeBy - System.nanoTime());
    }
}
