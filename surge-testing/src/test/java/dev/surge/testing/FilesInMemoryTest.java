package dev.surge.testing;

import dev.surge.web.App;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Files over the in-memory transport, which cannot sendfile: the body goes in pieces read on
 * the event loop (Netty's chunked writer), with the same headers, ranges and validators.
 */
@SurgeTest(inMemory = true)
class FilesInMemoryTest {
    private static final byte[] DATA = new byte[3 * 1024 * 1024 + 17];
    private static Path dir;

    @SetUpRoutes
    static void routes(App app) throws IOException {
        new Random(3).nextBytes(DATA);
        dir = Files.createTempDirectory("surge-files");
        Files.write(dir.resolve("data.bin"), DATA);
        app.files("/files", dir);
    }

    @AfterAll
    static void removeFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void wholeFile(TestClient client) {
        TestResponse r = client.get("/files/data.bin");
        assertEquals(200, r.status());
        assertEquals(Integer.toString(DATA.length), r.header("Content-Length").orElseThrow());
        assertArrayEquals(DATA, r.body());
    }

    @Test
    void rangeAndValidators(TestClient client) {
        int from = 1024 * 1024 - 3;
        TestResponse r = client.request(dev.surge.http.Method.GET, "/files/data.bin")
                .header("Range", "bytes=" + from + "-" + (from + 99_999)).send();
        assertEquals(206, r.status());
        assertArrayEquals(java.util.Arrays.copyOfRange(DATA, from, from + 100_000), r.body());
        String etag = r.header("ETag").orElseThrow();
        assertEquals(304, client.request(dev.surge.http.Method.GET, "/files/data.bin")
                .header("If-None-Match", etag).send().status());
    }
}
