package dev.surge.junit;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bytes per operation, on this thread and on others, against a budget. */
class AllocationBudgetTest {
    /** Where allocations escape to, so the JIT cannot remove them. */
    static volatile Object sink;
    static long counter;

    @Test
    void anOperationThatAllocatesNothingMeasuresAboutZero() throws Exception {
        double perOp = AllocatedBytes.perOp(1_000, 10_000, () -> counter++);
        assertTrue(perOp < 1, "allocation-free operation measured " + perOp + " bytes");
        assertEquals(perOp, AllocationBudget.of(0.5, "increment").assertOnThisThread(1_000, 10_000, () -> counter++),
                1);
    }

    @Test
    void anOperationThatAllocatesAKilobyteMeasuresAtLeastThat() throws Exception {
        double perOp = AllocatedBytes.perOp(1_000, 10_000, () -> sink = new byte[1000]);
        assertTrue(perOp >= 1000 && perOp < 1100, "new byte[1000] measured " + perOp + " bytes");
    }

    @Test
    void aBurstInOneWindowDoesNotDecideButAnAllocationInEachDoes() throws Exception {
        int warmups = 1_000;
        int ops = 1_000;
        long[] calls = {0};
        // A megabyte once, in the first measured window, as the JIT's own few bytes come once.
        assertEquals(0, AllocatedBytes.perOp(warmups, ops, () -> {
            if (calls[0]++ == warmups) {
                sink = new byte[1 << 20];
            }
        }), 0.5);
        calls[0] = 0;
        // Sixteen bytes and more in every window: caught.
        double every = AllocatedBytes.perOp(warmups, ops, () -> {
            if (calls[0]++ % ops == 0) {
                sink = new byte[16 * ops];
            }
        });
        assertTrue(every >= 16, every + " bytes per op");
    }

    @Test
    void overBudgetFailsSayingByHowMuch() {
        var e = assertThrows(AssertionFailedError.class, () -> AllocationBudget.of(128, "request")
                .assertOnThisThread(100, 1_000, () -> sink = new byte[1000]));
        assertTrue(e.getMessage().matches("allocated 10\\d\\d\\.\\d bytes per request, budget 128"
                + " \\(the median of 5 windows of 1000 requests on this thread\\)"), e.getMessage());
        var fraction = assertThrows(AssertionFailedError.class,
                () -> AllocationBudget.of(0.5, "op").assertWithin(312.44));
        assertEquals("allocated 312.4 bytes per op, budget 0.5", fraction.getMessage());
    }

    @Test
    void otherThreadsAreCountedWhileThisOneDrivesThem() throws Exception {
        int ops = 1_000;
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        CountDownLatch stop = new CountDownLatch(1);
        Thread worker = Thread.ofPlatform().name("budget-worker").start(() -> {
            ThreadLeakTest.park(go);
            for (int i = 0; i < ops; i++) {
                sink = new byte[1000];
            }
            done.countDown();
            ThreadLeakTest.park(stop);
        });
        try {
            AllocatedBytes counted = AllocatedBytes.ofThreadsNamed("budget-worker");
            go.countDown();
            done.await();
            assertTrue(counted.perOp(ops) >= 1000, counted.perOp(ops) + " bytes per op");
            var e = assertThrows(AssertionFailedError.class,
                    () -> AllocationBudget.of(64, "job").assertWithin(counted, ops));
            assertTrue(e.getMessage().matches("allocated 10\\d\\d\\.\\d bytes per job, budget 64"
                    + " \\(1000 jobs on threads named budget-worker\\*\\)"), e.getMessage());
        } finally {
            stop.countDown();
            worker.join();
        }
    }

    @Test
    void misusesAreRefusedWithAReason() {
        var none = assertThrows(IllegalArgumentException.class, () -> AllocatedBytes.ofThreadsNamed("no-such-thread-"));
        assertEquals("no live thread's name starts with 'no-such-thread-'; start what runs them (the server)"
                + " before counting", none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AllocationBudget.of(-1, "op"));
        assertThrows(IllegalArgumentException.class, () -> AllocationBudget.of(1, " "));
        assertThrows(IllegalArgumentException.class, () -> AllocatedBytes.perOp(0, 0, () -> { }));
        var virtual = assertThrows(IllegalStateException.class, () -> {
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                executor.submit(() -> AllocatedBytes.perOp(0, 1, () -> { })).get();
            } catch (ExecutionException wrapped) {
                throw wrapped.getCause();
            }
        });
        assertTrue(virtual.getMessage().contains("virtual thread"), virtual.getMessage());
    }
}
