package dev.surge.junit;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A raw HTTP server for wire tests of clients (surge-client, surge-load), one virtual thread per connection, that answers the n-th
 * request (counted over all connections) with whatever its script says: bytes to write,
 * {@link #RESET} to reset the connection, {@link #CLOSE} to close it unanswered, or
 * {@link #HOLD} to never answer. Requests must have
 * no body; each ends at its blank line.
 */
public final class ScriptedServer implements AutoCloseable {
    public static final byte[] RESET = new byte[0];
    public static final byte[] HOLD = new byte[0];
    public static final byte[] CLOSE = new byte[0];

    private final ServerSocket listener;
    private final IntFunction<byte[]> script;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    public final AtomicInteger connections = new AtomicInteger();
    public final AtomicInteger requests = new AtomicInteger();

    public ScriptedServer(IntFunction<byte[]> script) throws IOException {
        this.script = script;
        this.listener = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        threads.add(Thread.ofVirtual().name("scripted-accept").start(this::accept));
    }

    public static byte[] response(int status, String body, String... headers) {
        StringBuilder s = new StringBuilder("HTTP/1.1 ").append(status).append(" X\r\n");
        for (String h : headers) {
            s.append(h).append("\r\n");
        }
        s.append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body);
        return s.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        try {
            while (true) {
                Socket s = listener.accept();
                connections.incrementAndGet();
                sockets.add(s);
                threads.add(Thread.ofVirtual().name("scripted-conn").start(() -> serve(s)));
            }
        } catch (IOException closed) {
            // the listener was closed
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream()) {
            int matched = 0;
            boolean holding = false;
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                            ? matched + 1 : (b == '\r' ? 1 : 0);
                    if (matched == 4) {
                        matched = 0;
                        byte[] answer = script.apply(requests.getAndIncrement());
                        if (answer == RESET) {
                            s.setSoLinger(true, 0);
                            return;
                        }
                        if (answer == CLOSE) {
                            return;
                        }
                        holding |= answer == HOLD;
                        if (!holding) {
                            s.getOutputStream().write(answer);
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : sockets) {
            s.close();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
