package dev.surge.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Closing a connection on the in-memory transport, which cannot half-close: Netty's local
 * transport drops what a peer has not read when the other end closes, and a client with its
 * default reads takes a few messages at a time. So after {@code Connection: close} the server
 * leaves the close to the client (or to its linger); only a body without a length, which
 * ends with the close, is closed at once. The clients here read as Netty does by default.
 */
class InMemoryCloseTest {
    private static final int ROUNDS = 20;

    private final EventLoopGroup clients = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());

    @AfterEach
    void stop() {
        clients.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Reads one answer: closes the connection itself once the head and Content-Length bytes of body are in. */
    private static final class Reader extends ChannelInboundHandlerAdapter {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        volatile boolean closedItself;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            try {
                in.readBytes(received, in.readableBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                in.release();
            }
            String text = received.toString(StandardCharsets.ISO_8859_1);
            int headEnd = text.indexOf("\r\n\r\n");
            int at = text.indexOf("Content-Length: ");
            if (headEnd > 0 && at > 0 && at < headEnd) {
                long length = Long.parseLong(text.substring(at + 16, text.indexOf("\r\n", at)));
                if (received.size() >= headEnd + 4 + length) {
                    closedItself = true;
                    ctx.close();
                }
            }
        }
    }

    private Reader exchange(Server server, String request) throws InterruptedException {
        Reader reader = new Reader();
        Channel channel = new Bootstrap().group(clients).channel(LocalChannel.class).handler(reader)
                .connect(server.address()).sync().channel();
        channel.writeAndFlush(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
        assertTrue(channel.closeFuture().await(10, TimeUnit.SECONDS), "the connection closed");
        return reader;
    }

    @Test
    void aLargeFileAnsweredWithConnectionCloseArrivesWhole(@TempDir Path dir) throws Exception {
        byte[] bytes = new byte[2 << 20]; // 32 pieces of 64 KiB on this transport
        Arrays.fill(bytes, (byte) 'f');
        Path file = Files.write(dir.resolve("large"), bytes);
        try (Server server = Server.start(ServerOptions.defaults().withTransport(Transport.LOCAL).withEventLoops(1),
                (req, res) -> {
                    try {
                        res.sendFile(ContentType.OCTET_STREAM, FileChannel.open(file, StandardOpenOption.READ), 0, bytes.length);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })) {
            for (int round = 1; round <= ROUNDS; round++) {
                Reader reader = exchange(server, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                String text = reader.received.toString(StandardCharsets.ISO_8859_1);
                assertTrue(text.startsWith("HTTP/1.1 200 ") && text.contains("Connection: close\r\n"), text.lines().findFirst().orElse(""));
                assertTrue(reader.closedItself, "round " + round + ": the server closed before the client had read the"
                        + " whole answer (" + reader.received.size() + " bytes of " + (text.indexOf("\r\n\r\n") + 4 + bytes.length) + ")");
            }
        }
    }

    /** Streams a body to the client, on the event loop or ({@code deferred}) on a thread of its own. */
    private static RequestHandler streaming(boolean deferred) {
        return (req, res) -> {
            Response out = res;
            if (deferred) {
                AsyncResponse later = res.defer();
                later.start(Thread.ofVirtual().unstarted(() -> stream(later)));
            } else {
                stream(out);
            }
        };
    }

    private static void stream(Response res) {
        try (OutputStream out = res.stream(ContentType.TEXT_PLAIN)) {
            out.write("until the close\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "deferred: {0}")
    @ValueSource(booleans = {false, true})
    void aBodyWithoutALengthIsEndedByTheServersCloseAtOnce(boolean deferred) throws Exception {
        try (Server server = Server.start(ServerOptions.defaults().withTransport(Transport.LOCAL).withEventLoops(1),
                streaming(deferred))) {
            long start = System.nanoTime();
            Reader reader = exchange(server, "GET / HTTP/1.0\r\n\r\n");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertFalse(reader.closedItself);
            String text = reader.received.toString(StandardCharsets.ISO_8859_1);
            assertTrue(text.startsWith("HTTP/1.1 200 ") && text.endsWith("\r\n\r\nuntil the close\n"), text);
            // A close left to the linger would come after 2 s (ConnectionLife.LINGER_MILLIS).
            assertTrue(millis < 1900, "the close ends the body, so it comes at once, not after the linger: " + millis + " ms");
        }
    }
}
