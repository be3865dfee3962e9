package dev.surge.client.wire;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.surge.http.ContentType;
import dev.surge.http.HttpVersion;
import dev.surge.http.Method;
import dev.surge.http.RequestLimits;
import dev.surge.http.Server;
import dev.surge.http.ServerOptions;
import dev.surge.http.Transport;
import dev.surge.junit.BufferWatch;
import dev.surge.web.App;
import dev.surge.web.Context;
import dev.surge.web.Middleware;
import dev.surge.web.Route;
import dev.surge.web.files.FileOptions;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalIoHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The whole request path under Jazzer: any bytes, sent over one in-memory connection
 * ({@link Transport#LOCAL}) to a real server (its pipeline, HttpConnection, router, App and
 * handlers on the event loop and on virtual threads, static files), with the answers read by
 * this module's {@link ResponseParser}. Checked for every input, against what the server's own
 * parser says the bytes hold ({@link ExpectedAnswers}):
 * <ul>
 * <li>the answers are well-formed HTTP/1.1, each framed by Content-Length or chunked coding
 *     (or, to an HTTP/1.0 client only, by the close), none cut off, and there are exactly as
 *     many as complete requests up to the first refused one (or the first that closes the
 *     connection);</li>
 * <li>no request is answered with a 5xx; a refusal has the parser's status and closes;</li>
 * <li>only the last answer closes the connection; the server closes it first only when the
 *     close ends that answer's body, and leaves it to the client otherwise;</li>
 * <li>an echo answers the body the parser found;</li>
 * <li>every buffer allocated for the input is released once the connection is closed.</li>
 * </ul>
 * When the bytes end with complete requests that keep the connection open, a last request with
 * {@code Connection: close} is added, so that an answer that closes marks the end of them.
 * Without {@code JAZZER_FUZZ} this replays the inputs under
 * {@code src/test/resources/dev/surge/client/wire/RequestPathFuzzTestInputs/serve} as tests;
 * {@code ./surge fuzz path} fuzzes.
 */
class RequestPathFuzzTest {
    /** The parser fuzz test's small limits, so that short inputs reach each of them. */
    private static final RequestLimits LIMITS = new RequestLimits(128, 512, 10, 256, 32);
    private static final byte[] LAST = "GET /inline HTTP/1.1\r\nHost: last\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final long TIMEOUT_MILLIS = 10_000;

    private static Path files;
    private static Server server;
    private static EventLoopGroup clients;

    @BeforeAll
    static void start() throws IOException {
        files = Files.createTempDirectory("surge-fuzz-files");
        Files.writeString(files.resolve("small.txt"), "a small file\n");
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(files.resolve("small.txt.gz")))) {
            gz.write("a small file\n".getBytes(StandardCharsets.US_ASCII));
        }
        byte[] large = new byte[40 * 1024];
        Arrays.fill(large, (byte) 'x');
        Files.write(files.resolve("large.bin"), large);
        Files.createDirectories(files.resolve("dir"));
        Files.writeString(files.resolve("dir/index.html"), "<p>index</p>\n");
        server = routes(App.create()).start(ServerOptions.defaults().withTransport(Transport.LOCAL)
                .withEventLoops(1).withLimits(LIMITS));
        clients = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
        clients.submit(() -> { }).syncUninterruptibly(); // its thread starts here, not in the first test
    }

    /** Handlers of each kind: inline, on virtual threads, with path parameters, echoes, streams, files. */
    private static App routes(App app) {
        return app.use(Middleware.recovery())
                .get("/inline", Route.inline(ctx -> ctx.text("inline\n")))
                .get("/vt", ctx -> ctx.text("virtual thread\n"))
                .get("/users/{id}", Route.inline(ctx -> ctx.text("user " + ctx.pathParam("id"))))
                .get("/users/{id}/posts/{post}", ctx -> ctx.text(ctx.pathParam("id") + "/" + ctx.pathParam("post")))
                .put("/users/{id}", ctx -> ctx.status(201).text(ctx.bodyText()))
                .delete("/users/{id}", Route.inline(Context::noContent))
                .get("/search", Route.inline(ctx -> ctx.text(ctx.queryParamMap().toString())))
                .get("/cookie", Route.inline(ctx -> ctx.text(ctx.cookie("id").orElse("none"))))
                // As the reference service's echo: the body, with its Content-Type (when not blank).
                .post("/echo", ctx -> ctx.bytes(ctx.header("Content-Type").filter(type -> !type.isBlank())
                        .map(ContentType::of).orElse(ContentType.OCTET_STREAM), ctx.body()))
                .post("/echo-inline", Route.inline(ctx -> ctx.bytes(ContentType.OCTET_STREAM, ctx.body())))
                .get("/stream", ctx -> {
                    try (OutputStream out = ctx.stream(ContentType.TEXT_PLAIN)) {
                        out.write("first\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        out.write("second\n".getBytes(StandardCharsets.US_ASCII));
                    }
                })
                .files("/files", files)
                .files("/vfiles", files, FileOptions.defaults().listing(true).onEventLoop(false));
    }

    @AfterAll
    static void stop() throws IOException {
        if (clients != null) {
            clients.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (server != null) {
            server.close();
        }
        if (files != null) {
            try (Stream<Path> all = Files.walk(files)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    // Tokens for the fuzzer's mutations, in libFuzzer's dictionary syntax (Jazzer writes them
    // out as they are): \x0D\x0A is CRLF.
    @DictionaryEntries({"\\x0D\\x0A", "HTTP/1.1", "HTTP/1.0", "Host: ", "Content-Length: ", "Transfer-Encoding: chunked",
            "Connection: close", "Expect: 100-continue", "HEAD ", "POST ", "/inline", "/vt", "/users/", "/posts/",
            "/search?", "/cookie", "/echo", "/echo-inline", "/stream", "/files/", "/vfiles/", "small.txt",
            "large.bin", "dir/", "..", "%2f", "Content-Type: ", "Cookie: id=", "Range: bytes=", "If-Range: ",
            "If-None-Match: ", "If-Modified-Since: ", "Accept-Encoding: gzip"})
    @FuzzTest(maxDuration = "60s")
    void serve(byte[] input) throws InterruptedException {
        ExpectedAnswers expected = ExpectedAnswers.of(input, LIMITS);
        byte[] bytes = input;
        if (!expected.closes() && expected.trailing() == 0) {
            bytes = Arrays.copyOf(input, input.length + LAST.length);
            System.arraycopy(LAST, 0, bytes, input.length, LAST.length);
            expected = ExpectedAnswers.of(bytes, LIMITS);
        }
        try (BufferWatch watch = BufferWatch.open()) {
            LocalExchange exchange = LocalExchange.run(clients, server.address(), bytes, expected, TIMEOUT_MILLIS);
            check(expected, exchange);
            watch.unreleased(TIMEOUT_MILLIS).ifPresent(leak -> fail("buffers leaked serving the input: " + leak));
        }
    }

    private static void check(ExpectedAnswers expected, LocalExchange exchange) {
        List<LocalExchange.Answer> answers = exchange.answers();
        List<ExpectedAnswers.Sent> requests = expected.requests();
        String seen = " (expected " + expected.count() + " answers to " + requests
                + (expected.refusal() != 0 ? " and a " + expected.refusal() + " refusal" : "") + "; got " + answers + ")";
        assertNull(exchange.malformed(), () -> "a malformed response" + seen);
        assertFalse(exchange.timedOut(), () -> "no end to the answers in " + TIMEOUT_MILLIS + " ms" + seen);
        assertFalse(exchange.cutOff(), () -> "the last response was cut off" + seen);
        int count = expected.count();
        boolean closes = expected.closes();
        boolean endedByClose = false;
        for (int i = 0; i < Math.min(answers.size(), requests.size()); i++) {
            if (untilClose(answers.get(i))) { // a stream to an HTTP/1.0 client: the close ends its body
                count = i + 1;
                closes = true;
                endedByClose = requests.get(i).method() != Method.HEAD; // an answer to HEAD has no body to end
                break;
            }
        }
        assertEquals(count, answers.size(), () -> "the wrong number of answers" + seen);
        // Only a body without a length is ended by the server's close; otherwise the client
        // closes after the answer that says Connection: close, and the server waits for it (a
        // close of its own could drop what the client had not read yet).
        assertEquals(endedByClose, exchange.closedByServer(), () -> "the server's close" + seen);
        for (int i = 0; i < answers.size(); i++) {
            LocalExchange.Answer answer = answers.get(i);
            boolean last = i == answers.size() - 1;
            String which = "answer " + (i + 1) + ", " + answer;
            assertEquals(last && closes, answer.close(), () -> "the close of " + which + seen);
            if (i < requests.size()) {
                ExpectedAnswers.Sent request = requests.get(i);
                checkFraming(answer, request.version(), which);
                assertTrue(answer.status() < 500, () -> request + " got a 5xx: " + which + seen);
                if (request.method() == Method.POST && request.path().startsWith("/echo") && answer.status() == 200) {
                    assertArrayEquals(request.body(), answer.body(), () -> "the echo of " + request + seen);
                }
            } else {
                checkFraming(answer, HttpVersion.HTTP_1_1, which);
                assertEquals(expected.refusal(), answer.status(), () -> "the refusal" + seen);
            }
        }
    }

    /** Whether the answer's body has neither Content-Length nor chunked coding: it ends with the connection. */
    private static boolean untilClose(LocalExchange.Answer answer) {
        return answer.status() != 204 && answer.status() != 304 && answer.header("content-length") == null
                && !"chunked".equals(answer.header("transfer-encoding"));
    }

    /**
     * A body is framed by Content-Length or chunked coding; only an HTTP/1.0 client, which
     * cannot take chunks, may get one that ends with the connection.
     */
    private static void checkFraming(LocalExchange.Answer answer, HttpVersion version, String which) {
        String length = answer.header("content-length");
        String coding = answer.header("transfer-encoding");
        assertFalse(length != null && coding != null, () -> "both Content-Length and Transfer-Encoding: " + which);
        assertTrue(answer.headers().getOrDefault("content-length", List.of()).size() <= 1,
                () -> "more than one Content-Length: " + which);
        int status = answer.status();
        if (status == 204 || status == 304) {
            assertTrue(length == null && coding == null, () -> "a " + status + " with a body's framing: " + which);
        } else if (version == HttpVersion.HTTP_1_1) {
            assertFalse(untilClose(answer), () -> "a body without framing: " + which);
        }
        assertTrue(answer.header("date") != null, () -> "no Date: " + which);
    }
}
