package dev.surge.web;

import dev.surge.http.ContentType;
import dev.surge.http.WireClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Streamed (chunked) responses: large bodies, flushes, HTTP/1.0, HEAD, and a failure mid-stream. */
class StreamingTest {
    private static final int MIB = 1024 * 1024;
    private static Served served;

    @BeforeAll
    static void start() {
        App app = App.create()
                .get("/big/{mib}", ctx -> {
                    int mib = Integer.parseInt(ctx.pathParam("mib"));
                    try (OutputStream out = ctx.stream(ContentType.OCTET_STREAM)) {
                        byte[] block = new byte[64 * 1024];
                        for (int i = 0; i < mib * 16; i++) {
                            java.util.Arrays.fill(block, (byte) i);
                            out.write(block);
                        }
                    }
                })
                .get("/lines", ctx -> {
                    OutputStream out = ctx.stream(ContentType.TEXT_PLAIN);
                    for (int i = 0; i < 3; i++) {
                        out.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                    // not closed: the router ends the stream
                })
                .get("/lines-inline", Route.inline(ctx -> {
                    OutputStream out = ctx.stream(ContentType.TEXT_PLAIN);
                    out.write("inline\n".getBytes(StandardCharsets.UTF_8));
                }))
                .get("/ticks/{n}", ctx -> {
                    int n = Integer.parseInt(ctx.pathParam("n"));
                    try (OutputStream out = ctx.stream(ContentType.TEXT_PLAIN)) {
                        for (int i = 0; i < n; i++) {
                            out.write((i + "\n").getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                        }
                    }
                })
                .get("/quick/{i}", ctx -> ctx.text(ctx.pathParam("i")))
                .get("/fail-midway", ctx -> {
                    OutputStream out = ctx.stream(ContentType.TEXT_PLAIN);
                    out.write("partial".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    throw new IllegalStateException("failed after the head went out, on purpose");
                });
        served = Served.start(app);
    }

    @AfterAll
    static void stop() {
        served.close();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void aLargeBodyStreamsInChunksIntact() throws Exception {
        HttpResponse<byte[]> r = served.send(served.at("/big/32"), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals("chunked", r.headers().firstValue("Transfer-Encoding").orElseThrow());
        byte[] expected = new byte[32 * MIB];
        for (int i = 0; i < 32 * 16; i++) {
            java.util.Arrays.fill(expected, i * 64 * 1024, (i + 1) * 64 * 1024, (byte) i);
        }
        assertEquals(sha256(expected), sha256(r.body()));
    }

    @Test
    void aSlowReaderSlowsTheWriterInsteadOfFillingMemory() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", served.server.port())) {
            socket.setReceiveBufferSize(16 * 1024);
            socket.getOutputStream().write("GET /big/64 HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[8192];
            long read = 0;
            long directBefore = usedDirectMemory();
            // Read slowly at first: the handler must wait rather than queue 64 MiB in memory.
            for (int i = 0; i < 50; i++) {
                Thread.sleep(2);
                read += Math.max(0, in.read(buf));
            }
            long queued = usedDirectMemory() - directBefore;
            assertTrue(queued < 16 * MIB, "the server buffered " + queued + " bytes for a slow reader");
            for (int n; read < 64L * MIB && (n = in.read(buf)) > 0; ) {
                read += n;
            }
            assertTrue(read >= 64L * MIB, "read " + read);
        }
    }

    private static long usedDirectMemory() {
        return io.netty.buffer.PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
    }

    @Test
    void flushedPiecesArriveAndAnUnclosedStreamIsEnded() throws Exception {
        assertEquals("line 0\nline 1\nline 2\n", served.get("/lines").body());
        assertEquals("inline\n", served.get("/lines-inline").body());
    }

    @Test
    void http10GetsABodyEndedByClosingTheConnection() throws Exception {
        try (WireClient c = served.wire()) {
            String raw = c.send("GET /lines HTTP/1.0\r\n\r\n").readUntilClosed();
            assertTrue(raw.startsWith("HTTP/1.1 200 OK\r\n"), raw);
            assertFalse(raw.contains("Transfer-Encoding"), raw);
            assertTrue(raw.contains("Connection: close\r\n"), raw);
            assertTrue(raw.endsWith("\r\n\r\nline 0\nline 1\nline 2\n"), raw);
        }
    }

    @Test
    void headOfAStreamedRouteSendsTheHeadOnly() throws Exception {
        try (WireClient c = served.wire()) {
            var head = c.send("HEAD /lines HTTP/1.1\r\nHost: h\r\n\r\n").read(true);
            assertEquals("chunked", head.header("Transfer-Encoding"));
            assertEquals("inline\n", c.send("GET /lines-inline HTTP/1.1\r\nHost: h\r\n\r\n").readChunkedBody());
        }
    }

    @Test
    void flushedPiecesArriveWholeAndInOrderWhileOtherResponsesEnd() throws Exception {
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            expected.append(i).append('\n');
        }
        try (var others = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var busy = others.submit(() -> {
                for (int i = 0; i < 200; i++) {
                    assertEquals(String.valueOf(i), served.get("/quick/" + i).body());
                }
                return null;
            });
            for (int round = 0; round < 5; round++) {
                assertEquals(expected.toString(), served.get("/ticks/300").body());
            }
            busy.get();
        }
    }

    @Test
    void aFailureMidStreamStillLetsTheResponsesBeforeItOut() throws Exception {
        try (WireClient c = served.wire()) {
            String raw = c.send("GET /quick/first HTTP/1.1\r\nHost: h\r\n\r\n"
                    + "GET /fail-midway HTTP/1.1\r\nHost: h\r\n\r\n"
                    + "GET /quick/never HTTP/1.1\r\nHost: h\r\n\r\n").readUntilClosed();
            assertTrue(raw.startsWith("HTTP/1.1 200 OK\r\n") && raw.contains("\r\n\r\nfirst"), raw);
            assertTrue(raw.contains("\r\n\r\n7\r\npartial\r\n"), raw);
            assertFalse(raw.contains("never"), "nothing after the failed response: " + raw);
            assertFalse(raw.endsWith("0\r\n\r\n"), raw);
        }
    }

    @Test
    void aFailureAfterTheHeadClosesTheConnectionWithoutTheLastChunk() throws Exception {
        try (WireClient c = served.wire()) {
            String raw = c.send("GET /fail-midway HTTP/1.1\r\nHost: h\r\n\r\n").readUntilClosed();
            assertTrue(raw.contains("\r\n\r\n7\r\npartial\r\n"), raw);
            assertFalse(raw.endsWith("0\r\n\r\n"), "a cut-off body must not look complete: " + raw);
        }
    }
}
