package dev.surge.testing;

import dev.surge.http.Method;
import dev.surge.http.Server;
import dev.surge.web.App;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@link TestClient}'s own behaviour, in both modes ({@link ClientOverNetworkTest},
 * {@link ClientInMemoryTest}): connections kept and replaced, timeouts, headers. The
 * {@code /peer} route answers with the client's address as the server saw it, which tells
 * one connection from another, on a socket (ports differ) and in memory alike.
 */
abstract class ClientTests {

    @SetUpRoutes
    static void routes(App app) {
        app.get("/peer", ctx -> ctx.text(String.valueOf(ctx.request().remoteAddress().orElseThrow())))
                .get("/sleep", ctx -> {
                    Thread.sleep(Long.parseLong(ctx.queryParam("ms").orElse("5000")));
                    ctx.text("woke");
                })
                .get("/headers", ctx -> ctx.header("X-Multi", "one").header("x-multi", "two")
                        .text(String.join(",", ctx.headers("X-Sent"))));
    }

    @Test
    void keepsOneConnection(TestClient client) {
        assertEquals(client.get("/peer").text(), client.get("/peer").text());
    }

    @Test
    void reconnectsAfterConnectionClose(TestClient client) {
        TestResponse last = client.request(Method.GET, "/peer").header("Connection", "close").send();
        assertEquals("close", last.header("Connection").orElseThrow(), "the server announces the close");
        String next = client.get("/peer").text();
        assertNotEquals(last.text(), next, "a new connection after the server closed the last");
        assertEquals(next, client.get("/peer").text(), "and that one is kept");
    }

    @Test
    void reconnectsAfterTheServerRefusedARequest(TestClient client) {
        String before = client.get("/peer").text();
        TestResponse refused = client.get("/peer?" + "x".repeat(9000));
        assertEquals(414, refused.status(), refused::toString);
        String after = client.get("/peer").text();
        assertNotEquals(before, after);
    }

    @Test
    void timeoutSaysWhatTimedOutAndTheNextRequestWorks(TestClient client) {
        long start = System.nanoTime();
        var e = assertThrows(UncheckedIOException.class,
                () -> client.request(Method.GET, "/sleep?ms=5000").timeout(Duration.ofMillis(150)).send());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertInstanceOf(HttpTimeoutException.class, e.getCause());
        assertEquals("GET /sleep?ms=5000: no response within 150 ms; if the route is meant to be this slow,"
                + " raise the timeout with request(method, path).timeout(...) or TestClient.create(server, timeout)",
                e.getCause().getMessage());
        assertTrue(millis >= 150 && millis < 3000, "gave up after " + millis + " ms");
        assertEquals("woke", client.get("/sleep?ms=1").text());
    }

    @Test
    void clientTimeoutAppliesToEveryCall(Server server) {
        try (TestClient impatient = TestClient.create(server, Duration.ofMillis(100))) {
            assertEquals(Duration.ofMillis(100), impatient.timeout());
            var e = assertThrows(UncheckedIOException.class, () -> impatient.get("/sleep"));
            assertTrue(e.getMessage().contains("within 100 ms"), e.getMessage());
        }
    }

    @Test
    void headersAreCaseInsensitiveAndKeepEveryValue(TestClient client) {
        TestResponse response = client.request(Method.GET, "/headers")
                .header("X-Sent", "a").header("x-sent", "b").send();
        assertEquals("a,b", response.text());
        assertEquals(List.of("one", "two"), response.headers("X-MULTI"));
        assertEquals("one", response.header("x-multi").orElseThrow());
        assertEquals(List.of("one", "two"), response.headers().get("X-Multi"));
        assertTrue(response.header("X-Absent").isEmpty());
        assertEquals(List.of(), response.headers("X-Absent"));
    }

    @Test
    void aClosedClientRefusesToSend(Server server) {
        TestClient client = TestClient.create(server);
        assertEquals(200, client.get("/peer").status());
        client.close();
        client.close();
        var e = assertThrows(IllegalStateException.class, () -> client.get("/peer"));
        assertEquals("this TestClient is closed; GET /peer was not sent", e.getMessage());
    }

    @Test
    void aServerThatIsGoneIsReportedAsSuch(Server server) {
        Server other = App.create().get("/", ctx -> ctx.text("")).start(server.options());
        try (TestClient client = TestClient.create(other, Duration.ofSeconds(2))) {
            other.close();
            var e = assertThrows(UncheckedIOException.class, () -> client.get("/"));
            assertTrue(e.getMessage().startsWith("cannot connect to "), e.getMessage());
        }
    }

    @Test
    void aBodyThatIsNotTheExpectedJsonIsShownInTheFailure(TestClient client) {
        TestResponse response = client.get("/headers");
        var e = assertThrows(UncheckedIOException.class, () -> response.json(User.class));
        assertTrue(e.getMessage().startsWith("the body of this 200 response is not JSON for User"), e.getMessage());
    }

    @Test
    void badPathsAreRefusedBeforeSending(TestClient client) {
        var e = assertThrows(IllegalArgumentException.class, () -> client.get("users/7"));
        assertTrue(e.getMessage().contains("must start with '/'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> client.get("/a b"));
        assertTrue(e.getMessage().contains("percent-encode"), e.getMessage());
    }
}
