package dev.surge.junit;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JDK's thread dump lists virtual threads, however they were started, beside platform ones. */
class ThreadDumpTest {

    @Test
    void virtualThreadsAreListedWhicheverWayTheyStarted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        var executor = Executors.newVirtualThreadPerTaskExecutor();
        Thread named = Thread.ofVirtual().name("dump-named").start(() -> ThreadLeakTest.park(release));
        Thread unnamed = Thread.startVirtualThread(() -> ThreadLeakTest.park(release));
        try {
            executor.submit(() -> {
                running.countDown();
                ThreadLeakTest.park(release);
            });
            running.await();
            waitUntilParked(named, unnamed);
            Map<Long, LiveThread> dump = ThreadDump.take();
            for (Thread t : new Thread[]{named, unnamed}) {
                LiveThread seen = dump.get(t.threadId());
                assertTrue(seen != null && seen.virtual(), t + " is missing from " + dump.values());
                assertEquals(t.getName(), seen.name());
                assertTrue(seen.stack().stream().anyMatch(f -> f.contains("ThreadLeakTest.park")),
                        seen.stack().toString());
            }
            long mine = dump.values().stream().filter(LiveThread::virtual)
                    .filter(t -> t.stack().stream().anyMatch(f -> f.contains("ThreadDumpTest.lambda"))).count();
            assertEquals(3, mine, "the executor's virtual thread too: " + dump.values());
        } finally {
            release.countDown();
            executor.close();
            named.join();
            unnamed.join();
        }
    }

    @Test
    void platformThreadsAreListedAsSuch() {
        LiveThread me = ThreadDump.take().get(Thread.currentThread().threadId());
        assertEquals(Thread.currentThread().getName(), me.name());
        assertFalse(me.virtual());
        assertEquals("RUNNABLE", me.state());
    }

    private static void waitUntilParked(Thread... threads) throws InterruptedException {
        for (Thread t : threads) {
            while (t.getState() != Thread.State.WAITING) {
                Thread.sleep(1);
            }
        }
    }
}
