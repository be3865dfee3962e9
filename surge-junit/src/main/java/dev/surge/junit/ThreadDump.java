package dev.surge.junit;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every thread of this JVM, virtual ones included, from the JDK's thread dump. Neither
 * {@code Thread.getAllStackTraces} nor {@code ThreadMXBean} sees virtual threads; the dump
 * lists each thread container with its threads: executors' virtual threads under their
 * executor, and those started directly ({@code Thread.ofVirtual().start},
 * {@code Thread.startVirtualThread}) under the root container, which keeps them only while
 * {@code jdk.trackAllThreads} is true (the default; surefire's argLine says so explicitly).
 * A dump of a test JVM takes about a millisecond.
 */
final class ThreadDump {
    private static final HotSpotDiagnosticMXBean DIAGNOSTICS =
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static volatile Path directory;

    private ThreadDump() {
    }

    /** Takes a dump now: every thread it lists, by thread id. */
    static Map<Long, LiveThread> take() {
        // The bean writes only to a file it creates itself, so each dump gets a fresh name.
        Path file = directory().resolve("threads-" + SEQUENCE.incrementAndGet() + ".json");
        try {
            DIAGNOSTICS.dumpThreads(file.toString(), ThreadDumpFormat.JSON);
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take a thread dump into " + file, e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A dump left in the temporary directory is harmless.
            }
        }
    }

    /** Reads the JSON format of JDK 21 and later: threadDump.threadContainers[].threads[]. */
    @SuppressWarnings("unchecked")
    static Map<Long, LiveThread> parse(String json) {
        Map<String, Object> root = (Map<String, Object>) Json.parse(json);
        Map<String, Object> dump = (Map<String, Object>) root.get("threadDump");
        Map<Long, LiveThread> threads = new HashMap<>();
        for (Object container : (List<Object>) dump.get("threadContainers")) {
            for (Object entry : (List<Object>) ((Map<String, Object>) container).get("threads")) {
                Map<String, Object> t = (Map<String, Object>) entry;
                long id = Long.parseLong((String) t.get("tid"));
                List<String> stack = ((List<Object>) t.getOrDefault("stack", List.of())).stream()
                        .map(String::valueOf).toList();
                threads.put(id, new LiveThread(id, String.valueOf(t.get("name")), Boolean.TRUE.equals(t.get("virtual")),
                        String.valueOf(t.get("state")), stack));
            }
        }
        return threads;
    }

    private static Path directory() {
        Path dir = directory;
        if (dir == null) {
            synchronized (ThreadDump.class) {
                if (directory == null) {
                    try {
                        directory = Files.createTempDirectory("surge-thread-dumps");
                        directory.toFile().deleteOnExit();
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot create a directory for thread dumps", e);
                    }
                }
                dir = directory;
            }
        }
        return dir;
    }
}
