package dev.surge.junit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LeakCheck fails a test (or a class) that leaves platform or virtual threads running. */
class ThreadLeakTest {

    @Test
    void aPlatformThreadLeftRunningFailsItsTest() throws Exception {
        try {
            var outcome = Samples.run(LeaksAPlatformThread.class);
            String message = outcome.failure("leaks()");
            assertTrue(message.startsWith("1 thread started during this test is still running 300 ms after it ended"),
                    message);
            assertTrue(message.contains("\"sample-platform-leak\" (platform thread #"), message);
            assertTrue(message.contains("CountDownLatch.await"), "the stack shows where it waits: " + message);
            assertEquals(List.of(), outcome.classFailures(), "reported once: by the test, not by its class");
        } finally {
            LeaksAPlatformThread.stop();
        }
    }

    @Test
    void virtualThreadsLeftRunningFailTheirTest() throws Exception {
        try {
            String message = Samples.run(LeaksVirtualThreads.class).failure("leaks()");
            assertTrue(message.startsWith("2 threads started during this test are still running"), message);
            // One started with Thread.ofVirtual().start, one with Thread.startVirtualThread.
            assertTrue(message.contains("\"sample-virtual-leak\" (virtual thread #"), message);
            assertTrue(message.contains("\"\" (virtual thread #"), message);
            assertTrue(message.contains("ThreadLeakTest.park"), "the stack shows where it waits: " + message);
        } finally {
            LeaksVirtualThreads.stop();
        }
    }

    @Test
    void aThreadStartedInBeforeAllAndNeverStoppedFailsTheClass() throws Exception {
        try {
            var outcome = Samples.run(LeaksFromBeforeAll.class);
            assertEquals(List.of("passes()"), outcome.passedTests(),
                    "a thread of the class's setup is not the test's leak");
            String message = outcome.classFailures().getFirst();
            assertTrue(message.startsWith("1 thread started during this test class's setup or teardown"), message);
            assertTrue(message.contains("\"sample-class-leak\""), message);
        } finally {
            LeaksFromBeforeAll.stop();
        }
    }

    @Test
    void threadsJoinedStoppedOrEndingJustAfterTheTestPass() {
        var outcome = Samples.run(Behaves.class);
        assertEquals(Map.of(), outcome.failedTests());
        assertEquals(List.of(), outcome.classFailures());
        assertEquals(3, outcome.passedTests().size());
    }

    /** Parks the calling thread until {@code latch} opens: a thread blocked for good. */
    static void park(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @EnabledIf("dev.surge.junit.Samples#enabled")
    static class LeaksAPlatformThread {
        static final CountDownLatch RELEASE = new CountDownLatch(1);
        static Thread leaked;

        @Test
        void leaks() {
            leaked = Thread.ofPlatform().name("sample-platform-leak").start(() -> park(RELEASE));
        }

        static void stop() throws InterruptedException {
            RELEASE.countDown();
            leaked.join();
        }
    }

    @EnabledIf("dev.surge.junit.Samples#enabled")
    static class LeaksVirtualThreads {
        static final CountDownLatch RELEASE = new CountDownLatch(1);
        static Thread named;
        static Thread unnamed;

        @Test
        void leaks() {
            named = Thread.ofVirtual().name("sample-virtual-leak").start(() -> park(RELEASE));
            unnamed = Thread.startVirtualThread(() -> park(RELEASE));
        }

        static void stop() throws InterruptedException {
            RELEASE.countDown();
            named.join();
            unnamed.join();
        }
    }

    @EnabledIf("dev.surge.junit.Samples#enabled")
    static class LeaksFromBeforeAll {
        static final CountDownLatch RELEASE = new CountDownLatch(1);
        static Thread leaked;

        @BeforeAll
        static void startAServer() {
            leaked = Thread.ofPlatform().name("sample-class-leak").start(() -> park(RELEASE));
        }

        @Test
        void passes() {
        }

        static void stop() throws InterruptedException {
            RELEASE.countDown();
            leaked.join();
        }
    }

    @EnabledIf("dev.surge.junit.Samples#enabled")
    static class Behaves {
        static final CountDownLatch RELEASE = new CountDownLatch(1);
        static Thread server;

        @BeforeAll
        static void startAServer() {
            server = Thread.ofPlatform().name("sample-server").start(() -> park(RELEASE));
        }

        @AfterAll
        static void stopTheServer() throws InterruptedException {
            RELEASE.countDown();
            server.join();
        }

        @Test
        void joinsWhatItStarts() throws Exception {
            Thread.ofPlatform().start(() -> { }).join();
            Thread.ofVirtual().start(() -> { }).join();
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                executor.submit(() -> { });
            }
        }

        @Test
        void startsAThreadThatEndsAMomentAfterTheTest() {
            // As a closed server's event loops do: the check waits for them.
            Thread.ofPlatform().start(() -> sleep(50));
            Thread.ofVirtual().start(() -> sleep(50));
        }

        @Test
        void usesTheCommonPoolAndVirtualThreadCarriers() throws Exception {
            // Shared threads the JDK starts on first use and keeps: not this test's.
            List.of(1, 2, 3, 4).parallelStream().forEach(i -> sleep(5));
            Thread.ofVirtual().start(() -> sleep(5)).join();
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
