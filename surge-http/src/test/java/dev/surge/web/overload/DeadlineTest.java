package dev.surge.web.overload;

import dev.surge.http.Rejection;
import dev.surge.http.ServerHealth;
import dev.surge.http.WireClient;
import dev.surge.web.App;
import dev.surge.web.Route;
import dev.surge.web.Served;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deadlines end to end: a handler past its deadline is interrupted and its client gets 503
 * (504 in an upstream call), on a connection that stays usable; a late answer is dropped; a
 * request taken up after its deadline never runs; the client may lower the deadline. The
 * deadlines are short (300 ms) and the handlers hold far longer (30 s) or until the test
 * lets them go, so the outcomes do not depend on the machine's speed.
 */
class DeadlineTest {
    private static final Duration SHORT = Duration.ofMillis(300);
    /** More pipelined requests than a connection queues: the next one waits in the connection's buffer. */
    private static final int MORE_THAN_QUEUED = 40;
    private static final CountDownLatch SLEEP_INTERRUPTED = new CountDownLatch(1);
    private static final AtomicInteger SHORT_RUNS = new AtomicInteger();
    private static final AtomicInteger HOLDS_STARTED = new AtomicInteger();
    private static volatile CountDownLatch release = new CountDownLatch(1);
    private static volatile CountDownLatch lateStarted = new CountDownLatch(1);
    private static volatile CountDownLatch lateAnswered = new CountDownLatch(1);
    private static Served served;

    @BeforeAll
    static void start() {
        App app = App.create()
                .get("/sleep", Route.timeout(SHORT, ctx -> {
                    try {
                        Thread.sleep(30_000);
                    } catch (InterruptedException e) {
                        SLEEP_INTERRUPTED.countDown();
                        throw e;
                    }
                    ctx.text("never");
                }))
                .get("/sleep-default", ctx -> {
                    Thread.sleep(30_000);
                    ctx.text("never");
                })
                .get("/late", Route.timeout(SHORT, ctx -> {
                    lateStarted.countDown();
                    try {
                        Thread.sleep(30_000);
                    } catch (InterruptedException e) {
                        // Ignores the interrupt, and answers once the test has read the 503.
                        release.await(10, TimeUnit.SECONDS);
                    }
                    ctx.text("late");
                    lateAnswered.countDown();
                }))
                .get("/upstream", Route.timeout(SHORT, ctx -> ctx.text(ctx.deadline().upstream(() -> {
                    Thread.sleep(30_000);
                    return "never";
                }))))
                .get("/upstream-timeout", ctx -> ctx.text(ctx.deadline().upstream(() -> {
                    throw new TimeoutException("backend slow");
                })))
                .get("/upstream-socket-timeout", ctx -> ctx.text(ctx.deadline().upstream(() -> {
                    throw new IllegalStateException("call failed", new SocketTimeoutException("read timed out"));
                })))
                .get("/left", Route.timeout(Duration.ofSeconds(20),
                        ctx -> ctx.text(Long.toString(ctx.deadline().timeLeft().toMillis()))))
                .get("/left-default", ctx -> ctx.text(Long.toString(ctx.deadline().timeLeft().toMillis())))
                .get("/left-inline", Route.inline(Route.timeout(Duration.ofSeconds(20),
                        ctx -> ctx.text(Long.toString(ctx.deadline().timeLeft().toMillis())))))
                .get("/hold", ctx -> {
                    HOLDS_STARTED.incrementAndGet();
                    if (!release.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never released /hold");
                    }
                    ctx.text("held");
                })
                .get("/short-inline", Route.inline(Route.timeout(SHORT, ctx -> {
                    SHORT_RUNS.incrementAndGet();
                    ctx.text("ran");
                })))
                .get("/short-vt", Route.timeout(SHORT, ctx -> {
                    SHORT_RUNS.incrementAndGet();
                    ctx.text("ran");
                }))
                .get("/fast", ctx -> ctx.text("fast"))
                .get("/fast-inline", Route.inline(ctx -> ctx.text("fast")));
        served = Served.start(app);
    }

    @AfterAll
    static void stop() {
        release.countDown();
        served.close();
    }

    private static ServerHealth health() {
        return served.server.health();
    }

