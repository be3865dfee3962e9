package dev.surge.http;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link Response#sendFile} at the core's level: small bodies copied behind the head, large
 * ones sent by sendfile, HEAD, pieces of a file, and a file shorter than promised, which must
 * end the connection rather than leave the client waiting for bytes that never come.
 */
class FileBodyTest {

    private static Server serve(Path file, long position, long count) {
        return serve(Transport.AUTO, file, position, count);
    }

    private static Server serve(Transport transport, Path file, long position, long count) {
        return Server.start(ServerOptions.defaults().withPort(0).withEventLoops(1).withTransport(transport), (req, res) -> {
            try {
                res.sendFile(ContentType.OCTET_STREAM, FileChannel.open(file, StandardOpenOption.READ), position, count);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static Path file(Path dir, int size) throws Exception {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        return Files.write(dir.resolve("f" + size), bytes);
    }

    @Test
    void smallAndLargeBodiesAndTheirPieces(@TempDir Path dir) throws Exception {
        for (int size : new int[] {1, 1000, 32 * 1024, 32 * 1024 + 1, 300_000}) {
            Path f = file(dir, size);
            try (Server server = serve(f, 0, size); WireClient wire = new WireClient(server.port())) {
                wire.send("GET / HTTP/1.1\r\nHost: x\r\n\r\nHEAD / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals(Files.readString(f), wire.read().body(), "size " + size);
                WireClient.Response head = wire.read(true);
                assertEquals(Integer.toString(size), head.header("Content-Length"));
                assertEquals(Files.readString(f), wire.read().body(), "after HEAD, size " + size);
            }
            try (Server server = serve(f, size / 2, size - size / 2); WireClient wire = new WireClient(server.port())) {
                wire.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals(Files.readString(f).substring(size / 2), wire.read().body(), "second half of " + size);
            }
        }
    }

    /** Each socket transport sends with its own zero-copy path: sendfile (epoll), transferTo (NIO), splice (io_uring). */
    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"EPOLL", "IO_URING", "NIO"})
    void everySocketTransportSendsFiles(Transport transport, @TempDir Path dir) throws Exception {
        assumeTrue(transport != Transport.EPOLL || Epoll.isAvailable(), "epoll not available here");
        assumeTrue(transport != Transport.IO_URING || IoUring.isAvailable(), "io_uring not available here");
        Path f = file(dir, 5_000_000);
        try (Server server = serve(transport, f, 1, 4_999_998); WireClient wire = new WireClient(server.port())) {
            assertEquals(transport, server.transport());
            wire.send("GET / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n");
            String expected = Files.readString(f).substring(1, 4_999_999);
            assertEquals(expected, wire.read().body());
            assertEquals(expected, wire.read().body(), "the second response follows the first in step");
        }
    }

    @Test
    void aFileShorterThanPromisedEndsTheConnection(@TempDir Path dir) throws Exception {
        Path small = file(dir, 100);
        try (Server server = serve(small, 0, 200); WireClient wire = new WireClient(server.port())) {
            wire.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("", wire.readUntilClosed(), "nothing of it was sent: the head is taken back");
        }
        Path large = file(dir, 100_000);
        try (Server server = serve(large, 0, 200_000); WireClient wire = new WireClient(server.port())) {
            wire.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            String got = wire.readUntilClosed();
            assertTrue(got.startsWith("HTTP/1.1 200 OK\r\n") && got.contains("Content-Length: 200000\r\n"), got.substring(0, 100));
            int body = got.length() - got.indexOf("\r\n\r\n") - 4;
            assertEquals(100_000, body, "the file's bytes, then the close");
        }
    }
}
