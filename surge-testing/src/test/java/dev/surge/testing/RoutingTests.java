package dev.surge.testing;

import dev.surge.http.Method;
import dev.surge.web.App;
import dev.surge.web.Route;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One test body for both modes: {@link RoutingOverNetworkTest} runs it against a server on a
 * socket, {@link RoutingInMemoryTest} against the same routes in memory. Each test covers one
 * thing an app does, so a difference between the modes shows up as one failing test.
 */
abstract class RoutingTests {
    @SetUpRoutes
    static void routes(App app) {
        app.get("/hello", ctx -> ctx.text("Hello, World!"))
                .get("/users/{id}", ctx -> ctx.json(new User(Integer.parseInt(ctx.pathParam("id")), "user " + ctx.pathParam("id"))))
                .get("/files/{name}", ctx -> ctx.text(ctx.pathParam("name")))
                .get("/search", ctx -> ctx.text(ctx.queryParam("q").orElse("(none)") + " page " + ctx.queryParam("page").orElse("1")))
                .post("/users", ctx -> {
                    User in = ctx.bodyAs(User.class);
                    ctx.status(201).json(new User(in.id() + 1, in.name().toUpperCase()));
                })
                .get("/slowly", ctx -> {
                    Thread.sleep(20);
                    ctx.text(Thread.currentThread().isVirtual() ? "virtual" : "platform");
                })
                .get("/inline", Route.inline(ctx -> ctx.text(
                        (Thread.currentThread().isVirtual() ? "virtual " : "platform ") + Thread.currentThread().getName())))
                .put("/echo", ctx -> ctx.text(ctx.method() + " " + ctx.bodyText()))
                .delete("/echo", ctx -> ctx.noContent());
    }

    @Test
    void plainText(TestClient client) {
        TestResponse response = client.get("/hello");
        assertEquals(200, response.status(), response::toString);
        assertEquals("Hello, World!", response.text());
        assertEquals("text/plain; charset=utf-8", response.header("content-type").orElseThrow());
        assertEquals(List.of("13"), response.headers("CONTENT-LENGTH"));
    }

    @Test
    void pathParameterIsDecoded(TestClient client) {
        assertEquals("a b.txt", client.get("/files/a%20b.txt").text());
    }

    @Test
    void queryParameters(TestClient client) {
        assertEquals("surge http page 2", client.get("/search?q=surge%20http&page=2").text());
        assertEquals("(none) page 1", client.get("/search").text());
    }

    @Test
    void jsonOut(TestClient client) {
        TestResponse response = client.get("/users/7");
        assertEquals("application/json", response.header("Content-Type").orElseThrow());
        assertEquals(new User(7, "user 7"), response.json(User.class));
    }

    @Test
    void jsonInAndOut(TestClient client) {
        TestResponse response = client.request(Method.POST, "/users").json(new User(41, "ada")).send();
        assertEquals(201, response.status(), response::toString);
        assertEquals(new User(42, "ADA"), response.json(User.class));
    }

    @Test
    void invalidJsonIsRefusedWithTheReason(TestClient client) {
        TestResponse response = client.post("/users", "{\"id\": 1,", "application/json");
        assertEquals(400, response.status());
        assertTrue(response.text().contains("invalid JSON"), response::toString);
    }

    @Test
    void bodiesOfPutAndDelete(TestClient client) {
        assertEquals("PUT data", client.put("/echo", "data", "text/plain").text());
        TestResponse deleted = client.delete("/echo");
        assertEquals(204, deleted.status());
        assertEquals(0, deleted.body().length);
    }

    @Test
    void unknownPathIs404(TestClient client) {
        TestResponse response = client.get("/nowhere");
        assertEquals(404, response.status());
        assertTrue(response.text().contains("/nowhere"), response::toString);
    }

    @Test
    void wrongMethodIs405WithAllow(TestClient client) {
        TestResponse response = client.delete("/hello");
        assertEquals(405, response.status());
        assertEquals("GET, HEAD, OPTIONS", response.header("Allow").orElseThrow());
    }

    @Test
    void blockingRouteRunsOnAVirtualThread(TestClient client) {
        long start = System.nanoTime();
        assertEquals("virtual", client.get("/slowly").text());
        assertTrue(System.nanoTime() - start >= 20_000_000, "the handler slept 20 ms");
    }

    @Test
    void inlineRouteRunsOnTheEventLoop(TestClient client) {
        String where = client.get("/inline").text();
        assertTrue(where.startsWith("platform surge-io"), where);
    }

    @Test
    void headIsAnsweredByTheGetRouteWithoutABody(TestClient client) {
        TestResponse response = client.request(Method.HEAD, "/hello").send();
        assertEquals(200, response.status());
        assertEquals("13", response.header("Content-Length").orElseThrow());
        assertEquals("", response.text());
    }
}
