package dev.surge.web;

import com.dslplatform.json.CompiledJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JSON out with ctx.json and in with ctx.bodyAs, compiled codecs, and every way a body can be bad. */
class JsonTest {
    @CompiledJson
    public record Item(String name, int count, List<String> tags) {
    }

    private static Served served;

    @BeforeAll
    static void start() {
        App app = App.create()
                .json(Json.defaults().withMaxBytes(1000).withMaxDepth(8))
                .get("/item", ctx -> ctx.json(new Item("caf\u00e9 \"quoted\"", 3, List.of("a", "b"))))
                .get("/item-inline", Route.inline(ctx -> ctx.json(new Item("inline", 1, List.of()))))
                .get("/map", ctx -> ctx.json(Map.of("k", 1)))
                .get("/null", ctx -> ctx.json(null))
                .post("/item", ctx -> {
                    Item item = ctx.bodyAs(Item.class);
                    ctx.json(new Item(item.name().toUpperCase(), item.count() + 1, item.tags()));
                })
                .post("/any", ctx -> ctx.text(String.valueOf(ctx.bodyAs(Object.class))))
                .get("/unwritable", ctx -> ctx.json(new Object()));
        served = Served.start(app);
    }

    @AfterAll
    static void stop() {
        served.close();
    }

    private static java.net.http.HttpResponse<String> post(String path, String body) throws Exception {
        return served.send(served.at(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void writesRecordsThroughTheirCompiledCodec() throws Exception {
        var r = served.get("/item");
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("{\"name\":\"caf\u00e9 \\\"quoted\\\"\",\"count\":3,\"tags\":[\"a\",\"b\"]}", r.body());
        assertEquals("{\"name\":\"inline\",\"count\":1,\"tags\":[]}", served.get("/item-inline").body());
        assertEquals("{\"k\":1}", served.get("/map").body());
        assertEquals("null", served.get("/null").body());
        assertTrue(Class.forName("dev.surge.web._JsonTest$Item_DslJsonConverter") != null,
                "the codec was generated at compile time");
    }

    @Test
    void readsTheBodyIntoARecord() throws Exception {
        var r = post("/item", "{\"name\":\"box\",\"count\":2,\"tags\":[\"x\"]}");
        assertEquals(200, r.statusCode());
        assertEquals("{\"name\":\"BOX\",\"count\":3,\"tags\":[\"x\"]}", r.body());
    }

    @Test
    void invalidJsonIs400SayingWhere() throws Exception {
        var r = post("/item", "{\"name\":\"box\",\"count\":x}");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().startsWith("invalid JSON: ") && r.body().contains("position"), r.body());
        var truncated = post("/item", "{\"name\":\"box\"");
        assertEquals(400, truncated.statusCode());
        var wrongShape = post("/item", "[1,2]");
        assertEquals(400, wrongShape.statusCode());
        assertTrue(wrongShape.body().contains("Expecting '{'"), wrongShape.body());
    }

    @Test
    void emptyOversizeAndTooDeepBodiesAre400() throws Exception {
        var empty = post("/item", "");
        assertEquals(400, empty.statusCode());
        assertEquals("the body is empty; expected JSON\n", empty.body());
        var big = post("/item", "{\"name\":\"" + "x".repeat(1000) + "\",\"count\":1}");
        assertEquals(400, big.statusCode());
        assertTrue(big.body().contains("over the limit of 1000 bytes"), big.body());
        var deep = post("/any", "[".repeat(9) + "]".repeat(9));
        assertEquals(400, deep.statusCode());
        assertTrue(deep.body().contains("nested deeper than 8 levels"), deep.body());
        assertEquals(200, post("/any", "[".repeat(8) + "]".repeat(8)).statusCode());
    }

    @Test
    void aTypeWithoutACodecIsAServerError() throws Exception {
        assertEquals(500, served.get("/unwritable").statusCode());
    }
}
