package dev.surge.web.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The descriptors this process holds open on a file (deleted or not), or on the files in a directory (Linux). */
final class OpenDescriptors {
    private OpenDescriptors() {
    }

    static int count(Path path) throws IOException {
        String real = path.getParent().toRealPath().resolve(path.getFileName()).toString();
        int count = 0;
        try (var fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.equals(real) || target.equals(real + " (deleted)") || target.startsWith(real + "/")) {
                        count++;
                    }
                } catch (IOException gone) {
                    // Closed while listed.
                }
            }
        }
        return count;
    }

    /** Waits (up to 10 s) until exactly {@code expected} descriptors are open on {@code path}. */
    static void await(Path path, int expected) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        int open;
        while ((open = count(path)) != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(expected, open, "descriptors open on " + path.getFileName());
    }
}
