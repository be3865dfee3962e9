package dev.surge.web.overload;

import dev.surge.http.Rejection;
import dev.surge.http.ServerHealth;
import dev.surge.http.WireClient;
import dev.surge.web.App;
import dev.surge.web.Route;
import dev.surge.web.Served;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The memory guard: over a watermark the server sheds every new request with 503 and
 * Retry-After, closes new connections at accept, and reports itself not ready; under it again
 * (with a margin) it serves and is ready. On the way there, idle and header timeouts shrink. The end-to-end tests read memory through a seam the
 * test sets; the JVM's own reading is tested apart, with real direct buffers.
 */
class MemoryGuardTest {

    /** Memory as the test says it is. */
    private static final class SetReading implements MemoryReading {
        volatile double heap = 0.1;
        volatile double direct = 0.1;
        volatile long collections;
        volatile int asked;

        @Override
        public long collections() {
            return collections;
        }

        @Override
        public void collect() {
            asked++;
        }

        @Override
        public double heapAfterGc() {
            return heap;
        }

        @Override
        public double direct() {
            return direct;
        }
    }

    @Test
    void overAWatermarkEveryNewRequestIsShedAndTheServerIsNotReadyUntilMemoryFalls() throws Exception {
        SetReading reading = new SetReading();
        App app = App.create().memoryGuard(new MemoryGuard(0.5, 0.5, 0.4, reading))
                .get("/vt", ctx -> ctx.text("vt"))
                .get("/inline", Route.inline(ctx -> ctx.text("inline")));
        try (Served served = Served.start(app)) {
            ServerHealth health = served.server.health();
            assertEquals("vt", served.get("/vt").body());
            assertTrue(health.ready());

            reading.heap = 0.6;
            awaitTrue(() -> !health.ready(), "the server stops being ready");
            assertEquals("shedding", health.state());
            assertEquals(java.util.Optional.of("memory"), health.sheddingReason());
            for (String path : new String[]{"/vt", "/inline"}) {
                HttpResponse<String> r = served.get(path);
                assertEquals(503, r.statusCode(), path);
                assertEquals("1", r.headers().firstValue("Retry-After").orElse(null), path);
                assertTrue(r.body().contains("short of memory"), r.body());
            }
            assertEquals(2, health.rejected(Rejection.MEMORY));

            reading.heap = 0.2;
            awaitTrue(health::ready, "the server is ready again");
            assertEquals("vt", served.get("/vt").body());
            assertEquals("inline", served.get("/inline").body());

            reading.direct = 0.9;
            awaitTrue(() -> !health.ready(), "direct memory over its watermark sheds too");
            assertEquals(503, served.get("/vt").statusCode());
            reading.direct = 0.1;
            awaitTrue(health::ready, "and recovers");
            assertEquals(200, served.get("/vt").statusCode());
        }
    }

    @Test
    void whileShortOfMemoryNewConnectionsAreClosedAtAcceptAndOpenOnesAreAnswered() throws Exception {
        String get = "GET /inline HTTP/1.1\r\nHost: h\r\n\r\n";
        SetReading reading = new SetReading();
        App app = App.create().memoryGuard(new MemoryGuard(0.5, 0.5, 0.4, reading))
                .get("/inline", Route.inline(ctx -> ctx.text("inline")));
        try (Served served = Served.start(app); WireClient open = served.wire()) {
            ServerHealth health = served.server.health();
            assertEquals(200, open.send(get).read().status());
            assertFalse(health.shortOfMemory());

            reading.heap = 0.6;
            awaitTrue(() -> !health.ready(), "the server sheds");
            assertTrue(health.shortOfMemory());
            try (WireClient late = served.wire()) {
                try {
                    late.send(get);
                } catch (IOException closedAlready) {
                    // The close came before the request went out: as good as reading it.
                }
                // Throws if the server keeps the connection open (the read times out).
                assertEquals("", late.readUntilClosed(),
                        "a new connection is closed without an answer: it would only hold more memory");
            }
            assertEquals(1, health.rejected(Rejection.CONNECTION_MEMORY));
            WireClient.Response shed = open.send(get).read();
            assertEquals(503, shed.status(), "a connection opened before is answered, with 503");
            assertEquals("1", shed.header("Retry-After"));

            reading.heap = 0.2;
            awaitTrue(health::ready, "the server recovers");
            assertFalse(health.shortOfMemory());
            try (WireClient after = served.wire()) {
                assertEquals("inline", after.send(get).read().body(), "new connections are served again");
            }
            assertEquals(200, open.send(get).read().status());
            assertEquals(0, health.rejected(Rejection.CONNECTION_LIMIT));
        }
    }

