package dev.surge.client;

import dev.surge.http.ContentType;
import dev.surge.junit.ScriptedServer;
import dev.surge.testing.SetUpRoutes;
import dev.surge.testing.SurgeTest;
import dev.surge.web.App;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client on real sockets, against Surge's server and against scripted raw servers. */
@SurgeTest
class HttpClientTest {
    private static final AtomicInteger CONCURRENT = new AtomicInteger();
    private static final AtomicInteger MOST_CONCURRENT = new AtomicInteger();

    @SetUpRoutes
    static void routes(App app) {
        app.get("/hello", ctx -> ctx.header("X-Test", "yes").text("Hello, " + ctx.queryParam("name").orElse("?") + "!"))
                .post("/echo", ctx -> ctx.bytes(ContentType.of("application/octet-stream"), ctx.body()))
                .get("/slow", ctx -> {
                    int now = CONCURRENT.incrementAndGet();
                    MOST_CONCURRENT.accumulateAndGet(now, Math::max);
                    try {
                        Thread.sleep(Integer.parseInt(ctx.queryParam("ms").orElse("100")));
                    } finally {
                        CONCURRENT.decrementAndGet(); // also when a client's close interrupts the sleep
                    }
                    ctx.text("slept");
                })
                .get("/stream", ctx -> {
                    try (OutputStream out = ctx.stream(ContentType.of("text/plain"))) {
                        for (int i = 0; i < 100; i++) {
                            out.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
                            out.flush();
                        }
                    }
                });
    }

    @Test
    void getsAndPosts(URI base) {
        try (HttpClient client = HttpClient.create()) {
            ClientResponse r = client.sendAndWait(ClientRequest.get(base.resolve("/hello?name=Ada")).withHeader("Accept", "text/plain"));
            assertEquals(200, r.status());
            assertEquals("Hello, Ada!", r.text());
            assertEquals("yes", r.header("x-test").orElseThrow());
            byte[] body = new byte[100_000];
            for (int i = 0; i < body.length; i++) {
                body[i] = (byte) i;
            }
            ClientResponse echo = client.sendAndWait(ClientRequest.post(base.resolve("/echo"), body));
            assertArrayEquals(body, echo.body());
            assertEquals(404, client.sendAndWait(ClientRequest.get(base.resolve("/nothing"))).status());
        }
    }

    @Test
    void assemblesChunkedBodies(URI base) {
        try (HttpClient client = HttpClient.create()) {
            ClientResponse r = client.sendAndWait(ClientRequest.get(base.resolve("/stream")));
            assertEquals("chunked", r.header("Transfer-Encoding").orElseThrow());
            assertTrue(r.text().startsWith("line 0\nline 1\n") && r.text().endsWith("line 99\n"), r.text());
        }
    }

