package dev.surge.http.codec;

import dev.surge.http.ContentType;
import dev.surge.http.Method;
import dev.surge.http.RequestLimits;
import dev.surge.http.Response;
import dev.surge.http.ServerHealth;
import dev.surge.junit.AllocationBudget;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the codec allocates on the heap once warmed up: nothing to parse a request, nothing to
 * encode a response head. The connection's own allocations (its pooled buffers, the batch) are
 * LoopAllocationTest's, in surge-app. Buffers here are made with Netty's leak detection off, as
 * a server makes almost all of its own: at the paranoid level the tests run at, a tracked
 * buffer records a stack trace on every read, and that would be measured instead of the codec.
 * The Date line does not turn here; on a server it turns once a second, after which each
 * connection's first response of a kind encodes its head prefix again (one array, about 140
 * bytes: {@link HeadPrefixCache}).
 */
class CodecAllocationTest {
    private static final AllocationBudget PARSE = AllocationBudget.of(0, "parse");
    private static final AllocationBudget HEAD = AllocationBudget.of(0, "response");
    /** Enough runs that every path is compiled before the measured ones. */
    private static final int WARMUPS = 100_000;
    private static final int RUNS = 10_000;

    /** A browser's GET, ten header fields, as a server sees thousands of. */
    private static final String GET_10_FIELDS = "GET /users/7?full=1 HTTP/1.1\r\n"
            + "Host: api.example.com\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r\n"
            + "Accept: application/json, text/plain, */*\r\n"
            + "Accept-Language: en-GB,en;q=0.5\r\n"
            + "Accept-Encoding: gzip, deflate, br\r\n"
            + "Referer: https://app.example.com/users\r\n"
            + "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.ZRrHA1JJJW8opsbCGfG_HACGpVUMN_a9IV7pAx_Zmeo\r\n"
            + "Cookie: session=8f14e45fceea167a5a36dedd4bea2543; theme=dark\r\n"
            + "X-Request-Id: 4bf92f3577b34da6a3ce929d0e0e4736\r\n"
            + "Connection: keep-alive\r\n"
            + "\r\n";

    @Test
    void parsingAGetWithTenFieldsAllocatesNothing() throws Exception {
        RequestParser parser = new RequestParser(RequestLimits.DEFAULT, PooledByteBufAllocator.DEFAULT);
        ParsedRequest request = new ParsedRequest(parser);
        ByteBuf received = untracked(GET_10_FIELDS);
        try {
            assertTrue(parser.parse(received));
            request.attach(received);
            assertEquals(Method.GET, request.method());
            assertEquals("/users/7", request.path());
            assertEquals(10, request.headers().size());
            assertEquals(received.readableBytes(), parser.messageLength());
            parser.reset();
            // As a connection does for each request, less moving past it: the same bytes again.
            PARSE.assertOnThisThread(WARMUPS, RUNS, () -> {
                received.readerIndex(0);
                if (!parser.parse(received)) {
                    throw new AssertionError("the request did not parse");
                }
                request.attach(received);
                parser.reset();
            });
        } finally {
            parser.release();
            received.release();
        }
    }

    static Stream<Arguments> heads() {
        byte[] small = "Hello, World!".getBytes(StandardCharsets.US_ASCII);
        byte[] large = new byte[5000];
        return Stream.of(
                Arguments.of("200, a small body: the cached prefix and a pre-encoded length",
                        "GET /plaintext HTTP/1.1\r\nHost: h\r\n\r\n",
                        (Consumer<Response>) r -> r.send(ContentType.TEXT_PLAIN, small),
                        "HTTP/1.1 200 OK\r\n%sContent-Type: text/plain; charset=utf-8\r\nContent-Length: 13\r\n\r\n"),
                Arguments.of("404, a 5000-byte body: the length written digit by digit",
                        "GET /nowhere HTTP/1.1\r\nHost: h\r\n\r\n",
                        (Consumer<Response>) r -> r.status(404).send(ContentType.JSON, large),
                        "HTTP/1.1 404 Not Found\r\n%sContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n"),
                Arguments.of("200 to Connection: close, with a header the handler set",
                        "GET /json HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n",
                        (Consumer<Response>) r -> r.header("Cache-Control", "no-store").send(ContentType.JSON, small),
                        "HTTP/1.1 200 OK\r\n%sContent-Type: application/json\r\nContent-Length: 13\r\n"
                                + "Connection: close\r\nCache-Control: no-store\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("heads")
    void encodingAResponseHeadAllocatesNothing(String name, String request, Consumer<Response> answer, String head)
            throws Exception {
        DateHeader date = new DateHeader();
        Batch sink = new Batch();
        ResponseWriter writer = new ResponseWriter(sink, () -> {
            throw new AssertionError("nothing is deferred here");
        }, date, new ServerHealth());
        RequestParser parser = new RequestParser(RequestLimits.DEFAULT, PooledByteBufAllocator.DEFAULT);
        ParsedRequest parsed = new ParsedRequest(parser);
        ByteBuf received = untracked(request);
        try {
            assertTrue(parser.parse(received));
            parsed.attach(received);
            writer.begin(parsed);
            answer.accept(writer);
            String expected = head.formatted(new String(date.lines(), StandardCharsets.US_ASCII));
            assertEquals(expected, sink.out.toString(0, expected.length(), StandardCharsets.US_ASCII));
            assertEquals(1, sink.ended);
            // As the connection's own writer answers each request: re-armed, then one send.
            HEAD.assertOnThisThread(WARMUPS, RUNS, () -> {
                sink.out.clear();
                writer.begin(parsed);
                answer.accept(writer);
            });
        } finally {
            parser.release();
            received.release();
            sink.out.release();
        }
    }

    /** A direct buffer holding {@code text}, from the pool and untracked, as a server's are. */
    private static ByteBuf untracked(String text) {
        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        try {
            ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(8192);
            buf.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
            return buf;
        } finally {
            ResourceLeakDetector.setLevel(level);
        }
    }

    /** The sink of a connection's read batch, cleared for each response rather than written. */
    private static final class Batch implements ResponseSink {
        final ByteBuf out = untracked("");
        int ended;

        @Override
        public ByteBuf batch() {
            return out;
        }

        @Override
        public void appended() {
        }

        @Override
        public void flush() {
        }

        @Override
        public void file(FileChannel file, long position, long count) {
            throw new AssertionError("no file is sent here");
        }

        @Override
        public void ended() {
            ended++;
        }
    }
}
