package dev.surge.observe;

import dev.surge.testing.TestResponse;
import dev.surge.web.App;
import dev.surge.web.Route;
import jdk.jfr.FlightRecorder;
import jdk.jfr.RecordingState;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** /debug/profile: a JFR recording that the JDK's reader reads, one at a time, bounded. */
class ProfileTest {
    private final Observed observed = new Observed(App.create().get("/", Route.inline(ctx -> ctx.text("ok"))));

    @AfterEach
    void close() {
        observed.close();
    }

    /** A thread that computes, allocates, parks and sleeps by turns, so that every kind of profile has something to see. */
    private static Thread busyWorker() {
        Thread worker = Thread.ofPlatform().name("profiled-worker").start(() -> {
            long sink = 0;
            while (!Thread.currentThread().isInterrupted()) {
                long until = System.nanoTime() + 5_000_000;
                while (System.nanoTime() < until) {
                    sink += new StringBuilder().append(sink).toString().length();
                }
                LockSupport.parkNanos(3_000_000);
                try {
                    Thread.sleep(3);
                } catch (InterruptedException e) {
                    break;
                }
            }
        });
        return worker;
    }

    @ParameterizedTest
    @CsvSource({
            "cpu, jdk.ExecutionSample jdk.CPUTimeSample",
            "alloc, jdk.ObjectAllocationSample",
            "lock, jdk.ThreadPark",
            "wall, jdk.ExecutionSample jdk.ThreadSleep jdk.ThreadPark jdk.ThreadDump"})
    void aProfileIsAJfrRecordingOfItsEvents(String event, String expected, @TempDir Path dir) throws Exception {
        Thread worker = busyWorker();
        TestResponse r;
        try {
            r = observed.adminClient.get("/debug/profile?seconds=1&event=" + event);
        } finally {
            worker.interrupt();
            worker.join();
        }
        assertEquals(200, r.status(), r.text());
        assertEquals("application/octet-stream", r.header("Content-Type").orElseThrow());
        assertTrue(r.header("Content-Disposition").orElseThrow().matches("attachment; filename=\"surge-" + event + "-\\d{8}-\\d{6}\\.jfr\""),
                r.header("Content-Disposition").orElseThrow());
        Path file = dir.resolve("profile.jfr");
        Files.write(file, r.body());
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        Set<String> seen = events.stream().map(e -> e.getEventType().getName()).collect(Collectors.toSet());
        for (String name : expected.split(" ")) {
            if (name.equals("jdk.CPUTimeSample") && !seen.contains(name)) {
                continue;  // Linux only; jdk.ExecutionSample stands in elsewhere
            }
            assertTrue(seen.contains(name), event + " profile has " + name + ": " + seen);
        }
        assertTrue(!seen.contains("jdk.ObjectAllocationSample") || event.equals("alloc"), "only its own events: " + seen);
    }

    @ParameterizedTest
    @CsvSource({
            "seconds=0, seconds must be a whole number from 1 to 300, got '0'",
            "seconds=301, seconds must be a whole number from 1 to 300, got '301'",
            "seconds=abc, seconds must be a whole number from 1 to 300, got 'abc'",
            "event=heap, 'event must be one of cpu, alloc, lock, wall, got ''heap'''",
            "format=pdf, format must be jfr or html, got 'pdf'"})
    void badQueriesAre400WithTheReason(String query, String reason) {
        TestResponse r = observed.adminClient.get("/debug/profile?" + query);
        assertEquals(400, r.status());
        assertTrue(r.text().contains(reason), r.text());
    }

    @Test
    void oneProfileAtATime() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (var other = dev.surge.testing.TestClient.create(observed.admin.server())) {
            Future<TestResponse> first = executor.submit(() -> other.get("/debug/profile?seconds=2&event=cpu"));
            while (FlightRecorder.getFlightRecorder().getRecordings().stream()
                    .noneMatch(rec -> rec.getName().startsWith("surge-profile") && rec.getState() == RecordingState.RUNNING)) {
                Thread.sleep(10);
            }
            TestResponse second = observed.adminClient.get("/debug/profile?seconds=1");
            assertEquals(409, second.status());
            assertTrue(second.text().contains("a profile is being recorded already"), second.text());
            assertEquals(200, first.get().status());
        } finally {
            executor.shutdown();
        }
        assertEquals(200, observed.adminClient.get("/debug/profile?seconds=1&event=alloc").status(), "free again");
    }

    @Test
    void aFlameGraphNeedsAsyncProfiler() {
        assumeTrue(AsyncProfiler.find(System.getenv("ASYNC_PROFILER_HOME"), System.getenv("PATH")).isEmpty(),
                "async-profiler is installed here");
        TestResponse r = observed.adminClient.get("/debug/profile?seconds=1&format=html");
        assertEquals(501, r.status());
        assertTrue(r.text().contains("async-profiler is not installed"), r.text());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void asyncProfilerIsFoundByItsHomeOrOnThePath(boolean byHome, @TempDir Path dir) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path asprof = Files.createFile(bin.resolve("asprof"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        var found = byHome ? AsyncProfiler.find(dir.toString(), "/nowhere") : AsyncProfiler.find(null, "/nowhere:" + bin);
        assertEquals(asprof, found.orElseThrow());
        assertTrue(AsyncProfiler.find(null, "/nowhere").isEmpty());
        assertTrue(AsyncProfiler.find(dir.resolve("missing").toString(), null).isEmpty());
    }
}
