package dev.surge.web.files;

import dev.surge.http.Server;
import dev.surge.http.ServerOptions;
import dev.surge.http.WireClient;
import dev.surge.web.App;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The cache of open small files behind {@code files()}: it never serves stale bytes, and it
 * holds a bounded number of descriptors, all closed when the server stops.
 */
class OpenFilesTest {

    private static String get(WireClient wire, String path) throws IOException {
        wire.send("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
        WireClient.Response r = wire.read();
        return r.status() == 200 ? r.body() : Integer.toString(r.status());
    }

    @Test
    void aCachedFileIsAlwaysReadAsItIsNow(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("page.txt");
        Files.writeString(file, "version 1");
        try (Server server = App.create().files("/f", dir).start(ServerOptions.defaults().withPort(0).withEventLoops(1));
             WireClient wire = new WireClient(server.port())) {
            assertEquals("version 1", get(wire, "/f/page.txt"));
            assertEquals(1, OpenDescriptors.count(file), "kept open for the next request");
            Files.writeString(file, "version 2");  // the same file (inode), new bytes
            assertEquals("version 2", get(wire, "/f/page.txt"));
            Path next = dir.resolve("next.tmp");
            Files.writeString(next, "version three");
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);  // another file
            assertEquals("version three", get(wire, "/f/page.txt"));
            assertEquals(1, OpenDescriptors.count(file), "the replaced file's descriptor was closed");
            Files.delete(file);
            assertEquals("404", get(wire, "/f/page.txt"));
            assertEquals(0, OpenDescriptors.count(file), "a file gone is let go");
        }
    }

    @Test
    void descriptorsAreBoundedAndClosedWithTheServer(@TempDir Path dir) throws Exception {
        int files = OpenFiles.MAX_PER_LOOP + 40;
        for (int i = 0; i < files; i++) {
            Files.writeString(dir.resolve("f" + i + ".txt"), "file " + i);
        }
        Files.write(dir.resolve("large.bin"), new byte[64 * 1024]);
        try (Server server = App.create().files("/f", dir).start(ServerOptions.defaults().withPort(0).withEventLoops(1));
             WireClient wire = new WireClient(server.port())) {
            for (int i = 0; i < files; i++) {
                assertEquals("file " + i, get(wire, "/f/f" + i + ".txt"));
            }
            assertEquals(OpenFiles.MAX_PER_LOOP, OpenDescriptors.count(dir), "the least recently used are closed");
            assertEquals("file 0", get(wire, "/f/f0.txt"), "an evicted file is opened again");
            wire.send("GET /f/large.bin HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(64 * 1024, wire.read().body().length());
            OpenDescriptors.await(dir.resolve("large.bin"), 0);  // large files are not cached
        }
        assertEquals(0, OpenDescriptors.count(dir), "the server closed every cached descriptor when it stopped");
    }

    @Test
    void onVirtualThreadsNothingIsCached(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a.txt");
        Files.writeString(file, "a");
        try (Server server = App.create().files("/f", dir, FileOptions.defaults().onEventLoop(false))
                .start(ServerOptions.defaults().withPort(0).withEventLoops(1));
             WireClient wire = new WireClient(server.port())) {
            assertEquals("a", get(wire, "/f/a.txt"));
            OpenDescriptors.await(file, 0);
        }
    }
}
