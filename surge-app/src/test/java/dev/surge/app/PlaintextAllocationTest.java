package dev.surge.app;

import dev.surge.http.Server;
import dev.surge.http.ServerOptions;
import dev.surge.junit.AllocatedBytes;
import dev.surge.junit.AllocationBudget;
import dev.surge.web.App;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inline plaintext route allocates at most 128 bytes per request on the request path:
 * everything the server's event loop allocates (reading, parsing, routing, the handler,
 * encoding, writing) over many requests, divided by their number. One request in flight at a
 * time, as a keep-alive client sends them, and sixteen pipelined.
 * <p>
 * Tests run at Netty's paranoid leak-detection level, which records a stack trace for every
 * buffer; this test measures at the level a server runs at (simple: one buffer in 128 is
 * sampled) and restores the paranoid level after.
 */
class PlaintextAllocationTest {
    private static final AllocationBudget BUDGET = AllocationBudget.of(128, "request");
    private static final byte[] REQUEST = "GET /plaintext HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void inlinePlaintextAllocatesAtMost128BytesPerRequest() throws Exception {
        try (Server server = new ReferenceService().routes(App.create())
                .start(ServerOptions.defaults().withPort(0).withEventLoops(1));
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setTcpNoDelay(true);
            Exchange exchange = new Exchange(socket);
            ResourceLeakDetector.Level testLevel = ResourceLeakDetector.getLevel();
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
            try {
                exchange.run(30_000, 1);
                exchange.run(30_000, 16);
                double oneByOne = BUDGET.assertWithin(medianOfWindows(exchange, 20_000, 1));
                double pipelined = BUDGET.assertWithin(medianOfWindows(exchange, 80_000, 16));
                System.out.printf("inline /plaintext: %.1f bytes per request one at a time, %.1f pipelined x16%n",
                        oneByOne, pipelined);
            } finally {
                ResourceLeakDetector.setLevel(testLevel);
            }
        }
    }

    /**
     * Bytes the event loop allocated per request, the median of three windows of
     * {@code requests}: now and then one window shows a burst of megabytes that is no request's
     * (seen with leak detection off too: compiled code giving way to the interpreter for a
     * while), and one burst in three windows must not decide the budget.
     */
    private static double medianOfWindows(Exchange exchange, int requests, int depth) throws Exception {
        double[] windows = new double[3];
        for (int i = 0; i < windows.length; i++) {
            AllocatedBytes loop = AllocatedBytes.ofThreadsNamed("surge-io");
            exchange.run(requests, depth);
            windows[i] = loop.perOp(requests);
        }
        java.util.Arrays.sort(windows);
        System.out.printf("windows of %d requests (depth %d): %s bytes per request%n", requests, depth,
                java.util.Arrays.toString(windows));
        return windows[1];
    }

    /** Sends requests in batches and reads exactly their responses, which all have one length. */
    private static final class Exchange {
        private final OutputStream out;
        private final InputStream in;
        private int responseLength;

        Exchange(Socket socket) throws IOException {
            out = socket.getOutputStream();
            in = socket.getInputStream();
        }

        void run(int requests, int batch) throws IOException {
            byte[] burst = new byte[REQUEST.length * batch];
            for (int i = 0; i < batch; i++) {
                System.arraycopy(REQUEST, 0, burst, i * REQUEST.length, REQUEST.length);
            }
            for (int sent = 0; sent < requests; sent += batch) {
                out.write(burst);
                out.flush();
                if (responseLength == 0) {
                    responseLength = firstResponseLength();
                    in.readNBytes(responseLength * (batch - 1));
                } else {
                    byte[] got = in.readNBytes(responseLength * batch);
                    assertTrue(got.length == responseLength * batch, "the server closed the connection");
                }
            }
        }

        /** Reads one response, which ends with "Hello, World!", and returns its length. */
        private int firstResponseLength() throws IOException {
            StringBuilder response = new StringBuilder();
            while (!response.toString().endsWith("Hello, World!")) {
                int b = in.read();
                assertTrue(b >= 0, "the server closed the connection");
                response.append((char) b);
            }
            return response.length();
        }
    }
}
