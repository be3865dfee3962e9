package dev.surge.web;

import dev.surge.http.Method;
import dev.surge.http.WireClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Routes, groups, parameters, and the answers for paths and methods without a route. */
class RoutingTest {
    private static Served served;

    @BeforeAll
    static void start() {
        App app = App.create()
                .get("/", ctx -> ctx.text("root"))
                .get("/users", ctx -> ctx.text("list"))
                .post("/users", ctx -> ctx.status(201).text("created"))
                .get("/users/me", ctx -> ctx.text("me"))
                .get("/users/{id}", ctx -> ctx.text("user " + ctx.pathParam("id")))
                .delete("/users/{id}", ctx -> ctx.text("deleted " + ctx.pathParam("id")))
                .get("/users/{id}/posts/{post}", ctx -> ctx.text(ctx.pathParam("id") + "/" + ctx.pathParam("post")))
                .get("/files/*", ctx -> ctx.text("file [" + ctx.pathParam("*") + "]"))
                .put("/only-put", ctx -> ctx.text("put"))
                .options("/custom-options", ctx -> ctx.status(200).header("Allow", "GET").text("mine"))
                .group("/api", api -> api
                        .get("/", ctx -> ctx.text("api root"))
                        .get("/items/{id}", ctx -> ctx.text("item " + ctx.pathParam("id")))
                        .group("/v2", v2 -> v2.get("/items", ctx -> ctx.text("v2 items"))));
        served = Served.start(app);
    }

    @AfterAll
    static void stop() {
        served.close();
    }

    @Test
    void staticRoutesWinOverParametersAndParametersAreDecoded() throws Exception {
        assertEquals("root", served.get("/").body());
        assertEquals("list", served.get("/users").body());
        assertEquals("me", served.get("/users/me").body());
        assertEquals("user 42", served.get("/users/42").body());
        assertEquals("user caf\u00e9 au lait", served.get("/users/caf%C3%A9%20au%20lait").body());
        assertEquals("user a+b", served.get("/users/a+b").body(), "a plus in a path is a plus");
        assertEquals("7/99", served.get("/users/7/posts/99").body());
    }

    @Test
    void wildcardTakesTheRestOfThePath() throws Exception {
        assertEquals("file [a/b/c.txt]", served.get("/files/a/b/c.txt").body());
        assertEquals("file []", served.get("/files/").body());
        assertEquals(404, served.get("/files").statusCode());
    }

    @Test
    void groupsPrefixTheirRoutes() throws Exception {
        assertEquals("api root", served.get("/api").body());
        assertEquals("item 3", served.get("/api/items/3").body());
        assertEquals("v2 items", served.get("/api/v2/items").body());
        assertEquals(404, served.get("/items/3").statusCode());
    }

    @Test
    void methodsOfOnePathAreRoutedApart() throws Exception {
        assertEquals("deleted 5", served.send(served.at("/users/5").DELETE()).body());
        var created = served.send(served.at("/users").POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(201, created.statusCode());
        assertEquals("created", created.body());
    }

    @Test
    void unknownPathIs404WithTheReason() throws Exception {
        var r = served.get("/nowhere");
        assertEquals(404, r.statusCode());
        assertEquals("Not Found: no route for /nowhere\n", r.body());
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        var r = served.send(served.at("/users/7").PUT(HttpRequest.BodyPublishers.noBody()));
        assertEquals(405, r.statusCode());
        assertEquals("GET, HEAD, DELETE, OPTIONS", r.headers().firstValue("Allow").orElseThrow());
        var onlyPut = served.get("/only-put");
        assertEquals(405, onlyPut.statusCode());
        assertEquals("PUT, OPTIONS", onlyPut.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void headIsServedByTheGetRouteWithoutABody() throws Exception {
        try (WireClient c = served.wire()) {
            var r = c.send("HEAD /users/9 HTTP/1.1\r\nHost: h\r\n\r\n").read(true);
            assertEquals(200, r.status());
            assertEquals("6", r.header("Content-Length"));
            var next = c.send("GET /users/9 HTTP/1.1\r\nHost: h\r\n\r\n").read();
            assertEquals("user 9", next.body(), "no stray body bytes came after the HEAD response");
        }
    }

    @Test
    void optionsAnswersAllowUnlessARouteDoes() throws Exception {
        var r = served.send(served.at("/users").method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, r.statusCode());
        assertEquals("GET, HEAD, POST, OPTIONS", r.headers().firstValue("Allow").orElseThrow());
        var custom = served.send(served.at("/custom-options").method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertEquals("mine", custom.body());
        assertEquals(404, served.send(served.at("/nowhere").method("OPTIONS", HttpRequest.BodyPublishers.noBody()))
                .statusCode());
        try (WireClient c = served.wire()) {
            var star = c.send("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n").read(true);
            assertEquals(204, star.status());
            assertEquals("GET, HEAD, POST, PUT, DELETE, OPTIONS", star.header("Allow"));
        }
    }

    @Test
    void aRouteDefinedTwiceFailsAtStartNamingIt() {
        var e = assertThrows(IllegalArgumentException.class, () -> App.create()
                .get("/a/{id}", ctx -> { }).get("/a/{id}", ctx -> { }).handler());
        assertTrue(e.getMessage().contains("GET /a/{id}"), e.getMessage());
    }

    @Test
    void ambiguousParametersFailAtStartNamingBothRoutes() {
        var e = assertThrows(IllegalArgumentException.class, () -> App.create()
                .group("/users", g -> g.get("/{id}", ctx -> { }))
                .get("/users/{name}", ctx -> { }).handler());
        assertTrue(e.getMessage().contains("GET /users/{name}") && e.getMessage().contains("GET /users/{id}"),
                e.getMessage());
    }

    @Test
    void badPathsAndPrefixesAreRefusedWithTheReason() {
        var noSlash = assertThrows(IllegalArgumentException.class, () -> App.create().get("users", ctx -> { }));
        assertTrue(noSlash.getMessage().contains("must start with '/'"), noSlash.getMessage());
        var prefix = assertThrows(IllegalArgumentException.class, () -> App.create().group("/api/", g -> { }));
        assertTrue(prefix.getMessage().contains("group prefix"), prefix.getMessage());
        assertThrows(IllegalArgumentException.class, () -> App.create().route(Method.GET, "/x", null));
    }
}
