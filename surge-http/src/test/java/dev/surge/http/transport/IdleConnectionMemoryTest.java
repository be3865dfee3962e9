package dev.surge.http.transport;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.surge.http.ContentType;
import dev.surge.http.Server;
import dev.surge.http.ServerOptions;
import dev.surge.http.Transport;
import dev.surge.junit.LiveHeap;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What one idle keep-alive connection holds on the heap once it has served a request: the
 * live heap after a full collection, as {@code bench flood} measures a server's (here by the
 * class histogram, {@link LiveHeap}), with 2,000 such connections open, per connection. A
 * guard: the budgets sit a little above today's figures, so that what a connection keeps
 * cannot grow unseen; work that makes it smaller should lower them.
 * <p>
 * The clients are raw java.nio sockets in this JVM. What they hold is measured alone (2,000 of
 * them connected to a listener that accepts and closes each connection at once), and taken away
 * class by class. A round measures the connections open against the heap once they
 * have closed and their channels are collected, so that what outlives them (the group's table
 * of connections, sized for 2,000) is not counted as theirs. The first round warms up; the
 * smaller of the two after it counts. The server runs at the leak-detection level servers run
 * at (simple): at the tests' paranoid level, every buffer's leak records would count as well.
 */
class IdleConnectionMemoryTest {
    /** Today (epoll, JDK 25, compressed references): 64.1 objects and 2,928 bytes per connection. */
    private static final int MAX_OBJECTS = 66;
    private static final int MAX_BYTES = 3_050;
    /** Two sockets each, clients and the server's: 4,000 of the 20,000 files a process may open. */
    private static final int CONNECTIONS = 2_000;
    private static final int ROUNDS = 2;
    private static final byte[] REQUEST = "GET /idle HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_OF_RESPONSE = "\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);

    @Test
    void anIdleConnectionHoldsAtMost66ObjectsAnd3050Bytes() throws Exception {
        assumeTrue(Epoll.isAvailable(), "the budget is the epoll transport's");
        assumeTrue(compressedOops(), "the budget is measured with compressed references (heaps under 32 GB)");
        ResourceLeakDetector.Level testLevel = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
        try (Server server = Server.start(ServerOptions.defaults().withPort(0).withEventLoops(1)
                .withTransport(Transport.EPOLL), (req, res) -> res.send(ContentType.TEXT_PLAIN, "ok"))) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
            // A first round warms up, and does not count: what it makes for good is in the heap
            // after it, not with its connections open, and would be taken off theirs. The first
            // reset a client sends fills Netty's table of error strings (2,048, one a connection
            // here); other first uses have moved it by up to 2 objects, or 70 bytes, a connection.
            idleConnections(server, address);
            LiveHeap clients = clientsAlone();
            LiveHeap least = null;
            for (int round = 1; round <= ROUNDS; round++) {
                LiveHeap held = idleConnections(server, address).minus(clients);
                System.out.println("idle connection, round " + round + ": " + held.describe(CONNECTIONS, "connection", 8));
                least = least == null || held.bytes() < least.bytes() ? held : least;
            }
            double objects = (double) least.objects() / CONNECTIONS;
            double bytes = (double) least.bytes() / CONNECTIONS;
            String measured = least.describe(CONNECTIONS, "idle connection", 12);
            assertTrue(objects <= MAX_OBJECTS, "over the budget of " + MAX_OBJECTS + " objects: " + measured);
            assertTrue(bytes <= MAX_BYTES, "over the budget of " + MAX_BYTES + " bytes: " + measured);
        } finally {
            ResourceLeakDetector.setLevel(testLevel);
        }
    }

    /**
     * The heap the connections hold, clients included, once each has served a request: with
     * them open, against the heap once they have closed.
     */
    private static LiveHeap idleConnections(Server server, InetSocketAddress address) throws Exception {
        LiveHeap open = servedOneEach(address, CONNECTIONS);
        return open.minus(afterTheyClosed(server, channels(open) - CONNECTIONS));
    }

    /** Opens {@code n} connections, sends one request on each and reads its answer; the heap then. */
    private static LiveHeap servedOneEach(InetSocketAddress address, int n) throws IOException {
        List<SocketChannel> clients = connect(address, n, null);
        try {
            for (SocketChannel client : clients) {
                ByteBuffer request = ByteBuffer.wrap(REQUEST);
                while (request.hasRemaining()) {
                    client.write(request);
                }
            }
            ByteBuffer answer = ByteBuffer.allocate(1024);
            for (SocketChannel client : clients) {
                answer.clear();
                while (!endsTheResponse(answer)) {
                    if (client.read(answer) < 0) {
                        throw new IOException("the server closed a connection before answering");
                    }
                }
            }
            return LiveHeap.now();
        } finally {
            close(clients);
        }
    }

    /**
     * The heap once every connection of the server has closed and no more than {@code channels}
     * of Netty's connection channels are left: those of other tests in this JVM.
     */
    private static LiveHeap afterTheyClosed(Server server, long channels) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            LiveHeap heap = LiveHeap.now();
            if (server.openConnections() == 0 && channels(heap) <= channels) {
                return heap;
            }
            assertTrue(System.nanoTime() < deadline, server.openConnections() + " connections open and "
                    + (channels(heap) - channels) + " more channels than before them left after 10 s");
            Thread.sleep(20);
        }
    }

    private static long channels(LiveHeap heap) {
        LiveHeap.Count count = heap.classes().get(EpollSocketChannel.class.getName());
        return count == null ? 0 : count.objects();
    }

    /** What the clients alone hold: connected to a listener that accepts and closes each at once. */
    private static LiveHeap clientsAlone() throws IOException {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            LiveHeap before = LiveHeap.now();
            List<SocketChannel> clients = connect((InetSocketAddress) listener.getLocalAddress(), CONNECTIONS, listener);
            try {
                return LiveHeap.now().minus(before);
            } finally {
                close(clients);
            }
        }
    }

    /** Opens the connections; each closes with a reset, leaving no port in TIME_WAIT. */
    private static List<SocketChannel> connect(InetSocketAddress address, int n, ServerSocketChannel acceptAndClose)
            throws IOException {
        List<SocketChannel> clients = new ArrayList<>(n);
        try {
            for (int i = 0; i < n; i++) {
                SocketChannel client = SocketChannel.open(address);
                clients.add(client);
                client.setOption(StandardSocketOptions.SO_LINGER, 0);
                if (acceptAndClose != null) {
                    acceptAndClose.accept().close();
                }
            }
        } catch (IOException e) {
            close(clients);
            throw e;
        }
        return clients;
    }

    private static boolean endsTheResponse(ByteBuffer answer) {
        int end = answer.position();
        return end >= END_OF_RESPONSE.length && Arrays.equals(answer.array(), end - END_OF_RESPONSE.length, end,
                END_OF_RESPONSE, 0, END_OF_RESPONSE.length);
    }

    private static void close(List<SocketChannel> clients) {
        for (SocketChannel client : clients) {
            try {
                client.close();
            } catch (IOException ignored) {
                // Closing a socket that was reset: nothing left to free.
            }
        }
        clients.clear();
    }

    private static boolean compressedOops() {
        return Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption("UseCompressedOops").getValue());
    }
}
