package dev.surge.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Holds one request in flight on each of many connections at once: opens them all (from
 * several loopback source addresses, since one address has only ~28,000 ephemeral ports),
 * waits {@code --hold} seconds so that the server can be measured with its connections
 * idle, then sends one request on every connection as fast as it can and waits for every
 * answer. Prints what it saw as {@code key=value} lines: connections made, answers by status,
 * errors by kind, the most requests in flight at once, answer latencies, and the wall-clock
 * times of the first and last send and of the first answer. With {@code --go-file PATH} it
 * sends when that file appears instead of after {@code --hold}, so that several floods (each
 * process is bound by the open-file limit) start together.
 * <pre>
 *   java dev.surge.bench.Flood --url http://127.0.0.1:8080/delay/1000 --connections 19000 \
 *        --sources 127.0.0.1,127.0.0.2 --hold 3 --timeout 60
 * </pre>
 */
public final class Flood {
    private static final io.netty.util.AttributeKey<Long> SENT = io.netty.util.AttributeKey.valueOf("sent");
    private final URI url;
    private final int connections;
    private final List<String> sources;
    private final int connectWindow;
    private final int holdSeconds;
    private final String goFile;
    private volatile long firstAnswerMillis;
    private final int timeoutSeconds;

    private final List<Channel> open = new ArrayList<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final LongAdder answered = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private long[] latencies;
    private final AtomicInteger latencyCount = new AtomicInteger();

    private Flood(Map<String, String> args) {
        url = URI.create(args.getOrDefault("url", "http://127.0.0.1:8080/delay/1000"));
        connections = Integer.parseInt(args.getOrDefault("connections", "1000"));
        sources = List.of(args.getOrDefault("sources", "127.0.0.1").split(","));
        connectWindow = Integer.parseInt(args.getOrDefault("connect-window", "512"));
        holdSeconds = Integer.parseInt(args.getOrDefault("hold", "2"));
        goFile = args.get("go-file");
        timeoutSeconds = Integer.parseInt(args.getOrDefault("timeout", "60"));
        latencies = new long[connections];
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new TreeMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            if (!argv[i].startsWith("--")) {
                System.err.println("flood: expected --name value pairs, got '" + argv[i] + "'");
                System.exit(2);
            }
            args.put(argv[i].substring(2), argv[i + 1]);
        }
        System.exit(new Flood(args).run());
    }

    private int run() throws Exception {
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        try {
            Bootstrap bootstrap = new Bootstrap().group(group)
                    .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpClientCodec(), new Answer());
                        }
                    });
            if (epoll) {
                // Binding a source address with port 0 makes bind() search for a free port
                // among all sockets, which grows slow with thousands open; this leaves the
                // choice to connect(), which only has to avoid the same four-tuple.
                bootstrap.option(io.netty.channel.epoll.EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
            }
            long connectStart = System.nanoTime();
            connectAll(bootstrap);
            double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
            print("connected", open.size());
            print("connect_seconds", String.format("%.2f", connectSeconds));
            System.out.flush();
            if (goFile != null) {
                // Several floods start their requests together when the file appears.
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
                while (!java.nio.file.Files.exists(java.nio.file.Path.of(goFile)) && System.nanoTime() < until) {
                    TimeUnit.MILLISECONDS.sleep(5);
                }
            } else {
                TimeUnit.SECONDS.sleep(holdSeconds);
            }
            print("send_start_ms", System.currentTimeMillis());
            long sendStart = System.nanoTime();
            for (Channel ch : open) {
                ch.attr(SENT).set(System.nanoTime());
                peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                var request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, url.getRawPath(),
                        Unpooled.EMPTY_BUFFER);
                request.headers().set(HttpHeaderNames.HOST, url.getHost());
                ch.writeAndFlush(request);
            }
            print("send_end_ms", System.currentTimeMillis());
            print("sent", open.size());
            print("send_seconds", String.format("%.2f", (System.nanoTime() - sendStart) / 1e9));
            System.out.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (answered.sum() + errorCount() < open.size() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            long unanswered = open.size() - answered.sum() - errorCount();
            if (unanswered > 0) {
                errors.computeIfAbsent("timeout", k -> new LongAdder()).add(unanswered);
            }
            print("all_seconds", String.format("%.2f", (System.nanoTime() - sendStart) / 1e9));
            print("first_answer_ms", firstAnswerMillis);
            report();
            return errorCount() == 0 && open.size() == connections ? 0 : 1;
        } finally {
            for (Channel ch : open) {
                ch.close();
            }
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private void connectAll(Bootstrap bootstrap) throws InterruptedException {
        InetSocketAddress remote = new InetSocketAddress(url.getHost(), url.getPort());
        Semaphore window = new Semaphore(connectWindow);
        List<Channel> made = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < connections; i++) {
            window.acquire();
            InetSocketAddress local = new InetSocketAddress(sources.get(i % sources.size()), 0);
            bootstrap.connect(remote, local).addListener(f -> {
                if (f.isSuccess()) {
                    made.add(((io.netty.channel.ChannelFuture) f).channel());
                } else {
                    error("connect: " + f.cause().getClass().getSimpleName() + ": " + f.cause().getMessage());
                }
                window.release();
            });
        }
        window.acquire(connectWindow);
        open.addAll(made);
    }

    private void error(String kind) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    private long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private void report() {
        statuses.forEach((status, n) -> print("status_" + status, n.sum()));
        errors.forEach((kind, n) -> print("error[" + kind + "]", n.sum()));
        print("errors", errorCount());
        print("answered", answered.sum());
        print("peak_in_flight", peakInFlight.get());
        long[] sorted = Arrays.copyOf(latencies, latencyCount.get());
        Arrays.sort(sorted);
        if (sorted.length > 0) {
            for (double p : new double[]{50, 90, 99, 100}) {
                long v = sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
                print("latency_p" + (int) p + "_ms", String.format("%.1f", v / 1e6));
            }
        }
    }

    private static void print(String key, Object value) {
        System.out.println(key + "=" + value);
    }

    /** Counts an answer when its last part arrives; a connection that closes first is an error. */
    private final class Answer extends SimpleChannelInboundHandler<HttpObject> {
        private boolean done;

        @Override
        public void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpResponse r) {
                statuses.computeIfAbsent(r.status().code(), k -> new LongAdder()).increment();
            }
            if (msg instanceof LastHttpContent && !done) {
                done = true;
                if (firstAnswerMillis == 0) {
                    firstAnswerMillis = System.currentTimeMillis();
                }
                inFlight.decrementAndGet();
                Long at = ctx.channel().attr(SENT).get();
                if (at != null) {
                    latencies[latencyCount.getAndIncrement()] = System.nanoTime() - at;
                }
                answered.increment();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (ctx.channel().attr(SENT).get() != null && !done) {
                done = true;
                inFlight.decrementAndGet();
                error("closed before the answer");
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!done) {
                done = true;
                if (ctx.channel().attr(SENT).get() != null) {
                    inFlight.decrementAndGet();
                }
                error("read: " + cause.getClass().getSimpleName());
            }
            ctx.close();
        }
    }
}
