package dev.surge.web.overload;

import dev.surge.http.Rejection;
import dev.surge.http.WireClient;
import dev.surge.web.App;
import dev.surge.web.Route;
import dev.surge.web.Served;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The concurrency limit: a fixed limit sheds exactly the excess with 503 and Retry-After while
 * admitted requests succeed; inline routes are not counted; the adaptive limit shrinks when
 * latency rises and grows back when it falls.
 */
class ConcurrencyLimitTest {

    @Test
    void aFixedLimitShedsTheExcessWhileAdmittedRequestsSucceed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        ConcurrencyLimit limit = ConcurrencyLimit.fixed(2);
        App app = App.create().concurrencyLimit(limit)
                .get("/hold", ctx -> {
                    started.incrementAndGet();
                    if (!release.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never released /hold");
                    }
                    ctx.text("held");
                })
                .get("/inline", Route.inline(ctx -> ctx.text("inline")));
        try (Served served = Served.start(app); WireClient a = served.wire(); WireClient b = served.wire()) {
            // Five pipelined on one connection: two take the places, three are shed at once,
            // and the answers still come in request order.
            a.send("GET /hold HTTP/1.1\r\nHost: h\r\n\r\n".repeat(5));
            while (started.get() < 2) {
                Thread.sleep(5);
            }
            assertEquals(2, limit.inFlight());
            WireClient.Response inline = b.send("GET /inline HTTP/1.1\r\nHost: h\r\n\r\n").read();
            assertEquals("inline", inline.body(), "inline routes do not count");
            WireClient.Response shed = b.send("GET /hold HTTP/1.1\r\nHost: h\r\n\r\n").read();
            assertEquals(503, shed.status());
            assertEquals("1", shed.header("Retry-After"));
            assertTrue(shed.body().contains("too many requests in flight"), shed.body());
            release.countDown();
            for (int i = 0; i < 5; i++) {
                WireClient.Response r = a.read();
                assertEquals(i < 2 ? 200 : 503, r.status(), "response " + i);
            }
            assertEquals(2, started.get(), "the shed requests never ran");
            assertEquals(4, served.server.health().rejected(Rejection.CONCURRENCY_LIMIT));
            assertEquals("held", b.send("GET /hold HTTP/1.1\r\nHost: h\r\n\r\n").read().body(),
                    "the places were given back");
        }
        assertEquals(0, limit.inFlight());
    }

    @Test
    @SuppressWarnings("try")  // closes a resource of the try early, on purpose
    void anAdaptiveLimitShrinksWhenLatencyRisesAndGrowsBackWhenItFalls() throws Exception {
        int n = 16;
        // Short windows (20 ms; 200 of them for the long-term average), so that the limit moves within seconds.
        ConcurrencyLimit limit = ConcurrencyLimit.adaptive(n, 2, n, TimeUnit.MILLISECONDS.toNanos(20), 200);
        AtomicInteger delayMillis = new AtomicInteger(2);
        App app = App.create().concurrencyLimit(limit).get("/work", ctx -> {
            Thread.sleep(delayMillis.get());
            ctx.text("done");
        });
        try (Served served = Served.start(app); Clients clients = new Clients(served, n)) {
            while (clients.ok.get() < 1500) {
                Thread.sleep(10);  // the normal latency, learnt
            }
            assertEquals(n, limit.limit(), "busy at normal latency, the limit stays at its maximum");
            // Latency rises twentyfold: the limit falls to half the clients' number, and the
            // excess is shed while admitted requests succeed.
            int ok = clients.ok.get();
            int shed = clients.shedWithRetryAfter.get();
            delayMillis.set(40);
            int low = awaitLimit(limit, l -> l <= n / 2);
            assertTrue(low <= n / 2, "the limit fell as latency rose; it is " + limit);
            assertTrue(clients.shedWithRetryAfter.get() > shed, "the excess got 503 with Retry-After");
            assertTrue(clients.ok.get() > ok, "admitted requests succeeded");
            // Latency falls back: the limit grows again.
            delayMillis.set(2);
            int high = awaitLimit(limit, l -> l >= low + 3);
            assertTrue(high >= low + 3, "the limit grew again once latency fell: from " + low + " to " + limit.limit());
            clients.close();  // before the try ends: the counts are final once the clients stopped
            assertEquals(0, clients.other.get(), "no other answers or failures");
        }
    }

    /** Clients on virtual threads, each sending request after request on a connection of its own. */
    private static final class Clients implements AutoCloseable {
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger shedWithRetryAfter = new AtomicInteger();
        final AtomicInteger other = new AtomicInteger();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final List<Thread> threads = new ArrayList<>();

        Clients(Served served, int n) {
            for (int i = 0; i < n; i++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    try (WireClient c = served.wire()) {
                        while (!stop.get()) {
                            WireClient.Response r = c.send("GET /work HTTP/1.1\r\nHost: h\r\n\r\n").read();
                            if (r.status() == 200) {
                                ok.incrementAndGet();
                            } else if (r.status() == 503 && "1".equals(r.header("Retry-After"))) {
                                shedWithRetryAfter.incrementAndGet();
                                Thread.sleep(5);  // a polite client backs off
                            } else {
                                other.incrementAndGet();
                            }
                        }
                    } catch (Exception e) {
                        other.incrementAndGet();
                    }
                }));
            }
        }

        @Override
        public void close() {
            stop.set(true);
            try {
                for (Thread t : threads) {
                    t.join(10_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Polls the limit until {@code done} holds, for up to 30 s; returns the last value. */
    private static int awaitLimit(ConcurrencyLimit limit, java.util.function.IntPredicate done) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int now = limit.limit();
        while (!done.test(now) && System.nanoTime() < giveUp) {
            Thread.sleep(5);
            now = limit.limit();
        }
        return now;
    }

    @Test
    void theGradientFollowsLatencyWithinItsBounds() {
        Gradient g = new Gradient(50, 5, 100, 20);
        int limit = 50;
        for (int i = 0; i < 20; i++) {
            limit = g.update(10e6, limit);  // steady latency, busy: the limit grows
        }
        assertTrue(limit > 50, "grew while latency held: " + limit);
        int before = limit;
        for (int i = 0; i < 10; i++) {
            limit = g.update(100e6, limit);  // latency ten times the normal
        }
        int low = limit;
        assertTrue(low < before, "shrank as latency rose: " + before + " -> " + low);
        assertEquals(low, g.update(100e6, 0), "a window with few requests in flight leaves the limit alone");
        for (int i = 0; i < 100; i++) {
            limit = g.update(10e6, limit);
        }
        assertEquals(100, limit, "grew back once latency fell, up to the maximum");

        Gradient floor = new Gradient(50, 40, 100, 200);
        int l = 50;
        for (int i = 0; i < 20; i++) {
            l = floor.update(10e6, l);
        }
        for (int i = 0; i < 50; i++) {
            l = floor.update(1e9, l);
        }
        assertEquals(40, l, "never below the minimum");
    }

    @Test
    void flagValuesAreReadOrRefusedSayingWhy() {
        assertTrue(ConcurrencyLimit.parse("auto").isAdaptive());
        assertTrue(ConcurrencyLimit.parse("off").isOff());
        assertEquals(64, ConcurrencyLimit.parse("64").limit());
        for (String bad : new String[]{"0", "-3", "many", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConcurrencyLimit.parse(bad));
            assertTrue(e.getMessage().contains("is not auto, off or a number of requests"), e.getMessage());
        }
    }
}