    @Test
    void aHandlerPastItsDeadlineIsInterruptedAndItsClientGets503() throws Exception {
        long exceeded = health().rejected(Rejection.DEADLINE_EXCEEDED);
        try (WireClient c = served.wire()) {
            WireClient.Response r = c.send("GET /sleep HTTP/1.1\r\nHost: h\r\n\r\n").read();
            assertEquals(503, r.status());
            assertTrue(r.body().contains("ran past its deadline (300 ms)"), r.body());
            assertTrue(SLEEP_INTERRUPTED.await(10, TimeUnit.SECONDS), "the handler was interrupted");
            assertEquals("fast", c.send("GET /fast HTTP/1.1\r\nHost: h\r\n\r\n").read().body(),
                    "the connection goes on after the 503");
        }
        assertEquals(exceeded + 1, health().rejected(Rejection.DEADLINE_EXCEEDED));
    }

    @Test
    void aLateAnswerIsDroppedAndTheNextResponseIsTheNextRequests() throws Exception {
        release = new CountDownLatch(1);
        lateStarted = new CountDownLatch(1);
        lateAnswered = new CountDownLatch(1);
        try (WireClient c = served.wire()) {
            assertEquals(503, c.send("GET /late HTTP/1.1\r\nHost: h\r\n\r\n").read().status());
            release.countDown();
            assertTrue(lateAnswered.await(10, TimeUnit.SECONDS), "the handler answered, late");
            WireClient.Response next = c.send("GET /fast HTTP/1.1\r\nHost: h\r\n\r\n").read();
            assertEquals(200, next.status());
            assertEquals("fast", next.body(), "the late answer never reached the connection");
        }
    }

    @Test
    void aDeadlineThatPassesInAnUpstreamCallGives504() throws Exception {
        try (WireClient c = served.wire()) {
            WireClient.Response r = c.send("GET /upstream HTTP/1.1\r\nHost: h\r\n\r\n").read();
            assertEquals(504, r.status());
            assertTrue(r.body().contains("waited on an upstream"), r.body());
        }
    }

    @Test
    void anUpstreamCallThatTimesOutGives504WithItsReason() throws Exception {
        try (WireClient c = served.wire()) {
            WireClient.Response r = c.send("GET /upstream-timeout HTTP/1.1\r\nHost: h\r\n\r\n").read();
            assertEquals(504, r.status());
            assertTrue(r.body().contains("backend slow"), r.body());
            r = c.send("GET /upstream-socket-timeout HTTP/1.1\r\nHost: h\r\n\r\n").read();
            assertEquals(504, r.status(), "a timeout as the cause counts too");
        }
    }

    @Test
    void handlersSeeTheTimeLeft() throws Exception {
        long route = Long.parseLong(served.get("/left").body());
        assertTrue(route > 0 && route <= 20_000, route + " ms left of a 20 s route timeout");
        long app = Long.parseLong(served.get("/left-default").body());
        assertTrue(app > 20_000 && app <= 30_000, app + " ms left of the app's 30 s");
        long inline = Long.parseLong(served.get("/left-inline").body());
        assertTrue(inline > 0 && inline <= 20_000, inline + " ms left on an inline route");
        long asked = Long.parseLong(served.send(served.at("/left").header("Request-Timeout", "5000")).body());
        assertTrue(asked > 0 && asked <= 5000, asked + " ms left of the client's 5 s");
        long capped = Long.parseLong(served.send(served.at("/left").header("Request-Timeout", "99999999999999999999")).body());
        assertTrue(capped > 5000 && capped <= 20_000, capped + " ms: the route's timeout caps the client's");
    }

    @Test
    void theClientsRequestTimeoutLowersTheDeadline() throws Exception {
        long exceeded = health().rejected(Rejection.DEADLINE_EXCEEDED);
        var r = served.send(served.at("/sleep-default").header("Request-Timeout", "300"));
        assertEquals(503, r.statusCode());
        assertEquals(exceeded + 1, health().rejected(Rejection.DEADLINE_EXCEEDED));
        // Leading zeros are the same number, not one too long to hold (which would mean no limit).
        r = served.send(served.at("/sleep-default").header("Request-Timeout", "0000000000300"));
        assertEquals(503, r.statusCode());
        assertEquals(exceeded + 2, health().rejected(Rejection.DEADLINE_EXCEEDED));
    }