    @Test
    void keepsAtMostTheMaximumOfConnectionsPerHost(URI base) {
        MOST_CONCURRENT.set(0);
        try (HttpClient client = HttpClient.create(ClientOptions.defaults().withMaxConnectionsPerHost(2))) {
            List<CompletableFuture<ClientResponse>> all = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                all.add(client.send(ClientRequest.get(base.resolve("/slow?ms=100"))));
            }
            for (CompletableFuture<ClientResponse> f : all) {
                assertEquals("slept", f.join().text());
            }
        }
        assertEquals(2, MOST_CONCURRENT.get());
    }

    @Test
    void reusesOneConnectionForSequentialRequests() throws Exception {
        try (ScriptedServer server = new ScriptedServer(n -> ScriptedServer.response(200, "r" + n));
             HttpClient client = HttpClient.create()) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/");
            for (int i = 0; i < 5; i++) {
                assertEquals("r" + i, client.sendAndWait(ClientRequest.get(uri)).text());
            }
            assertEquals(1, server.connections.get());
        }
    }

    @Test
    void opensANewConnectionAfterConnectionClose() throws Exception {
        try (ScriptedServer server = new ScriptedServer(n -> ScriptedServer.response(200, "r" + n, "Connection: close"));
             HttpClient client = HttpClient.create()) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/");
            for (int i = 0; i < 3; i++) {
                assertEquals("r" + i, client.sendAndWait(ClientRequest.get(uri)).text());
            }
            assertEquals(3, server.connections.get());
        }
    }

    @Test
    void retriesAnIdempotentRequestOnceWhenItsReusedConnectionWasClosed() throws Exception {
        // The server takes the second request on the kept-alive connection and closes it unanswered,
        // as one whose idle timeout struck just then would: a GET goes again on a new connection,
        // a POST (which may have had an effect) fails.
        try (ScriptedServer server = new ScriptedServer(n -> n % 3 == 1 ? ScriptedServer.CLOSE : ScriptedServer.response(200, "r" + n));
             HttpClient client = HttpClient.create()) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/");
            assertEquals("r0", client.sendAndWait(ClientRequest.get(uri)).text());
            assertEquals("r2", client.sendAndWait(ClientRequest.get(uri).withHeader("Host", "virtual.example")).text());
            assertEquals(2, server.connections.get());
            assertEquals("r3", client.sendAndWait(ClientRequest.get(uri)).text());
            ClientException e = assertThrows(ClientException.class, () -> client.sendAndWait(ClientRequest.post(uri, new byte[0])));
            assertEquals(ClientException.Kind.READ, e.kind());
        }
    }

    @Test
    void timesOut(URI base) {
        try (HttpClient client = HttpClient.create(ClientOptions.defaults().withResponseTimeout(Duration.ofMillis(100)))) {
            ClientException e = assertThrows(ClientException.class,
                    () -> client.sendAndWait(ClientRequest.get(base.resolve("/slow?ms=1000"))));
            assertEquals(ClientException.Kind.TIMEOUT, e.kind());
            assertTrue(e.getMessage().contains("no response within 100 ms"), e.getMessage());
        }
    }

    @Test
    void refusedConnectionsAreConnectFailures() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        try (HttpClient client = HttpClient.create()) {
            ClientException e = assertThrows(ClientException.class,
                    () -> client.sendAndWait(ClientRequest.get(URI.create("http://127.0.0.1:" + port + "/"))));
            assertEquals(ClientException.Kind.CONNECT, e.kind());
            assertTrue(e.getMessage().contains("cannot connect to 127.0.0.1:" + port), e.getMessage());
        }
    }

    @Test
    @SuppressWarnings("try")  // closes a resource of the try early, on purpose
    void resetsAndMalformedResponsesAreTold() throws Exception {
        try (ScriptedServer server = new ScriptedServer(n -> switch (n) {
                case 0 -> ScriptedServer.RESET;
                case 1 -> "HTTP/1.1 2xx Nope\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
                default -> "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort".getBytes(StandardCharsets.ISO_8859_1);
            });
             HttpClient client = HttpClient.create()) {
            // POST: not idempotent, so not retried on a fresh connection after a failure
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/");
            ClientRequest post = ClientRequest.post(uri, new byte[0]);
            ClientException reset = assertThrows(ClientException.class, () -> client.sendAndWait(post));
            assertEquals(ClientException.Kind.RESET, reset.kind(), reset.getMessage());
            ClientException malformed = assertThrows(ClientException.class, () -> client.sendAndWait(post));
            assertEquals(ClientException.Kind.READ, malformed.kind());
            assertTrue(malformed.getMessage().contains("malformed response"), malformed.getMessage());
            server.close(); // the third response is cut off by the close
        }
    }

    @Test
    void refusesRequestsItCannotSend() {
        assertThrows(IllegalArgumentException.class, () -> ClientRequest.get(URI.create("https://example.com/")));
        assertThrows(IllegalArgumentException.class, () -> ClientRequest.get(URI.create("/relative")));
        assertThrows(IllegalArgumentException.class, () -> ClientRequest.get(URI.create("http://h/")).withHeader("Bad Name", "x"));
        assertThrows(IllegalArgumentException.class, () -> ClientRequest.get(URI.create("http://h/")).withHeader("X", "a\r\nb"));
        assertThrows(IllegalArgumentException.class, () -> ClientRequest.get(URI.create("http://h/")).withHeader("Connection", "close"));
        assertThrows(IllegalArgumentException.class,
                () -> ClientRequest.get(URI.create("http://h/")).withHeader("Host", "a").withHeader("host", "b"));
        assertThrows(IllegalArgumentException.class, () -> Header.parse("no colon"));
    }
}
