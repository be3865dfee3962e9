package dev.surge.http;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The defences against slow and greedy clients, each attacked on a real socket: a head sent
 * a byte at a time, a body that trickles, a client that never reads, too many connections,
 * an idle connection, a deep pipeline. Timeouts here are short; the assertions are on what
 * happens, not on how fast.
 */
class SlowClientTest {
    private static final String GET = "GET /x HTTP/1.1\r\nHost: h\r\n\r\n";

    private static Server start(ConnectionLimits limits, RequestHandler handler) {
        return Server.start(ServerOptions.defaults().withPort(0).withEventLoops(1).withConnections(limits), handler);
    }

    private static ConnectionLimits limits() {
        return ConnectionLimits.DEFAULT.withMaxConnections(1000);
    }

    private static final RequestHandler HELLO = (req, res) -> res.text("hello");

    @Test
    void aHeadSentAByteAtATimeGets408AndLosesItsConnection() throws Exception {
        try (Server server = start(limits().withHeaderTimeout(Duration.ofMillis(300)), HELLO);
             WireClient slow = new WireClient(server.port());
             WireClient good = new WireClient(server.port())) {
            byte[] head = "GET /slow HTTP/1.1\r\nHost: h\r\nX-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".getBytes(StandardCharsets.ISO_8859_1);
            long started = System.nanoTime();
            String answer = "";
            for (int i = 0; i < head.length; i++) {
                try {
                    slow.send(new String(head, i, 1, StandardCharsets.ISO_8859_1));
                } catch (IOException closed) {
                    break;
                }
                Thread.sleep(50);
                // Meanwhile a normal client is served.
                assertEquals("hello", good.send(GET).read().body());
                if (System.nanoTime() - started > TimeUnit.SECONDS.toNanos(1)) {
                    break;  // well past the timeout: stop trickling and look at the answer
                }
            }
            answer = slow.readUntilClosed();
            assertTrue(answer.startsWith("HTTP/1.1 408 "), answer);
            assertTrue(answer.contains("Connection: close"), answer);
            assertTrue(answer.contains("the request head did not arrive in time"), answer);
            assertEquals(1, server.health().rejected(Rejection.HEADER_TIMEOUT));
        }
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheHeaderTimeout() throws Exception {
        try (Server server = start(limits().withHeaderTimeout(Duration.ofMillis(300)), HELLO);
             WireClient silent = new WireClient(server.port())) {
            assertEquals("", silent.readUntilClosed());
            assertEquals(1, server.health().rejected(Rejection.HEADER_TIMEOUT));
        }
    }

    @Test
    void aBodyThatTricklesGets408() throws Exception {
        var limits = limits().withHeaderTimeout(Duration.ofMillis(200)).withMinBodyRate(1000);
        try (Server server = start(limits, (req, res) -> res.text("got " + req.body().length));
             WireClient c = new WireClient(server.port())) {
            c.send("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 100000\r\n\r\n");
            String answer = "";
            for (int i = 0; i < 40; i++) {  // 10 bytes every 50 ms: 200 B/s, under the 1000 asked
                try {
                    c.send("0123456789");
                } catch (IOException closed) {
                    break;
                }
                Thread.sleep(50);
            }
            answer = c.readUntilClosed();
            assertTrue(answer.startsWith("HTTP/1.1 408 "), answer);
            assertTrue(answer.contains("the request body arrived too slowly"), answer);
            assertEquals(1, server.health().rejected(Rejection.BODY_TOO_SLOW));
        }
    }

    @Test
    void theBodyThatCameWithItsHeadCountsTowardTheMinimumRate() throws Exception {
        // Most of the body in the head's packet, then a pause: 3,000 bytes in about a second
        // is three times the rate asked, though nothing more came after the head.
        var limits = limits().withHeaderTimeout(Duration.ofMillis(200)).withMinBodyRate(1000);
        try (Server server = start(limits, (req, res) -> res.text("got " + req.body().length));
             WireClient c = new WireClient(server.port())) {
            c.send("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 4000\r\n\r\n" + "x".repeat(3000));
            Thread.sleep(1000);
            var r = c.send("y".repeat(1000)).read();
            assertEquals("got 4000", r.body());
            assertEquals(0, server.health().rejected(Rejection.BODY_TOO_SLOW));
        }
    }

    @Test
    void aClientThatNeverReadsStopsBeingServedAndIsClosed() throws Exception {
        AtomicInteger handled = new AtomicInteger();
        byte[] big = new byte[256 * 1024];
        var limits = limits().withWriteHighWater(64 * 1024).withWriteTimeout(Duration.ofMillis(400));
        try (Server server = start(limits, (req, res) -> {
            handled.incrementAndGet();
            res.send(ContentType.OCTET_STREAM, big);
        })) {
            try (Socket s = new Socket()) {
                s.setReceiveBufferSize(4096);
                s.connect(new InetSocketAddress("127.0.0.1", server.port()));
                OutputStream out = s.getOutputStream();
                // 2,000 pipelined requests for 256 KiB each: 500 MiB if all were answered.
                out.write(GET.repeat(2000).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (server.health().rejected(Rejection.WRITE_TIMEOUT) == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(1, server.health().rejected(Rejection.WRITE_TIMEOUT));
                // Socket buffers on loopback hold a few MiB at most; the rest was never handled.
                assertTrue(handled.get() < 100, "handled " + handled.get() + " requests for a client that read nothing");
            }
            // And the server serves others as before.
            try (WireClient c = new WireClient(server.port())) {
                assertEquals(big.length, c.send(GET).read().body().length());
            }
        }
    }

    @Test
    void aClientThatReadsSlowlyButSteadilyKeepsItsConnection() throws Exception {
        // The socket's send buffer (MiBs on loopback) empties at the client's pace, and the
        // channel may write again only once a third of it is free: seconds apart at 256 KB/s,
        // more than the write timeout here. The kernel sends each time the client's window
        // opens (every rcvbuf/16 or so read, about 1.5 s here): that is progress.
        byte[] big = new byte[16 * 1024 * 1024];
        var limits = limits().withWriteTimeout(Duration.ofSeconds(3));
        try (Server server = start(limits, (req, res) -> res.send(ContentType.OCTET_STREAM, big));
             Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.port()));
            s.getOutputStream().write(GET.getBytes(StandardCharsets.ISO_8859_1));
            var in = s.getInputStream();
            byte[] chunk = new byte[4096];
            long total = 0;
            long slowUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            while (System.nanoTime() < slowUntil) {  // 4 KiB every 16 ms: 256 KB/s, for 8 s
                int n = in.read(chunk);
                assertTrue(n > 0, "closed after " + total + " bytes, read slowly but steadily");
                total += n;
                Thread.sleep(16);
            }
            for (int n; total < big.length && (n = in.read(chunk)) > 0; ) {
                total += n;
            }
            assertTrue(total >= big.length, "the whole response came: " + total + " bytes");
            assertEquals(0, server.health().rejected(Rejection.WRITE_TIMEOUT));
        }
    }

    @Test
    void aClientThatAsksForTheCloseAndNeverReadsIsClosedByTheWriteTimeout() throws Exception {
        // The last response before a close is written as the connection closes: the write
        // timeout still holds there, or a client could keep the connection (and the response's
        // memory) forever by asking for the close and reading nothing.
        byte[] big = new byte[8 * 1024 * 1024];
        var limits = limits().withWriteTimeout(Duration.ofMillis(400));
        CountDownLatch answered = new CountDownLatch(1);
        try (Server server = start(limits, (req, res) -> {
                res.send(ContentType.OCTET_STREAM, big);
                answered.countDown();
             });
             Socket s = new Socket()) {
            s.setReceiveBufferSize(4096);
            s.connect(new InetSocketAddress("127.0.0.1", server.port()));
            s.getOutputStream().write("GET /x HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertTrue(answered.await(10, TimeUnit.SECONDS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (server.openConnections() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(0, server.openConnections(), "the connection of a client that reads nothing is still open");
            assertEquals(1, server.health().rejected(Rejection.WRITE_TIMEOUT));
        }
    }

    @Test
    void aClientThatKeepsTheConnectionAfterTheLastResponseIsClosedWhenTheLingerIsOver() throws Exception {
        // After its last response the server shuts its output and lingers, so that the client
        // reads that response whole; a client that never closes is closed when the linger is
        // over (ConnectionLife.LINGER_MILLIS, judged by the loop's sweep, once a second here).
        try (Server server = start(limits(), HELLO);
             WireClient c = new WireClient(server.port())) {
            var r = c.send("GET /x HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n").read();
            assertEquals("hello", r.body());
            assertEquals("", c.readUntilClosed(), "the output is shut after the last response");
            long shut = System.nanoTime();
            assertEquals(1, server.openConnections(), "the connection lingers");
            long deadline = shut + TimeUnit.SECONDS.toNanos(10);
            while (server.openConnections() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - shut);
            assertEquals(0, server.openConnections(), "the connection outlived its linger: " + millis + " ms");
            // How long it lingers is ConnectionLifeTest's to check, with a clock of its own.
        }
    }

    @Test
    @SuppressWarnings("try")  // closes a resource of the try early, on purpose
    void connectionsBeyondTheLimitAreClosedAtOnceAndTheOthersKeepWorking() throws Exception {
        try (Server server = start(limits().withMaxConnections(2), HELLO);
             WireClient a = new WireClient(server.port());
             WireClient b = new WireClient(server.port())) {
            assertEquals("hello", a.send(GET).read().body());
            assertEquals("hello", b.send(GET).read().body());
            try (WireClient c = new WireClient(server.port())) {
                try {
                    c.send(GET);
                } catch (IOException closedAlready) {
                    // The close came before the request went out: as good as reading it.
                }
                // Throws if the server keeps the connection open (the read times out).
                assertEquals("", c.readUntilClosed(), "a third connection must be closed without an answer");
            }
            assertEquals(1, server.health().rejected(Rejection.CONNECTION_LIMIT));
            assertEquals("hello", a.send(GET).read().body());
            assertEquals("hello", b.send(GET).read().body());
            assertEquals(2, server.openConnections());
            b.close();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (server.openConnections() > 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            try (WireClient d = new WireClient(server.port())) {
                assertEquals("hello", d.send(GET).read().body(), "room again once one closed");
            }
        }
    }

    @Test
    @SuppressWarnings("try")  // closes a resource of the try early, on purpose
    void anIdleKeepAliveConnectionIsClosed() throws Exception {
        try (Server server = start(limits().withIdleTimeout(Duration.ofMillis(300)), HELLO);
             WireClient c = new WireClient(server.port())) {
            assertEquals("hello", c.send(GET).read().body());
            assertEquals("", c.readUntilClosed(), "closed by the server");  // when: SlowClientCheckTest's
            c.close();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (server.openConnections() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(0, server.openConnections());
        }
    }

    @Test
    void aDeepPipelineIsParsedOnlyAsFarAsTheCap() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        RequestHandler slow = (req, res) -> {
            started.incrementAndGet();
            AsyncResponse later = res.defer();
            String target = req.target();
            later.start(Thread.ofVirtual().unstarted(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                later.text(target);
            }));
        };
        try (Server server = start(limits().withMaxPipelined(3), slow);
             WireClient c = new WireClient(server.port())) {
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                batch.append("GET /p").append(i).append(" HTTP/1.1\r\nHost: h\r\n\r\n");
            }
            c.send(batch.toString());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (started.get() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(200);
            assertEquals(3, started.get(), "requests handled while three responses wait");
            release.countDown();
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                bodies.add(c.read().body());
            }
            assertEquals(List.of("/p0", "/p1", "/p2", "/p3", "/p4", "/p5", "/p6", "/p7", "/p8", "/p9"), bodies);
        }
    }

    @Test
    void limitsRefuseImpossibleValues() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> limits().withMaxConnections(0));
        assertTrue(e.getMessage().contains("max connections must be at least 1"), e.getMessage());
        assertThrowsSaying("header timeout must be 0 (off) or more", () -> limits().withHeaderTimeout(Duration.ofSeconds(-1)));
        assertThrowsSaying("max pipelined must be 1-1024", () -> limits().withMaxPipelined(0));
        assertThrowsSaying("high-water mark must be at least 1 KiB", () -> limits().withWriteHighWater(10));
    }

    private static void assertThrowsSaying(String words, Runnable r) {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(words), e.getMessage());
    }
}
