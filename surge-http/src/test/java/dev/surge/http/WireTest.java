package dev.surge.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server on a real socket: persistence, pipelining, 100-continue and every refusal. */
class WireTest {
    private static final AtomicInteger HANDLED = new AtomicInteger();
    private static Server server;

    @BeforeAll
    static void start() {
        server = Server.start(ServerOptions.defaults().withPort(0).withEventLoops(1), (req, res) -> {
            HANDLED.incrementAndGet();
            if (req.path().equals("/boom")) {
                throw new IllegalStateException("handler failure on purpose");
            }
            if (req.method() == Method.POST) {
                res.send(ContentType.OCTET_STREAM, req.body());
            } else {
                res.text(req.method() + " " + req.target());
            }
        });
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static WireClient client() throws Exception {
        return new WireClient(server.port());
    }

    @Test
    void keepAliveServesManyRequestsOnOneConnection() throws Exception {
        try (WireClient c = client()) {
            for (int i = 0; i < 3; i++) {
                var r = c.send("GET /k" + i + " HTTP/1.1\r\nHost: h\r\n\r\n").read();
                assertEquals(200, r.status());
                assertEquals("GET /k" + i, r.body());
                assertEquals("surge", r.header("Server"));
                assertTrue(r.header("Date").matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"));
                assertEquals("text/plain; charset=utf-8", r.header("Content-Type"));
                assertNull(r.header("Connection"));
            }
        }
    }

    @Test
    void pipelinedResponsesKeepRequestOrder() throws Exception {
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            batch.append("GET /p").append(i).append(" HTTP/1.1\r\nHost: h\r\n\r\n");
        }
        try (WireClient c = client()) {
            c.send(batch.toString());
            for (int i = 0; i < 16; i++) {
                assertEquals("GET /p" + i, c.read().body());
            }
        }
    }

    @Test
    void http10ClosesUnlessKeepAliveIsAsked() throws Exception {
        try (WireClient c = client()) {
            var r = c.send("GET /old HTTP/1.0\r\n\r\n").read();
            assertEquals("close", r.header("Connection"));
            assertEquals("", c.readUntilClosed());
        }
        try (WireClient c = client()) {
            var r = c.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read();
            assertEquals("keep-alive", r.header("Connection"));
            assertEquals("GET /b", c.send("GET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read().body());
        }
    }

    @Test
    void connectionCloseEndsTheConnectionAndIgnoresWhatFollows() throws Exception {
        try (WireClient c = client()) {
            int before = HANDLED.get();
            var r = c.send("GET /last HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"
                    + "GET /ignored HTTP/1.1\r\nHost: h\r\n\r\n").read();
            assertEquals("close", r.header("Connection"));
            assertEquals("GET /last", r.body());
            assertEquals("", c.readUntilClosed());
            assertEquals(before + 1, HANDLED.get());
        }
    }

    @Test
    void expectContinueGetsAnInterimResponseBeforeTheBody() throws Exception {
        try (WireClient c = client()) {
            c.send("POST /up HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
            var interim = c.read(true);
            assertEquals(100, interim.status());
            var r = c.send("hello").read();
            assertEquals(200, r.status());
            assertEquals("hello", r.body());
        }
    }

    @Test
    void chunkedBodiesArriveDecoded() throws Exception {
        try (WireClient c = client()) {
            var r = c.send("POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3\r\nabc\r\n4;x=y\r\ndefg\r\n0\r\nX-T: 1\r\n\r\n").read();
            assertEquals("abcdefg", r.body());
            assertEquals("7", r.header("Content-Length"));
        }
    }

    @Test
    void headAnswersHeadersWithoutBody() throws Exception {
        try (WireClient c = client()) {
            var head = c.send("HEAD /h HTTP/1.1\r\nHost: h\r\n\r\n").read(true);
            assertEquals(200, head.status());
            assertEquals(String.valueOf("HEAD /h".length()), head.header("Content-Length"));
            // Had a body been sent, it would be read here as the next status line.
            assertEquals("GET /next", c.send("GET /next HTTP/1.1\r\nHost: h\r\n\r\n").read().body());
        }
    }

    @Test
    void largeBodiesArriveWholeAcrossManyReads() throws Exception {
        String body = "0123456789abcdef".repeat(64 * 1024);
        try (WireClient c = client()) {
            var fixed = c.send("POST /big HTTP/1.1\r\nHost: h\r\nContent-Length: " + body.length() + "\r\n\r\n" + body).read();
            assertEquals(body, fixed.body());
            StringBuilder chunked = new StringBuilder("POST /big HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (int at = 0; at < body.length(); at += 10_000) {
                String part = body.substring(at, Math.min(body.length(), at + 10_000));
                chunked.append(Integer.toHexString(part.length())).append("\r\n").append(part).append("\r\n");
            }
            assertEquals(body, c.send(chunked.append("0\r\n\r\n").toString()).read().body());
        }
    }

    @Test
    void aFailingHandlerGets500AndTheConnectionStaysUsable() throws Exception {
        try (WireClient c = client()) {
            var failed = c.send("GET /boom HTTP/1.1\r\nHost: h\r\n\r\n").read();
            assertEquals(500, failed.status());
            assertNull(failed.header("Connection"));
            assertEquals("GET /fine", c.send("GET /fine HTTP/1.1\r\nHost: h\r\n\r\n").read().body());
        }
    }

    @Test
    void aRefusalIsFollowedByALingeringCloseNotAReset() throws Exception {
        // Closing a socket outright makes the kernel answer any later input with a reset, which
        // on a real network can destroy a response still in flight. The server shuts its output
        // instead and keeps reading (and dropping) input until the client closes or time runs out.
        try (WireClient c = client()) {
            var r = c.send("GET /bad HTTP/1.1\r\n\r\n").read();
            assertEquals(400, r.status());
            assertEquals("", c.readUntilClosed());
            for (int i = 0; i < 4; i++) {
                c.send("X".repeat(64 * 1024));
                Thread.sleep(20);
            }
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("dev.surge.http.RejectionCases#all")
    void refusalsCloseTheConnectionAndStopProcessing(String name, int status, String request) throws Exception {
        try (WireClient c = client()) {
            int before = HANDLED.get();
            var r = c.send(request + "GET /after HTTP/1.1\r\nHost: h\r\n\r\n").read();
            assertEquals(status, r.status(), name + ": " + r.body());
            assertEquals("close", r.header("Connection"), name);
            assertTrue(r.body().length() > 10, name + ": the refusal should say why");
            assertEquals("", c.readUntilClosed(), name + ": something followed the refusal");
            assertEquals(before, HANDLED.get(), name + ": a handler ran");
        }
    }
}