    @Test
    void whileShortOfMemoryAStalledHeadIsAnswered408InATenthOfTheHeaderTimeout() throws Exception {
        SetReading reading = new SetReading();
        App app = App.create().memoryGuard(new MemoryGuard(0.5, 0.5, 0.4, reading))
                .get("/inline", Route.inline(ctx -> ctx.text("inline")));
        try (Served served = Served.start(app); WireClient slow = served.wire()) {
            // The defaults: a 10 s header timeout, judged once a second.
            slow.send("GET /inline HTTP/1.1\r\nHost: h\r\nX-Slow: ");
            reading.heap = 0.6;
            awaitTrue(() -> served.server.health().shortOfMemory(), "the server is short of memory");
            // The client gives up reading after 5 s (and this throws): the 10 s timeout would
            // come too late, the 1 s one it is cut to comes within about 2 s.
            String answer = slow.readUntilClosed();
            assertTrue(answer.startsWith("HTTP/1.1 408 "), answer);
            assertEquals(1, served.server.health().rejected(Rejection.HEADER_TIMEOUT));
        }
    }

    @Test
    void asMemoryRunsShortAStalledHeadIsAnswered408SoonerWhileRequestsAreStillServed() throws Exception {
        SetReading reading = new SetReading();
        App app = App.create().memoryGuard(new MemoryGuard(0.9, 0.9, 0.5, reading))
                .get("/inline", Route.inline(ctx -> ctx.text("inline")));
        try (Served served = Served.start(app); WireClient slow = served.wire(); WireClient good = served.wire()) {
            ServerHealth health = served.server.health();
            slow.send("GET /inline HTTP/1.1\r\nHost: h\r\nX-Slow: ");
            assertEquals(1.0, health.timeoutShare());
            // 39 of the 40 points between the watermarks: the 10 s header timeout is cut to 1.2 s.
            reading.heap = 0.89;
            awaitTrue(() -> health.timeoutShare() < 0.2, "the timeouts are cut");
            assertTrue(health.ready(), "under the shed watermark the server is still ready");
            assertFalse(health.shortOfMemory());
            assertEquals(200, good.send("GET /inline HTTP/1.1\r\nHost: h\r\n\r\n").read().status());
            // The client gives up reading after 5 s (and this throws): the uncut 10 s timeout would
            // come too late.
            String answer = slow.readUntilClosed();
            assertTrue(answer.startsWith("HTTP/1.1 408 "), answer);
            assertEquals(0, health.rejected(Rejection.MEMORY));

            reading.heap = 0.3;
            awaitTrue(() -> health.timeoutShare() == 1.0, "the timeouts are whole again");
            for (double bad : new double[]{0, -0.5, 1.5, Double.NaN}) {
                assertThrows(IllegalArgumentException.class, () -> health.timeoutShare(bad), "share " + bad);
            }
        }
    }

    @Test
    void timeoutsShrinkFromTheCutWatermarkToATenthAtTheShedWatermark() {
        SetReading reading = new SetReading();
        MemoryGuard guard = new MemoryGuard(0.9, 0.6, 0.5, reading);
        assertEquals(1.0, shareAt(guard, reading, 0.1));
        assertEquals(1.0, shareAt(guard, reading, 0.5), "whole at the cut watermark");
        assertEquals(0.55, shareAt(guard, reading, 0.7), 1e-9, "halfway between the watermarks, 55 %");
        reading.direct = 0.58;
        assertEquals(0.28, shareAt(guard, reading, 0.7), 1e-9, "the memory nearer its watermark decides");
        reading.direct = 0.1;
        assertEquals(0.1, shareAt(guard, reading, 0.9), 1e-9, "a tenth at the shed watermark");
        assertTrue(guard.shedding());
        assertEquals(0.1, shareAt(guard, reading, 0.87), 1e-9, "and while shedding");
        assertTrue(guard.shedding());
        assertEquals(0.235, shareAt(guard, reading, 0.84), 1e-9, "back on the line once shedding stops");
        assertFalse(guard.shedding());

        MemoryGuard never = guard.cuttingTimeoutsFrom(0);
        assertEquals(1.0, shareAt(never, reading, 0.95), "0: never cut, not even while shedding");
        assertTrue(never.shedding());
        MemoryGuard late = guard.cuttingTimeoutsFrom(0.95);
        assertEquals(1.0, shareAt(late, reading, 0.89), "a cut watermark over the shed one cuts nothing before it");
        assertEquals(0.1, shareAt(late, reading, 0.9), 1e-9, "and all at once there");
    }

