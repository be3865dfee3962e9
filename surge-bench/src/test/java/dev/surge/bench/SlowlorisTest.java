package dev.surge.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The slowloris client against a server that, of the connections in the order it accepts them,
 * answers the first with 408 and closes it, closes the second unanswered (each with a FIN, reading
 * on until the client closes), and reads the rest until the client goes: the client replaces both, counts what happened to each, and trickles
 * a head that never ends on the others.
 */
class SlowlorisTest {

    /** Accepts connections on virtual threads; what each receives is kept. */
    private static final class Target implements AutoCloseable {
        final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final AtomicInteger accepted = new AtomicInteger();
        final List<StringBuffer> received = new CopyOnWriteArrayList<>();
        final List<Socket> sockets = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new CopyOnWriteArrayList<>();

        Target() throws IOException {
            threads.add(Thread.ofVirtual().start(this::accept));
        }

        private void accept() {
            try {
                while (true) {
                    Socket s = listener.accept();
                    sockets.add(s);
                    int n = accepted.getAndIncrement();
                    StringBuffer got = new StringBuffer();
                    received.add(got);
                    threads.add(Thread.ofVirtual().start(() -> serve(s, n, got)));
                }
            } catch (IOException closed) {
                // the listener was closed
            }
        }

        private void serve(Socket s, int n, StringBuffer got) {
            try (s; InputStream in = s.getInputStream()) {
                byte[] buf = new byte[1024];
                int r;
                while ((r = in.read(buf)) > 0) {
                    got.append(new String(buf, 0, r, StandardCharsets.ISO_8859_1));
                    if ((n == 0 || n == 1) && !s.isOutputShutdown()) {
                        if (n == 0) {
                            s.getOutputStream().write("HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
                                    .getBytes(StandardCharsets.US_ASCII));
                        }
                        // A FIN, then whatever still comes is read and dropped until the client closes: a close
                        // with bytes unread would be a reset instead.
                        s.shutdownOutput();
                    }
                }
            } catch (IOException e) {
                // the client reset it at the end
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            for (Socket s : sockets) {
                s.close();
            }
            try {
                for (Thread t : threads) {
                    t.join();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void holdsConnectionsReplacesClosedOnesAndCountsWhatTheServerDid(@TempDir Path dir) throws Exception {
        Path status = dir.resolve("status.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        String summary;
        try (Target target = new Target()) {
            String url = "http://127.0.0.1:" + target.listener.getLocalPort() + "/slow";
            code = Slowloris.commandLine(new Slowloris(new PrintStream(out, true, StandardCharsets.UTF_8))).execute(
                    "--url", url, "--connections", "3", "--rate", "1000", "--interval", "0.02", "--duration", "2",
                    "--status", status.toString());
            summary = out.toString(StandardCharsets.UTF_8);
            assertEquals(5, target.accepted.get(), "three connections, and one each in place of the two closed: " + summary);
            String held = target.received.get(2).toString();
            assertTrue(held.startsWith("GET /slow HTTP/1.1\r\nHost: 127.0.0.1:" + target.listener.getLocalPort()
                    + "\r\nX-Slowloris: a"), held);
            assertTrue(!held.contains("\r\n\r\n"), "the head never ends");
        }
        assertEquals(0, code);
        for (String field : new String[] {"\"opened\": 5", "\"open\": 3", "\"peak_open\": 3", "\"closed_by_server\": 2",
            "\"answers_408\": 1", "\"answers\": {\"408\": 1}", "\"connect_failures\": 0", "\"resets\": 0"}) {
            assertTrue(summary.contains(field), field + " in " + summary);
        }
        assertTrue(Files.readString(status).contains("\"open\": 3"), "the status file: " + Files.readString(status));
    }

    @Test
    void refusedConnectionsAreCounted() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Slowloris.commandLine(new Slowloris(new PrintStream(out, true, StandardCharsets.UTF_8))).execute(
                "--url", "http://127.0.0.1:" + port + "/", "--connections", "2", "--rate", "20", "--duration", "1");
        String summary = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code);
        assertTrue(summary.contains("\"opened\": 0") && !summary.contains("\"connect_failures\": 0,"), summary);
    }

    @Test
    void readsTheStatusOfAnAnswer() {
        assertEquals(408, SlowlorisAttack.status(ByteBuffer.wrap("HTTP/1.1 408 Request Timeout\r\n".getBytes(StandardCharsets.US_ASCII))));
        assertEquals(0, SlowlorisAttack.status(ByteBuffer.wrap("garbage that is long".getBytes(StandardCharsets.US_ASCII))));
        assertEquals(0, SlowlorisAttack.status(ByteBuffer.wrap("HTTP/1.1".getBytes(StandardCharsets.US_ASCII))));
    }
}
