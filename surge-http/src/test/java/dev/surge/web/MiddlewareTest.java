package dev.surge.web;

import dev.surge.http.WireClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The order of middleware and filters, and the built-in middleware. */
class MiddlewareTest {
    private final List<String> trace = new CopyOnWriteArrayList<>();
    private final List<LogRecord> errors = new CopyOnWriteArrayList<>();
    private final Logger recoveryLog = Logger.getLogger("dev.surge.web.Recovery");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            errors.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureErrors() {
        recoveryLog.addHandler(capture);
        recoveryLog.setUseParentHandlers(false);
    }

    @AfterEach
    void restoreLog() {
        recoveryLog.removeHandler(capture);
        recoveryLog.setUseParentHandlers(true);
    }

    private Middleware around(String name) {
        return (ctx, next) -> {
            trace.add(name + ">");
            next.handle(ctx);
            trace.add("<" + name);
        };
    }

    private dev.surge.web.Handler step(String name) {
        return ctx -> trace.add(name);
    }

    @Test
    void middlewareWrapsBeforesHandlerAndAftersInADefinedOrder() throws Exception {
        App app = App.create()
                .use(around("m1"))
                .before(step("b1"))
                .after(step("a1"))
                .group("/g", g -> g
                        .get("/x", ctx -> {
                            trace.add("handler");
                            ctx.text("x");
                        })
                        .use(around("gm"))
                        .before(step("gb"))
                        .after(step("ga")))
                .use(around("m2"))
                .before(step("b2"));
        try (Served s = Served.start(app)) {
            assertEquals("x", s.get("/g/x").body());
        }
        assertEquals(List.of("m1>", "m2>", "gm>", "b1", "b2", "gb", "handler", "a1", "ga", "<gm", "<m2", "<m1"), trace);
    }

    @Test
    void aBeforeFilterThatAnswersSkipsTheHandlerButNotTheAfters() throws Exception {
        App app = App.create()
                .before(ctx -> {
                    if (ctx.header("Authorization").isEmpty()) {
                        ctx.status(401).text("who are you?");
                    }
                })
                .after(ctx -> ctx.header("X-After", "ran"))
                .get("/secret", ctx -> {
                    trace.add("handler");
                    ctx.text("secret");
                });
        try (Served s = Served.start(app)) {
            var r = s.get("/secret");
            assertEquals(401, r.statusCode());
            assertEquals("who are you?", r.body());
            assertEquals("ran", r.headers().firstValue("X-After").orElseThrow());
            assertTrue(trace.isEmpty());
            assertEquals("secret", s.send(s.at("/secret").header("Authorization", "me")).body());
        }
    }

    @Test
    void appMiddlewareAlsoSeesNotFoundAndMethodNotAllowed() throws Exception {
        App app = App.create().use(around("m")).get("/x", ctx -> ctx.text("x"));
        try (Served s = Served.start(app)) {
            assertEquals(404, s.get("/nope").statusCode());
            assertEquals(405, s.send(s.at("/x").DELETE()).statusCode());
        }
        assertEquals(List.of("m>", "<m", "m>", "<m"), trace);
    }

    @Test
    void recoveryAnswers500WithAnErrorIdLoggedOnceAndTheConnectionStaysUsable() throws Exception {
        App app = App.create()
                .use(Middleware.recovery())
                .get("/boom", ctx -> {
                    ctx.header("X-Half-Done", "yes");
                    throw new IllegalStateException("broken on purpose");
                })
                .get("/boom-inline", Route.inline(ctx -> {
                    throw new IllegalStateException("broken inline on purpose");
                }))
                .get("/ok", ctx -> ctx.text("ok"));
        try (Served s = Served.start(app); WireClient c = s.wire()) {
            var r = c.send("GET /boom HTTP/1.1\r\nHost: h\r\n\r\n").read();
            assertEquals(500, r.status());
            String id = r.header("X-Error-Id");
            assertNotNull(id);
            assertEquals("Internal Server Error (error id " + id + ")\n", r.body());
            assertEquals(null, r.header("X-Half-Done"), "what the handler set before failing is dropped");
            assertEquals("ok", c.send("GET /ok HTTP/1.1\r\nHost: h\r\n\r\n").read().body());
            var inline = c.send("GET /boom-inline HTTP/1.1\r\nHost: h\r\n\r\n").read();
            assertEquals(500, inline.status());
            assertEquals("ok", c.send("GET /ok HTTP/1.1\r\nHost: h\r\n\r\n").read().body());
            assertEquals(2, errors.size(), "each failure is logged once");
            assertTrue(errors.getFirst().getMessage().contains(id));
            assertEquals("broken on purpose", errors.getFirst().getThrown().getMessage());
        }
    }

