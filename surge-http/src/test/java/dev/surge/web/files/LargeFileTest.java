package dev.surge.web.files;

import dev.surge.http.WireClient;
import dev.surge.web.App;
import dev.surge.web.Served;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Large files over real sockets: a 1 GiB file's checksum, offsets beyond 4 GiB, and the file
 * descriptors: none left open after aborted downloads, at most a bounded number held for a
 * client that pipelines requests without reading, and a file that shrinks while it is sent
 * ends the connection instead of hanging it.
 */
class LargeFileTest {
    private static final long GIB = 1L << 30;
    private static final int MIB = 1 << 20;
    /** The 1 GiB file repeats a random block of a prime length, so that a misplaced offset shows in the checksum. */
    private static final int BLOCK = 1_000_003;

    @TempDir
    static Path dir;
    private static Served served;
    private static String gibSha256;

    @BeforeAll
    static void start() throws Exception {
        long usable = Files.getFileStore(dir).getUsableSpace();
        Assumptions.assumeTrue(usable > 3 * GIB, "the large-file tests need 3 GiB free where temporary files go; "
                + (usable >> 20) + " MiB are");
        byte[] block = new byte[BLOCK];
        new Random(42).nextBytes(block);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (FileChannel out = FileChannel.open(dir.resolve("gib.bin"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long written = 0; written < GIB; ) {
                int n = (int) Math.min(BLOCK, GIB - written);
                out.write(ByteBuffer.wrap(block, 0, n));
                sha.update(block, 0, n);
                written += n;
            }
        }
        gibSha256 = HexFormat.of().formatHex(sha.digest());
        try (RandomAccessFile sparse = new RandomAccessFile(dir.resolve("sparse.bin").toFile(), "rw")) {
            sparse.setLength(5 * GIB);
            sparse.seek(4 * GIB + 12345);
            sparse.write("beyond four GiB".getBytes(StandardCharsets.US_ASCII));
        }
        byte[] eight = new byte[8 * MIB];
        new Random(7).nextBytes(eight);
        Files.write(dir.resolve("8m.bin"), eight);
        served = Served.start(App.create().files("/f", dir));
    }

    @AfterAll
    static void stop() {
        if (served != null) {
            served.close();
        }
    }

    @Test
    void oneGibibyteArrivesIntact() throws Exception {
        try (WireClient wire = served.wire()) {
            wire.send("GET /f/gib.bin HTTP/1.1\r\nHost: x\r\n\r\n");
            WireClient.Response head = wire.read(true);
            assertEquals(200, head.status());
            assertEquals(Long.toString(GIB), head.header("Content-Length"));
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long read = copy(wire.input(), GIB, sha);
            assertEquals(GIB, read);
            assertEquals(gibSha256, HexFormat.of().formatHex(sha.digest()));
            // The connection is still in step: the next response follows.
            wire.send("GET /f/gib.bin HTTP/1.1\r\nHost: x\r\nRange: bytes=1000003-1000005\r\n\r\n");
            WireClient.Response next = wire.read(true);
            assertEquals(206, next.status());
            byte[] three = wire.input().readNBytes(3);
            byte[] block = new byte[BLOCK];
            new Random(42).nextBytes(block);
            assertArrayEquals(new byte[] {block[0], block[1], block[2]}, three, "byte 1000003 starts the second block");
        }
    }

    @Test
    void offsetsBeyondFourGibibytes() throws Exception {
        try (WireClient wire = served.wire()) {
            wire.send("HEAD /f/sparse.bin HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(Long.toString(5 * GIB), wire.read(true).header("Content-Length"));
            long at = 4 * GIB + 12345;
            wire.send("GET /f/sparse.bin HTTP/1.1\r\nHost: x\r\nRange: bytes=" + at + "-" + (at + 14) + "\r\n\r\n");
            WireClient.Response r = wire.read();
            assertEquals(206, r.status());
            assertEquals("bytes " + at + "-" + (at + 14) + "/" + 5 * GIB, r.header("Content-Range"));
            assertEquals("beyond four GiB", r.body());
        }
    }

    @Test
    void abortedDownloadsLeaveNoFileOpen() throws Exception {
        Path file = dir.resolve("gib.bin");
        for (int i = 0; i < 8; i++) {
            try (Socket socket = new Socket("127.0.0.1", served.server.port())) {
                socket.getOutputStream().write("GET /f/gib.bin HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                socket.getInputStream().readNBytes(64 * 1024);
                if (i % 2 == 0) {
                    socket.setSoLinger(true, 0);  // a reset, as a killed client leaves
                }
            }
        }
        OpenDescriptors.await(file, 0);
    }

    @Test
    void aClientThatDoesNotReadHoldsABoundedNumberOfFiles() throws Exception {
        Path file = dir.resolve("8m.bin");
        int requests = 40;
        try (WireClient wire = served.wire()) {
            wire.send("GET /f/8m.bin HTTP/1.1\r\nHost: x\r\n\r\n".repeat(requests));
            int limit = 16;  // FileWrites.MAX_IN_FLIGHT
            OpenDescriptors.await(file, limit);
            Thread.sleep(200);
            assertEquals(limit, OpenDescriptors.count(file), "parsing waits while " + limit + " file bodies are in flight");
            for (int i = 0; i < requests; i++) {
                WireClient.Response head = wire.read(true);
                assertEquals(200, head.status(), "response " + i);
                assertEquals(8 * MIB, copy(wire.input(), 8 * MIB, null), "response " + i);
            }
        }
        OpenDescriptors.await(file, 0);
    }

    @Test
    void aFileThatShrinksWhileSentEndsTheConnection() throws Exception {
        Path file = dir.resolve("shrinking.bin");
        Files.write(file, new byte[64 * MIB]);
        try (WireClient wire = served.wire()) {
            wire.send("GET /f/shrinking.bin HTTP/1.1\r\nHost: x\r\n\r\n");
            WireClient.Response head = wire.read(true);
            assertEquals(Long.toString(64L * MIB), head.header("Content-Length"));
            assertEquals(MIB, copy(wire.input(), MIB, null));
            try (FileChannel shrink = FileChannel.open(file, StandardOpenOption.WRITE)) {
                shrink.truncate(2 * MIB);
            }
            long rest = copy(wire.input(), 64L * MIB, null);
            assertTrue(MIB + rest < 64L * MIB, "the body is cut off: " + (MIB + rest) + " bytes, then the close");
        }
        OpenDescriptors.await(file, 0);
        try (WireClient wire = served.wire()) {
            wire.send("GET /f/shrinking.bin HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(Long.toString(2L * MIB), wire.read(true).header("Content-Length"), "the server serves on");
        }
    }

    @Test
    void aFileDeletedWhileSentArrivesWhole() throws Exception {
        Path file = dir.resolve("vanishing.bin");
        byte[] bytes = new byte[32 * MIB];
        new Random(9).nextBytes(bytes);
        Files.write(file, bytes);
        try (WireClient wire = served.wire()) {
            wire.send("GET /f/vanishing.bin HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, wire.read(true).status());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            assertEquals(MIB, copy(wire.input(), MIB, sha));
            Files.delete(file);
            assertEquals(31L * MIB, copy(wire.input(), 31L * MIB, sha), "the open file is read to its end");
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(bytes), sha.digest());
            OpenDescriptors.await(file, 0);
            wire.send("GET /f/vanishing.bin HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(404, wire.read().status(), "and then it is gone");
        }
    }

    /** Reads up to {@code limit} bytes or until the server closes; returns how many came. */
    private static long copy(InputStream in, long limit, MessageDigest digest) throws IOException {
        byte[] buffer = new byte[256 * 1024];
        long total = 0;
        try {
            while (total < limit) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total));
                if (n < 0) {
                    break;
                }
                if (digest != null) {
                    digest.update(buffer, 0, n);
                }
                total += n;
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("the server neither sent nor closed after " + total + " bytes", e);
        }
        return total;
    }
}
