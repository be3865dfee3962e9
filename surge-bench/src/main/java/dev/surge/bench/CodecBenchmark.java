package dev.surge.bench;

import dev.surge.http.ContentType;
import dev.surge.http.RequestLimits;
import dev.surge.http.transport.Connections;
import dev.surge.observe.Metrics;
import dev.surge.web.App;
import dev.surge.web.Route;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP/1.1 codecs alone, without sockets: Surge's connection handler against Netty's
 * HttpServerCodec with the peer's handler, each fed the same bytes in memory (one request per
 * read, and sixteen pipelined). Run with {@code -prof gc} to see bytes allocated per request.
 * The {@code surgeMetrics} variants are the same routes instrumented by surge-observe's
 * {@link Metrics}, to show what recording a request costs. Scores are per request.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class CodecBenchmark {
    private static final String REQUEST = "GET /plaintext HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n";
    private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.US_ASCII);
    private static final ContentType PLAIN = ContentType.of("text/plain");

    private EmbeddedChannel surge;
    private EmbeddedChannel surgeMetrics;
    private EmbeddedChannel surgeJsonMetrics;
    private Metrics metrics;
    private Metrics jsonMetrics;
    private EmbeddedChannel surgeJson;
    private ByteBuf jsonSixteen;
    private EmbeddedChannel netty;
    private ByteBuf one;
    private ByteBuf sixteen;

    @Setup(Level.Trial)
    public void setUp() {
        PooledByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
        surge = channel(plaintext().handler(), alloc);
        surgeJson = channel(json().handler(), alloc);
        metrics = Metrics.create();
        surgeMetrics = channel(metrics.instrument(plaintext()).handler(), alloc);
        jsonMetrics = Metrics.create();
        surgeJsonMetrics = channel(jsonMetrics.instrument(json()).handler(), alloc);
        byte[] json = REQUEST.replace("/plaintext", "/json").repeat(16).getBytes(StandardCharsets.US_ASCII);
        jsonSixteen = alloc.directBuffer(json.length).writeBytes(json);
        netty = new EmbeddedChannel();
        netty.config().setAllocator(alloc);
        netty.pipeline().addLast(new HttpServerCodec(NettyPeer.decoderConfig()), new NettyPeerHandler(netty.eventLoop()));
        one = requests(alloc, 1);
        sixteen = requests(alloc, 16);
    }

    private static App plaintext() {
        return App.create().get("/plaintext", Route.inline(ctx -> ctx.bytes(PLAIN, HELLO)));
    }

    private static App json() {
        return App.create().get("/json", Route.inline(ctx -> ctx.json(new Greeting("Hello, World!"))));
    }

    private static EmbeddedChannel channel(dev.surge.http.RequestHandler routes, PooledByteBufAllocator alloc) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAllocator(alloc);
        channel.pipeline().addLast(Connections.newHttpConnection(routes, RequestLimits.DEFAULT, alloc));
        return channel;
    }

    private static ByteBuf requests(PooledByteBufAllocator alloc, int count) {
        byte[] bytes = REQUEST.repeat(count).getBytes(StandardCharsets.US_ASCII);
        return alloc.directBuffer(bytes.length).writeBytes(bytes);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        surge.finishAndReleaseAll();
        surgeJson.finishAndReleaseAll();
        surgeMetrics.finishAndReleaseAll();
        surgeJsonMetrics.finishAndReleaseAll();
        metrics.close();
        jsonMetrics.close();
        jsonSixteen.release();
        netty.finishAndReleaseAll();
        one.release();
        sixteen.release();
    }

    @Benchmark
    public int surge1ReqPerRead() {
        return roundTrip(surge, one);
    }

    @Benchmark
    @OperationsPerInvocation(16)
    public int surge16ReqPerRead() {
        return roundTrip(surge, sixteen);
    }

    @Benchmark
    @OperationsPerInvocation(16)
    public int surgeJson16ReqPerRead() {
        return roundTrip(surgeJson, jsonSixteen);
    }

    @Benchmark
    public int surgeMetrics1ReqPerRead() {
        return roundTrip(surgeMetrics, one);
    }

    @Benchmark
    @OperationsPerInvocation(16)
    public int surgeMetrics16ReqPerRead() {
        return roundTrip(surgeMetrics, sixteen);
    }

    @Benchmark
    @OperationsPerInvocation(16)
    public int surgeJsonMetrics16ReqPerRead() {
        return roundTrip(surgeJsonMetrics, jsonSixteen);
    }

    @Benchmark
    public int netty1ReqPerRead() {
        return roundTrip(netty, one);
    }

    @Benchmark
    @OperationsPerInvocation(16)
    public int netty16ReqPerRead() {
        return roundTrip(netty, sixteen);
    }

    /** One read batch in, every response out; returns the bytes answered so none is dead code. */
    private static int roundTrip(EmbeddedChannel channel, ByteBuf requests) {
        channel.writeInbound(requests.retainedDuplicate());
        int bytes = 0;
        for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
            bytes += out.readableBytes();
            out.release();
        }
        return bytes;
    }
}