    @Test
    void withoutRecoveryMiddlewareTheRouterStillAnswers500WithAnId() throws Exception {
        App app = App.create().get("/boom", ctx -> {
            throw new IllegalStateException("broken on purpose");
        });
        try (Served s = Served.start(app)) {
            var r = s.get("/boom");
            assertEquals(500, r.statusCode());
            assertTrue(r.body().startsWith("Internal Server Error (error id "), r.body());
            assertEquals(1, errors.size());
        }
    }

    @Test
    void httpExceptionIsAnAnswerNotAnError() throws Exception {
        App app = App.create().get("/teapot", ctx -> {
            throw new HttpException(418, "short and stout");
        });
        try (Served s = Served.start(app)) {
            var r = s.get("/teapot");
            assertEquals(418, r.statusCode());
            assertEquals("short and stout\n", r.body());
            assertTrue(errors.isEmpty());
        }
    }

    @Test
    void requestIdIsTakenFromTheClientOrMadeAndSentBack() throws Exception {
        App app = App.create().use(Middleware.requestId()).get("/id", ctx -> ctx.text(ctx.requestId().orElseThrow()));
        try (Served s = Served.start(app)) {
            var given = s.send(s.at("/id").header("X-Request-Id", "abc-123"));
            assertEquals("abc-123", given.body());
            assertEquals("abc-123", given.headers().firstValue("X-Request-Id").orElseThrow());
            var made = s.get("/id");
            assertTrue(made.body().matches("[0-9a-f]{16}"), made.body());
            assertEquals(made.body(), made.headers().firstValue("X-Request-Id").orElseThrow());
            var tooLong = s.send(s.at("/id").header("X-Request-Id", "x".repeat(200)));
            assertTrue(tooLong.body().matches("[0-9a-f]{16}"), "an unreasonable id is replaced");
        }
    }

    @Test
    void accessLogWritesOneLinePerRequestWithStatusSizeAndId() throws Exception {
        StringWriter lines = new StringWriter();
        AccessLog log = AccessLog.to(lines);
        App app = App.create()
                .use(Middleware.requestId())
                .use(Middleware.accessLog(log))
                .use(Middleware.recovery())
                .get("/hi", ctx -> ctx.text("hello"))
                .get("/boom", ctx -> {
                    throw new IllegalStateException("logged as 500");
                });
        try (Served s = Served.start(app)) {
            s.send(s.at("/hi?x=1").header("X-Request-Id", "rid-1"));
            s.get("/nope");
            s.get("/boom");
        }
        String[] written = lines.toString().split("\n");
        assertEquals(3, written.length, lines.toString());
        assertTrue(written[0].matches("127\\.0\\.0\\.1 - - \\[.+] \"GET /hi\\?x=1 HTTP/1\\.1\" 200 5 [0-9.]+ms rid-1"),
                written[0]);
        assertTrue(written[1].contains("\"GET /nope HTTP/1.1\" 404 "), written[1]);
        assertTrue(written[2].contains("\"GET /boom HTTP/1.1\" 500 "), written[2]);
        assertEquals(0, log.dropped());
    }

    @Test
    void anAppWithoutAnAccessLogStartsNoWriterThread() throws Exception {
        try (Served s = Served.start(App.create().get("/hi", ctx -> ctx.text("hello")))) {
            s.get("/hi");
            assertFalse(Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.getName().equals("surge-access-log")));
        }
    }
}
