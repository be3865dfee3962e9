package dev.surge.web;

import dev.surge.http.Server;
import dev.surge.http.ServerOptions;
import dev.surge.http.WireClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where handlers run, and the promises that come with it: a blocked handler holds up
 * neither the event loop nor another connection, and one connection's responses keep the
 * order of its requests. Every wait is on a latch the test controls, not on a clock.
 */
class ExecutionTest {
    private static volatile CountDownLatch releaseSlow;
    private static volatile CountDownLatch slowStarted;
    private static volatile CountDownLatch marked = new CountDownLatch(0);
    private static final CountDownLatch HANG_STARTED = new CountDownLatch(1);
    private static final CountDownLatch HANG_INTERRUPTED = new CountDownLatch(1);
    private static final AtomicBoolean INLINE_ON_EVENT_LOOP = new AtomicBoolean();
    private static Served served;

    @BeforeAll
    static void start() {
        App app = App.create()
                .get("/where", ctx -> ctx.text(Thread.currentThread().isVirtual() ? "virtual" : "platform"))
                .get("/inline", Route.inline(ctx -> {
                    INLINE_ON_EVENT_LOOP.set(Thread.currentThread().getName().startsWith("surge-io"));
                    ctx.text(Thread.currentThread().isVirtual() ? "virtual" : "platform");
                }))
                .get("/slow", ctx -> {
                    slowStarted.countDown();
                    if (!releaseSlow.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never released /slow");
                    }
                    ctx.text("slow done");
                })
                .get("/hang", ctx -> {
                    HANG_STARTED.countDown();
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        HANG_INTERRUPTED.countDown();
                        throw e;
                    }
                    ctx.text("never");
                })
                .post("/echo", ctx -> ctx.text(ctx.bodyText()))
                .get("/mark/{n}", ctx -> {
                    marked.countDown();
                    ctx.text("mark " + ctx.pathParam("n"));
                });
        served = Served.start(app);
    }

    @BeforeEach
    void latches() {
        releaseSlow = new CountDownLatch(1);
        slowStarted = new CountDownLatch(1);
    }

    @AfterEach
    void release() {
        releaseSlow.countDown();
    }

    @AfterAll
    static void stop() {
        served.close();
    }

    @Test
    void handlersRunOnVirtualThreadsUnlessInline() throws Exception {
        assertEquals("virtual", served.get("/where").body());
        assertEquals("platform", served.get("/inline").body());
        assertTrue(INLINE_ON_EVENT_LOOP.get(), "an inline route runs on the event loop");
    }

    @Test
    void aBlockedHandlerDelaysNeitherTheLoopNorAnotherConnection() throws Exception {
        try (WireClient slow = served.wire(); WireClient other = served.wire()) {
            slow.send("GET /slow HTTP/1.1\r\nHost: h\r\n\r\n");
            assertTrue(slowStarted.await(10, TimeUnit.SECONDS));
            // The slow handler is blocked until this test releases it: both answers below
            // can only arrive if it holds up nothing but its own connection.
            assertEquals("platform", other.send("GET /inline HTTP/1.1\r\nHost: h\r\n\r\n").read().body());
            assertEquals("virtual", other.send("GET /where HTTP/1.1\r\nHost: h\r\n\r\n").read().body());
            releaseSlow.countDown();
            assertEquals("slow done", slow.read().body());
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderAcrossVirtualAndInlineRoutes() throws Exception {
        try (WireClient c = served.wire()) {
            c.send("GET /slow HTTP/1.1\r\nHost: h\r\n\r\n"
                    + "GET /inline HTTP/1.1\r\nHost: h\r\n\r\n"
                    + "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello"
                    + "GET /where HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
            assertTrue(slowStarted.await(10, TimeUnit.SECONDS));
            releaseSlow.countDown();
            assertEquals("slow done", c.read().body());
            assertEquals("platform", c.read().body());
            assertEquals("hello", c.read().body());
            var last = c.read();
            assertEquals("virtual", last.body());
            assertEquals("close", last.header("Connection"));
            assertEquals("", c.readUntilClosed());
        }
    }

    @Test
    void pipelinedRequestsRunConcurrentlyYetAreAnsweredInOrder() throws Exception {
        marked = new CountDownLatch(2);
        try (WireClient c = served.wire()) {
            c.send("GET /slow HTTP/1.1\r\nHost: h\r\n\r\n"
                    + "GET /mark/1 HTTP/1.1\r\nHost: h\r\n\r\n"
                    + "GET /inline HTTP/1.1\r\nHost: h\r\n\r\n"
                    + "GET /mark/2 HTTP/1.1\r\nHost: h\r\n\r\n");
            // Both marks run while /slow is still blocked: the requests behind it were not
            // held back, only their responses are.
            assertTrue(marked.await(10, TimeUnit.SECONDS), "requests behind a blocked one ran meanwhile");
            releaseSlow.countDown();
            assertEquals("slow done", c.read().body());
            assertEquals("mark 1", c.read().body());
            assertEquals("platform", c.read().body());
            assertEquals("mark 2", c.read().body());
        }
    }

    @Test
    void moreRequestsThanTheQueueHoldsAreAllAnsweredInOrder() throws Exception {
        int n = 3 * 32 + 5;
        marked = new CountDownLatch(n);
        StringBuilder pipeline = new StringBuilder();
        for (int i = 0; i < n; i++) {
            pipeline.append(i % 3 == 0 ? "GET /inline" : "GET /mark/" + i).append(" HTTP/1.1\r\nHost: h\r\n\r\n");
        }
        try (WireClient c = served.wire()) {
            c.send(pipeline.toString());
            for (int i = 0; i < n; i++) {
                assertEquals(i % 3 == 0 ? "platform" : "mark " + i, c.read().body());
            }
        }
    }

    @Test
    void aClientThatLeavesInterruptsItsHandler() throws Exception {
        try (WireClient c = served.wire()) {
            c.send("GET /hang HTTP/1.1\r\nHost: h\r\n\r\n");
            assertTrue(HANG_STARTED.await(10, TimeUnit.SECONDS));
        }
        assertTrue(HANG_INTERRUPTED.await(10, TimeUnit.SECONDS), "the handler was interrupted when its client left");
    }

    @Test
    void closingTheServerInterruptsAndAwaitsRunningHandlers() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Server server = App.create().get("/block", ctx -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        }).start(ServerOptions.defaults().withPort(0).withEventLoops(1));
        try (WireClient c = new WireClient(server.port())) {
            c.send("GET /block HTTP/1.1\r\nHost: h\r\n\r\n");
            assertTrue(started.await(10, TimeUnit.SECONDS));
            server.close();
            assertTrue(interrupted.get(), "close() returned only after the handler saw the interrupt");
            assertFalse(c.readUntilClosed().startsWith("HTTP/1.1 200"), "no answer from a stopped server");
        }
    }

    @Test
    void stoppingEndsWithinTheGracePeriodThoughAHandlerIgnoresItsInterrupt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean release = new AtomicBoolean();
        Server server = App.create().requestTimeout(java.time.Duration.ZERO).get("/spin", ctx -> {
            started.countDown();
            while (!release.get()) {
                Thread.onSpinWait();  // work that never looks at its interrupt
            }
            ctx.text("spun");
        }).start(ServerOptions.defaults().withPort(0).withEventLoops(1));
        try (WireClient c = new WireClient(server.port())) {
            c.send("GET /spin HTTP/1.1\r\nHost: h\r\n\r\n");
            assertTrue(started.await(10, TimeUnit.SECONDS));
            long begun = System.nanoTime();
            assertFalse(server.stop(java.time.Duration.ofSeconds(1)), "the handler outlasted the grace period");
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun);
            // Before, closing waited 10 s more for such a handler (and 5 s for the loops).
            assertTrue(tookMillis < 2500, "stop(1 s) took " + tookMillis + " ms");
            assertFalse(c.readUntilClosed().startsWith("HTTP/1.1 200"), "no answer once the grace period is over");
        } finally {
            release.set(true);
        }
    }
}
