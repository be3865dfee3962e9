package dev.surge.web;

import dev.surge.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a handler reads from a request and sets on its response. */
class ContextTest {
    private static Served served;

    @BeforeAll
    static void start() {
        App app = App.create()
                .get("/query", ctx -> ctx.text(ctx.queryParam("q").orElse("-") + "|" + ctx.queryParams("tag")
                        + "|" + ctx.queryParam("flag").orElse("absent") + "|" + ctx.queryParamMap().keySet()))
                .get("/headers", ctx -> ctx.text(ctx.header("X-One").orElse("-") + "|" + ctx.headers("X-Many")))
                .get("/cookies", ctx -> ctx.text(ctx.cookie("a").orElse("-") + "|" + ctx.cookie("b").orElse("-")
                        + "|" + ctx.cookie("none").orElse("-")))
                .get("/set-cookie", ctx -> ctx.cookie(Cookie.of("session", "abc").path("/").httpOnly(true)
                        .secure(true).sameSite("lax").maxAge(Duration.ofMinutes(5))).text("set"))
                .post("/text", ctx -> ctx.text(ctx.bodyText() + "|" + ctx.body().length))
                .post("/stream-in", ctx -> ctx.text(new String(ctx.bodyStream().readAllBytes(), StandardCharsets.UTF_8)))
                .get("/redirect", ctx -> ctx.redirect("/elsewhere"))
                .get("/empty", Context::noContent)
                .get("/nothing", ctx -> { })
                .get("/html", ctx -> ctx.status(201).header("X-Extra", "1").html("<p>hi</p>"))
                .get("/bytes", Route.inline(ctx -> ctx.bytes(ContentType.of("image/png"), new byte[]{1, 2, 3})))
                .get("/bad-header", ctx -> ctx.header("Content-Length", "5"))
                .get("/attributes", ctx -> ctx.text(ctx.<String>attribute("user").orElse("none")))
                .get("/typed/{n}", ctx -> ctx.text(ctx.pathParamInt("n", -5, 100) + "|"
                        + ctx.queryParamLong("page", 1, 1, Long.MAX_VALUE)))
                .get("/no-attribute", ctx -> ctx.text(ctx.<String>attribute("nobody").orElse("none")))
                .before(ctx -> ctx.attribute("user", "ada"));
        served = Served.start(app);
    }

    @AfterAll
    static void stop() {
        served.close();
    }

    @Test
    void queryParametersAreDecodedAsAFormDoes() throws Exception {
        assertEquals("a b&c|[x, y=z]|absent|[q, tag, empty]",
                served.get("/query?q=a+b%26c&tag=x&tag=y%3Dz&empty").body());
        assertEquals("caf\u00e9|[]|absent|[q]", served.get("/query?q=caf%C3%A9").body());
        assertEquals("-|[]|absent|[]", served.get("/query").body());
    }

    @Test
    void headersAreReadCaseInsensitivelyAndInOrder() throws Exception {
        var r = served.send(served.at("/headers").header("x-one", "1").header("X-Many", "a").header("x-many", "b"));
        assertEquals("1|[a, b]", r.body());
    }

    @Test
    void cookiesAreReadAndSet() throws Exception {
        assertEquals("1|two words|-", served.send(served.at("/cookies").header("Cookie", "a=1; b=\"two words\"")).body());
        var set = served.get("/set-cookie");
        assertEquals("session=abc; Path=/; Max-Age=300; Secure; HttpOnly; SameSite=Lax",
                set.headers().firstValue("Set-Cookie").orElseThrow());
    }

    @Test
    void badCookiesAreRefusedWhenMade() {
        assertThrows(IllegalArgumentException.class, () -> Cookie.of("a b", "x"));
        assertThrows(IllegalArgumentException.class, () -> Cookie.of("a", "x;y"));
        assertThrows(IllegalArgumentException.class, () -> Cookie.of("a", "x").sameSite("sometimes"));
        assertThrows(IllegalArgumentException.class, () -> Cookie.of("a", "x").path("/a;b"));
    }

    @Test
    void bodiesAreReadAsTextInTheirCharsetOrAsAStream() throws Exception {
        var latin = served.send(served.at("/text").header("Content-Type", "text/plain; charset=ISO-8859-1")
                .POST(HttpRequest.BodyPublishers.ofByteArray("caf\u00e9".getBytes(StandardCharsets.ISO_8859_1))));
        assertEquals("caf\u00e9|4", latin.body());
        var utf8 = served.send(served.at("/text").POST(HttpRequest.BodyPublishers.ofString("caf\u00e9")));
        assertEquals("caf\u00e9|5", utf8.body());
        var unknown = served.send(served.at("/text").header("Content-Type", "text/plain; charset=klingon")
                .POST(HttpRequest.BodyPublishers.ofString("x")));
        assertEquals(415, unknown.statusCode());
        var stream = served.send(served.at("/stream-in").POST(HttpRequest.BodyPublishers.ofString("x".repeat(100_000))));
        assertEquals(100_000, stream.body().length());
    }

    @Test
    void responsesCarryStatusHeadersAndTypes() throws Exception {
        var redirect = served.get("/redirect");
        assertEquals(302, redirect.statusCode());
        assertEquals("/elsewhere", redirect.headers().firstValue("Location").orElseThrow());
        assertEquals(204, served.get("/empty").statusCode());
        var nothing = served.get("/nothing");
        assertEquals(200, nothing.statusCode());
        assertEquals("", nothing.body());
        var html = served.get("/html");
        assertEquals(201, html.statusCode());
        assertEquals("text/html; charset=utf-8", html.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("1", html.headers().firstValue("X-Extra").orElseThrow());
        assertEquals("image/png", served.get("/bytes").headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void aHeaderSurgeWritesItselfIsAProgrammingError() throws Exception {
        assertEquals(500, served.get("/bad-header").statusCode());
    }

    @Test
    void filtersPassValuesThroughAttributes() throws Exception {
        assertEquals("ada", served.get("/attributes").body());
    }

    @Test
    void typedParametersAreWholeNumbersWithinBoundsOrA400SayingWhy() throws Exception {
        assertEquals("42|1", served.get("/typed/42").body(), "an absent query parameter takes its default");
        assertEquals("-5|9223372036854775807", served.get("/typed/-5?page=9223372036854775807").body());
        assertEquals("7|3", served.get("/typed/007?page=3&page=4").body(), "leading zeros; the first value");
        for (String bad : new String[]{"abc", "101", "-6", "+5", "1e3", "4.0", "-", "99999999999999999999"}) {
            var r = served.get("/typed/" + bad);
            assertEquals(400, r.statusCode(), bad);
            assertEquals("path parameter 'n' must be a whole number from -5 to 100, got '" + bad + "'\n", r.body());
        }
        for (String bad : new String[]{"", "0", "x", "%2B1", "9223372036854775808"}) {
            var r = served.get("/typed/1?page=" + bad);
            assertEquals(400, r.statusCode(), bad);
            assertTrue(r.body().startsWith("query parameter 'page' must be a whole number from 1 to 9223372036854775807, got '"),
                    r.body());
        }
    }

    @Test
    void anAttributeNoFilterLeftIsEmpty() throws Exception {
        assertEquals("none", served.get("/no-attribute").body());
    }

    @Test
    void anUnknownPathParameterIsAProgrammingError() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Context(null, null, null, null, false).pathParam("id"));
        assertTrue(e.getMessage().contains("no path parameter 'id'"));
    }
}