    @Test
    void sheddingOnAReadingNoCollectionRefreshedAsksForOneAtMostEveryFiveSeconds() {
        SetReading reading = new SetReading();
        MemoryGuard guard = new MemoryGuard(0.5, 0.5, 0.4, reading);
        long s = 1_000_000_000L;
        long t = 1000 * s;
        for (int i = 0; i <= 20; i++) {
            guard.check(t + i * s / 2);
        }
        assertEquals(0, reading.asked, "not shedding: the reading's age does not matter");
        t += 10 * s;
        reading.collections = 3; // one ran just now
        reading.heap = 0.6;
        assertTrue(guard.check(t), "sheds");
        guard.check(t + 4 * s);
        assertEquals(0, reading.asked, "4 s without a collection");
        guard.check(t + 5 * s);
        assertEquals(1, reading.asked, "5 s: one is asked for");
        guard.check(t + 9 * s);
        assertEquals(1, reading.asked, "not again within 5 s");
        reading.collections = 7; // one ran
        guard.check(t + 10 * s);
        guard.check(t + 14 * s);
        assertEquals(1, reading.asked, "a collection that ran starts the wait again");
        guard.check(t + 15 * s);
        assertEquals(2, reading.asked);
    }

    /** The timeouts' share once {@code guard} has read the heap at {@code heap}. */
    private static double shareAt(MemoryGuard guard, SetReading reading, double heap) {
        reading.heap = heap;
        guard.check();
        return guard.timeoutShare();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean() && System.nanoTime() < giveUp) {
            Thread.sleep(10);
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    @Test
    void itRecoversOnlyALittleUnderTheWatermark() {
        SetReading reading = new SetReading();
        MemoryGuard guard = new MemoryGuard(0.9, 0.5, 0.8, reading);
        reading.heap = 0.89;
        assertFalse(guard.check());
        reading.heap = 0.9;
        assertTrue(guard.check(), "starts at the watermark");
        assertTrue(guard.shedding());
        reading.heap = 0.86;
        assertFalse(guard.check(), "still within 5 points of it");
        assertTrue(guard.shedding());
        reading.heap = 0.84;
        assertTrue(guard.check(), "stops 5 points under it");
        assertFalse(guard.shedding());

        reading.direct = 0.5;
        assertTrue(guard.check());
        reading.direct = 0.46;
        assertFalse(guard.check());
        reading.direct = 0.44;
        assertTrue(guard.check());
        assertFalse(guard.shedding());
    }

    @Test
    void anUnknownReadingOrAWatermarkOfZeroNeverSheds() {
        SetReading reading = new SetReading();
        reading.heap = Double.NaN;
        reading.direct = 1.0;
        MemoryGuard guard = new MemoryGuard(0.5, 0, 0.4, reading);
        assertFalse(guard.check());
        assertFalse(guard.shedding());
        assertTrue(MemoryGuard.off().isOff());
    }

    @Test
    void watermarksOutOfRangeAreRefusedSayingWhy() {
        for (double bad : new double[]{-0.1, 0.001, 1.5}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MemoryGuard.shedAt(bad, 0.9));
            assertTrue(e.getMessage().contains("must be from 1% to 100% (0 turns it off)"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> MemoryGuard.defaults().cuttingTimeoutsFrom(bad));
            assertTrue(e.getMessage().contains("timeout-cutting watermark must be from 1% to 100%"), e.getMessage());
        }
    }

    @Test
    void theJvmsReadingSeesDirectBuffersComeAndGo() {
        MemoryReading jvm = MemoryReading.JVM;
        double heap = jvm.heapAfterGc();
        assertTrue(heap >= 0 && heap <= 1, "heap after GC is a share of the maximum: " + heap);
        double before = jvm.direct();
        int size = 64 << 20;
        ByteBuf buffer = UnpooledByteBufAllocator.DEFAULT.directBuffer(size, size);
        double held;
        try {
            held = jvm.direct();
        } finally {
            buffer.release();
        }
        double after = jvm.direct();
        double share = (double) size / io.netty.util.internal.PlatformDependent.maxDirectMemory();
        assertTrue(held - before >= share * 0.99, "64 MiB more in use: " + before + " -> " + held);
        assertTrue(held - after >= share * 0.99, "and freed: " + held + " -> " + after);
    }
}
