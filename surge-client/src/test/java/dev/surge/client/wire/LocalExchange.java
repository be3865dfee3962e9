package dev.surge.client.wire;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.local.LocalChannel;

import java.io.ByteArrayOutputStream;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One connection to a server on the in-memory transport: sends some bytes (in two writes, so
 * that the server parses across reads), then reads the answers with {@link ResponseParser} as
 * they come, as an HTTP client does: until an answer says {@code Connection: close}, until the
 * server closes the connection, or, when it is expected to keep it open, until every expected
 * answer came. Each read takes every message waiting, so that a close right after them (the
 * end of a body without a length) finds nothing unread: Netty's local transport drops what a
 * closed peer had not read. All of it runs on the client's event loop; the results are read
 * once the channel is closed.
 */
final class LocalExchange extends ChannelInboundHandlerAdapter implements ResponseListener {
    /** A final response: status, header fields (names lower-cased), body, and whether it closes. */
    record Answer(int status, Map<String, List<String>> headers, byte[] body, boolean close) {
        String header(String name) {
            List<String> values = headers.getOrDefault(name, List.of());
            return values.isEmpty() ? null : values.getFirst();
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + new String(body, StandardCharsets.ISO_8859_1);
        }
    }

    private final ExpectedAnswers expected;
    private final ResponseParser parser = new ResponseParser(this, 16 * 1024);
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final CompletableFuture<Void> inactive = new CompletableFuture<>();
    private final List<Answer> answers = new ArrayList<>();
    private Map<String, List<String>> headers = new LinkedHashMap<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    /** The start of a line the parser left for more bytes. */
    private byte[] pending = new byte[0];
    private String malformed;
    private volatile boolean closedByUs;
    private boolean closedByServer;
    private boolean timedOut;

    private LocalExchange(ExpectedAnswers expected) {
        this.expected = expected;
        parser.headRequest(expected.answersHead(0));
    }

    /** Sends {@code bytes} to {@code server} and reads the answers, waiting at most {@code timeoutMillis}. */
    static LocalExchange run(EventLoopGroup group, SocketAddress server, byte[] bytes, ExpectedAnswers expected,
                             long timeoutMillis) throws InterruptedException {
        LocalExchange exchange = new LocalExchange(expected);
        Channel channel = new Bootstrap().group(group).channel(LocalChannel.class).handler(exchange)
                .option(ChannelOption.RECVBUF_ALLOCATOR,
                        new AdaptiveRecvByteBufAllocator().respectMaybeMoreData(false).maxMessagesPerRead(Integer.MAX_VALUE))
                .connect(server).sync().channel();
        int half = bytes.length / 2;
        channel.write(Unpooled.wrappedBuffer(bytes, 0, half));
        channel.writeAndFlush(Unpooled.wrappedBuffer(bytes, half, bytes.length - half));
        channel.eventLoop().execute(exchange::endIfAllAnswered); // when none is expected
        try {
            exchange.done.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.timedOut = true;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        exchange.closedByUs = true;
        channel.close().sync();
        try {
            exchange.inactive.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the client's channel did not become inactive", e);
        }
        return exchange;
    }

    /** The final responses read, in order. */
    List<Answer> answers() {
        return answers;
    }

    /** Why the bytes were no valid response, or null. */
    String malformed() {
        return malformed;
    }

    /** Whether the server closed the connection (rather than the client, after the answers it expected or one that closes). */
    boolean closedByServer() {
        return closedByServer;
    }

    boolean timedOut() {
        return timedOut;
    }

    /** Whether the connection ended inside a response: a head or body cut off. */
    boolean cutOff() {
        return malformed == null && (pending.length > 0 || !parser.idle());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        byte[] data;
        try {
            byte[] received = ByteBufUtil.getBytes(in);
            data = pending.length == 0 ? received : concat(pending, received);
        } finally {
            in.release();
        }
        if (malformed != null) {
            return;
        }
        try {
            int used = parser.parse(data, 0, data.length);
            pending = Arrays.copyOfRange(data, used, data.length);
        } catch (MalformedResponseException e) {
            malformed = e.getMessage();
            done.complete(null);
            return;
        }
        endIfAllAnswered();
    }

    /** Ends the exchange once every expected answer came, where the server is not expected to close. */
    private void endIfAllAnswered() {
        if (!expected.closes() && answers.size() >= expected.count()) {
            done.complete(null);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closedByServer = !closedByUs;
        if (closedByServer && malformed == null) {
            parser.closed(); // ends a body sent until the close
        }
        done.complete(null);
        inactive.complete(null);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        malformed = "the client's channel failed: " + cause;
        ctx.close();
    }

    @Override
    public void onHeader(byte[] buf, int nameStart, int nameEnd, int valueStart, int valueEnd) {
        String name = new String(buf, nameStart, nameEnd - nameStart, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        headers.computeIfAbsent(name, n -> new ArrayList<>())
                .add(new String(buf, valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1));
    }

    @Override
    public void onContent(byte[] buf, int offset, int length) {
        body.write(buf, offset, length);
    }

    @Override
    public void onComplete(int status, boolean close) {
        answers.add(new Answer(status, headers, body.toByteArray(), close));
        headers = new LinkedHashMap<>();
        body.reset();
        parser.headRequest(expected.answersHead(answers.size()));
        if (close) {
            done.complete(null); // no more answers come on this connection: the client closes it
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
