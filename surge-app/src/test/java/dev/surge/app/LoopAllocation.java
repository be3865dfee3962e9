package dev.surge.app;

import dev.surge.junit.AllocatedBytes;
import io.netty.util.ResourceLeakDetector;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Measures what a server's event loop allocates per request: one request sent over and over
 * on one connection, one at a time or pipelined, at the leak-detection level a server runs at
 * (simple: one buffer in 128 sampled), restored after. Every response must have one length.
 */
final class LoopAllocation {
    private final OutputStream out;
    private final InputStream in;
    private final byte[] request;
    private int responseLength;

    LoopAllocation(Socket socket, String request) throws IOException {
        socket.setTcpNoDelay(true);
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
        this.request = request.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Sends 30,000 requests one at a time and 30,000 pipelined, so that the server's hot paths
     * are compiled for both before anything is measured: measured cold, the one-at-a-time
     * figure came out three times higher.
     */
    LoopAllocation warmedUp() throws IOException {
        run(30_000, 1);
        run(30_000, 16);
        return this;
    }

    /**
     * Returns the loop's bytes per request, the median of three windows of
     * {@code requests}: now and then one window shows a burst of megabytes that is no
     * request's (seen with leak detection off too: compiled code giving way to the interpreter
     * for a while), and one burst in three windows must not decide a budget.
     */
    double perRequest(int requests, int depth) throws Exception {
        ResourceLeakDetector.Level testLevel = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
        try {
            double[] windows = new double[3];
            for (int i = 0; i < windows.length; i++) {
                AllocatedBytes loop = AllocatedBytes.ofThreadsNamed("surge-io");
                run(requests, depth);
                windows[i] = loop.perOp(requests);
            }
            Arrays.sort(windows);
            System.out.printf("windows of %d requests (depth %d): %s bytes per request%n", requests, depth,
                    Arrays.toString(windows));
            return windows[1];
        } finally {
            ResourceLeakDetector.setLevel(testLevel);
        }
    }

    private void run(int requests, int batch) throws IOException {
        byte[] burst = new byte[request.length * batch];
        for (int i = 0; i < batch; i++) {
            System.arraycopy(request, 0, burst, i * request.length, request.length);
        }
        for (int sent = 0; sent < requests; sent += batch) {
            out.write(burst);
            out.flush();
            int skip = batch;
            if (responseLength == 0) {
                responseLength = firstResponseLength();
                skip--;
            }
            byte[] got = in.readNBytes(responseLength * skip);
            assertTrue(got.length == responseLength * skip, "the server closed the connection");
        }
    }

    /** Reads one response, whose body's length its Content-Length gives, and returns its whole length. */
    private int firstResponseLength() throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            assertTrue(b >= 0, "the server closed the connection");
            head.append((char) b);
        }
        String lower = head.toString().toLowerCase(java.util.Locale.ROOT);
        int at = lower.indexOf("content-length: ");
        int length = Integer.parseInt(lower.substring(at + 16, lower.indexOf('\r', at)));
        in.readNBytes(length);
        return head.length() + length;
    }
}
