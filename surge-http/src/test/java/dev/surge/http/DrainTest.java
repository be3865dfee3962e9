package dev.surge.http;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Graceful shutdown: requests in progress are answered, with Connection: close, and none is lost. */
class DrainTest {
    private static final String GET = "GET /fast HTTP/1.1\r\nHost: h\r\n\r\n";

    /** Released as each /slow handler starts, and as each answers: what the tests wait for instead of sleeping. */
    private static final Semaphore STARTED = new Semaphore(0);
    private static final Semaphore ANSWERED = new Semaphore(0);

    /** /slow/N answers after N ms on a virtual thread; anything else at once, on the loop. */
    private static final RequestHandler HANDLER = (req, res) -> {
        if (!req.path().startsWith("/slow/")) {
            res.text("fast");
            return;
        }
        long millis = Long.parseLong(req.path().substring(6));
        AsyncResponse later = res.defer();
        Thread thread = Thread.ofVirtual().unstarted(() -> {
            STARTED.release();
            try {
                Thread.sleep(millis);
                later.text("slept " + millis);
                ANSWERED.release();
            } catch (InterruptedException e) {
                later.abort();
            }
        });
        later.onAbort(thread::interrupt);
        later.start(thread);
    };

    @BeforeEach
    void forget() {
        STARTED.drainPermits();
        ANSWERED.drainPermits();
    }

    /** Waits until {@code n} more /slow handlers have started (or answered). */
    private static void await(Semaphore events, int n) throws InterruptedException {
        assertTrue(events.tryAcquire(n, 10, TimeUnit.SECONDS), "waited 10 s for " + n + " handler events");
    }

    private static Server start() {
        return Server.start(ServerOptions.defaults().withPort(0).withEventLoops(1)
                .withConnections(ConnectionLimits.DEFAULT.withMaxConnections(1000)), HANDLER);
    }

    @Test
    void stopAnswersWhatIsInProgressClosesIdleConnectionsAndRefusesNewOnes() throws Exception {
        Server server = start();
        int port = server.port();
        try (WireClient busy = new WireClient(port); WireClient idle = new WireClient(port)) {
            assertEquals("fast", idle.send(GET).read().body());
            assertTrue(server.health().ready());
            busy.send("GET /slow/600 HTTP/1.1\r\nHost: h\r\n\r\n");
            await(STARTED, 1);
            CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(() -> server.stop(Duration.ofSeconds(10)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!server.health().draining() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertFalse(server.health().ready());
            assertEquals("draining", server.health().state());
            assertEquals("", idle.readUntilClosed(), "the idle connection is closed");
            var answer = busy.read();
            assertEquals("slept 600", answer.body());
            assertEquals("close", answer.header("Connection"));
            assertEquals("", busy.readUntilClosed());
            assertTrue(stopped.get(10, TimeUnit.SECONDS), "everything finished within the grace period");
            assertThrows(ConnectException.class, () -> new WireClient(port).close(), "no longer accepting");
        }
    }

    @Test
    void aRequestArrivingOnAKeepAliveConnectionWhileDrainingIsAnsweredWithClose() throws Exception {
        Server server = start();
        try (WireClient c = new WireClient(server.port()); WireClient holder = new WireClient(server.port())) {
            assertEquals("fast", c.send(GET).read().body());
            holder.send("GET /slow/1000 HTTP/1.1\r\nHost: h\r\n\r\n");  // keeps the drain going
            await(STARTED, 1);
            CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(() -> server.stop(Duration.ofSeconds(10)));
            while (!server.health().draining()) {
                Thread.sleep(1);
            }
            // Within the quarter second a draining server waits on an idle connection.
            var r = c.send(GET).read();
            assertEquals("fast", r.body());
            assertEquals("close", r.header("Connection"));
            assertEquals("slept 1000", holder.read().body());
            assertTrue(stopped.get(10, TimeUnit.SECONDS));
        }
    }

    /**
     * Two pipelined requests in their handlers when the drain begins, the second answered
     * first: the first's answer must not close the connection ahead of the second's.
     */
    @Test
    void pipelinedRequestsInProgressWhenTheDrainBeginsAreAllAnswered() throws Exception {
        Server server = start();
        try (WireClient c = new WireClient(server.port())) {
            c.send("GET /slow/600 HTTP/1.1\r\nHost: h\r\n\r\nGET /slow/100 HTTP/1.1\r\nHost: h\r\n\r\n");
            await(STARTED, 2);
            await(ANSWERED, 1);  // the second has answered, queued behind the first
            CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(() -> server.stop(Duration.ofSeconds(10)));
            var first = c.read();
            assertEquals("slept 600", first.body());
            assertEquals(null, first.header("Connection"), "not the connection's last response");
            assertEquals("slept 100", c.read().body());
            assertEquals("", c.readUntilClosed(), "then the connection closes");
            assertTrue(stopped.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void whatOutlastsTheGracePeriodIsClosedAndItsHandlerInterrupted() throws Exception {
        Server server = start();
        try (WireClient c = new WireClient(server.port())) {
            c.send("GET /slow/60000 HTTP/1.1\r\nHost: h\r\n\r\n");
            await(STARTED, 1);
            long started = System.nanoTime();
            assertFalse(server.stop(Duration.ofMillis(300)), "the grace period ran out");
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(20));
            assertEquals("", c.readUntilClosed());
        }
    }

    /**
     * Eight clients in a closed loop, keep-alive, on fast and slow routes; the server stops
     * in the middle. Every request that was sent is answered: a client whose answer said
     * Connection: close reconnects, and only its new connection may be refused.
     */
    @Test
    void underLoadNoRequestThatWasSentIsLost() throws Exception {
        Server server = start();
        int port = server.port();
        AtomicLong answered = new AtomicLong();
        AtomicLong answeredWhileDraining = new AtomicLong();
        AtomicInteger lost = new AtomicInteger();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean refused = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(8);
        for (int i = 0; i < 8; i++) {
            String path = i % 2 == 0 ? "/fast" : "/slow/" + (5 + i);
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (true) {
                        WireClient c;
                        try {
                            c = new WireClient(port);
                        } catch (ConnectException e) {
                            refused.set(true);
                            return;  // refused new connection: allowed
                        }
                        try (c) {
                            while (true) {
                                c.send("GET " + path + " HTTP/1.1\r\nHost: h\r\n\r\n");
                                WireClient.Response r;
                                try {
                                    r = c.read();
                                } catch (IOException e) {
                                    lost.incrementAndGet();
                                    failures.add(path + ": " + e);
                                    return;
                                }
                                answered.incrementAndGet();
                                if (server.health().draining()) {
                                    answeredWhileDraining.incrementAndGet();
                                }
                                if ("close".equals(r.header("Connection"))) {
                                    break;
                                }
                            }
                        }
                    }
                } catch (IOException e) {
                    failures.add(path + " (sending): " + e);
                } finally {
                    done.countDown();
                }
            });
        }
        Thread.sleep(500);
        assertTrue(server.stop(Duration.ofSeconds(10)));
        assertTrue(done.await(20, TimeUnit.SECONDS));
        assertEquals(List.of(), failures);
        assertEquals(0, lost.get());
        assertTrue(refused.get(), "the clients ended by being refused");
        assertTrue(answered.get() > 100, "answered " + answered.get());
    }
}