    @Test
    void aRequestTimeoutOfZeroIsAnsweredWithoutRunningTheHandler() throws Exception {
        int runs = SHORT_RUNS.get();
        long expired = health().rejected(Rejection.DEADLINE_EXPIRED);
        var r = served.send(served.at("/short-vt").header("Request-Timeout", "0"));
        assertEquals(503, r.statusCode());
        assertEquals(runs, SHORT_RUNS.get(), "the handler never ran");
        assertEquals(expired + 1, health().rejected(Rejection.DEADLINE_EXPIRED));
    }

    @Test
    void aMalformedRequestTimeoutGets400SayingWhy() throws Exception {
        try (WireClient c = served.wire()) {
            for (String bad : new String[]{"soon", "-5", "1.5", "10 ms"}) {
                WireClient.Response r = c.send("GET /fast HTTP/1.1\r\nHost: h\r\nRequest-Timeout: " + bad + "\r\n\r\n").read();
                assertEquals(400, r.status(), bad);
                assertTrue(r.body().contains("Request-Timeout must be one whole number of milliseconds"), r.body());
                assertTrue(r.body().contains("'" + bad + "'"), r.body());
            }
            // Two field lines are a list, as "5000, 100" is: neither may win unseen.
            WireClient.Response twice = c.send("GET /fast HTTP/1.1\r\nHost: h\r\nRequest-Timeout: 5000\r\n"
                    + "Request-Timeout: 100\r\n\r\n").read();
            assertEquals(400, twice.status(), twice.body());
            assertTrue(twice.body().contains("'5000, 100'"), twice.body());
            assertEquals("fast", c.send("GET /fast HTTP/1.1\r\nHost: h\r\n\r\n").read().body());
        }
    }

    @Test
    void requestsTakenUpAfterTheirDeadlineNeverRun() throws Exception {
        release = new CountDownLatch(1);
        HOLDS_STARTED.set(0);
        int runs = SHORT_RUNS.get();
        long expired = health().rejected(Rejection.DEADLINE_EXPIRED);
        StringBuilder pipeline = new StringBuilder();
        for (int i = 0; i < MORE_THAN_QUEUED; i++) {
            pipeline.append("GET /hold HTTP/1.1\r\nHost: h\r\n\r\n");
        }
        pipeline.append("GET /short-inline HTTP/1.1\r\nHost: h\r\n\r\n")
                .append("GET /short-vt HTTP/1.1\r\nHost: h\r\n\r\n")
                .append("GET /fast-inline HTTP/1.1\r\nHost: h\r\n\r\n");
        try (WireClient c = served.wire()) {
            c.send(pipeline.toString());
            while (HOLDS_STARTED.get() == 0) {
                Thread.sleep(10);  // until the server has read the pipeline
            }
            // The last three wait in the connection's buffer behind the held ones, for longer
            // than the short routes' deadline.
            Thread.sleep(3 * SHORT.toMillis());
            release.countDown();
            for (int i = 0; i < MORE_THAN_QUEUED; i++) {
                assertEquals("held", c.read().body());
            }
            WireClient.Response inline = c.read();
            assertEquals(503, inline.status(), inline.body());
            assertTrue(inline.body().contains("waited past its deadline (300 ms)"), inline.body());
            WireClient.Response vt = c.read();
            assertEquals(503, vt.status(), vt.body());
            assertEquals("fast", c.read().body(), "a route with the app's 30 s deadline still runs");
        }
        assertEquals(runs, SHORT_RUNS.get(), "neither short route's handler ran");
        assertEquals(expired + 2, health().rejected(Rejection.DEADLINE_EXPIRED));
    }

    @Test
    void manyRequestsPastTheirDeadlineAreAllAnswered() throws Exception {
        int connections = 5;
        int each = 20;
        WireClient[] clients = new WireClient[connections];
        try {
            for (int i = 0; i < connections; i++) {
                clients[i] = served.wire();
                clients[i].send("GET /sleep-default HTTP/1.1\r\nHost: h\r\nRequest-Timeout: 200\r\n\r\n".repeat(each));
            }
            for (WireClient c : clients) {
                for (int j = 0; j < each; j++) {
                    assertEquals(503, c.read().status());
                }
            }
        } finally {
            for (WireClient c : clients) {
                if (c != null) {
                    c.close();
                }
            }
        }
    }
}
