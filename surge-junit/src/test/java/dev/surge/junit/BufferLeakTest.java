package dev.surge.junit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LeakCheck fails a test that leaves Netty buffers unreleased, pooled or not, heap or direct. */
class BufferLeakTest {

    @Test
    void eachKindOfBufferLeftUnreleasedFailsTheTestThatAllocatedIt() {
        try {
            var outcome = Samples.run(LeaksBuffers.class);
            assertEquals(4, outcome.failedTests().size(), outcome.failedTests().toString());
            for (String test : List.of("leaksAPooledDirectBuffer", "leaksAPooledHeapBuffer",
                    "leaksAnUnpooledDirectBuffer")) {
                String message = outcome.failure(test + "()");
                assertTrue(message.startsWith("1 ByteBuf allocated during this test was not released 300 ms after"),
                        message);
                assertTrue(message.contains("Created at:"), "Netty's allocation record: " + message);
                assertTrue(message.contains("LeaksBuffers." + test), "the record shows the test: " + message);
            }
            // Netty does not track unpooled heap buffers; its allocator counts their bytes.
            String unpooledHeap = outcome.failure("leaksAnUnpooledHeapBuffer()");
            assertTrue(unpooledHeap.startsWith("64 bytes of unpooled heap buffers allocated during this test were not"
                    + " released"), unpooledHeap);
            assertEquals(List.of(), outcome.classFailures(), "reported once: by the test, not by its class");
        } finally {
            LeaksBuffers.releaseAll();
        }
    }

    @Test
    void aBufferAllocatedInBeforeAllAndNeverReleasedFailsTheClass() {
        try {
            var outcome = Samples.run(LeaksFromBeforeAll.class);
            assertEquals(List.of("passes()"), outcome.passedTests());
            String message = outcome.classFailures().getFirst();
            assertTrue(message.startsWith("1 ByteBuf allocated during this test class's setup or teardown"), message);
            assertTrue(message.contains("LeaksFromBeforeAll.allocate"), message);
        } finally {
            LeaksFromBeforeAll.buffer.release();
        }
    }

    @Test
    void nettysReportOfACollectedBufferFailsTheTestDuringWhichItComesButOnlyOnce() {
        var outcome = Samples.run(LosesBuffers.class);
        String lost = outcome.failure("losesABuffer()");
        assertTrue(lost.contains("Netty reported a leak during this test"), lost);
        assertTrue(lost.contains("ByteBuf garbage-collected without release()"), lost);
        assertTrue(lost.contains("LosesBuffers.allocate"), lost);
        assertEquals(List.of("collectsWhatTheLastTestLeaked()"), outcome.passedTests(),
                "a leak already blamed on its test is not blamed again when Netty reports it");
    }

    @Test
    void buffersReleasedInTimePass() {
        var outcome = Samples.run(Behaves.class);
        assertEquals(Map.of(), outcome.failedTests());
        assertEquals(List.of(), outcome.classFailures());
        assertEquals(2, outcome.passedTests().size());
    }

    @EnabledIf("dev.surge.junit.Samples#enabled")
    static class LeaksBuffers {
        static final List<ByteBuf> LEAKED = new ArrayList<>();

        @Test
        void leaksAPooledDirectBuffer() {
            LEAKED.add(PooledByteBufAllocator.DEFAULT.directBuffer(64).writeInt(1));
        }

        @Test
        void leaksAPooledHeapBuffer() {
            LEAKED.add(PooledByteBufAllocator.DEFAULT.heapBuffer(64).writeInt(1));
        }

        @Test
        void leaksAnUnpooledHeapBuffer() {
            LEAKED.add(Unpooled.buffer(64).writeInt(1));
        }

        @Test
        void leaksAnUnpooledDirectBuffer() {
            LEAKED.add(Unpooled.directBuffer(64).writeInt(1));
        }

        static void releaseAll() {
            LEAKED.forEach(ByteBuf::release);
            LEAKED.clear();
        }
    }

    @EnabledIf("dev.surge.junit.Samples#enabled")
    static class LeaksFromBeforeAll {
        static ByteBuf buffer;

        @BeforeAll
        static void allocate() {
            buffer = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        }

        @Test
        void passes() {
        }
    }

    @EnabledIf("dev.surge.junit.Samples#enabled")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class LosesBuffers {

        @Test
        @Order(1)
        void losesABuffer() {
            allocate();
            collectUntilNettyReports();
        }

        @Test
        @Order(2)
        void leaksABuffer() {
            allocate();
        }

        @Test
        @Order(3)
        void collectsWhatTheLastTestLeaked() {
            collectUntilNettyReports();
        }

        /** An unreleased buffer that nothing refers to once this returns. */
        private static void allocate() {
            PooledByteBufAllocator.DEFAULT.heapBuffer(64).writeInt(1);
        }

        /** Netty reports a collected buffer when it tracks the next one; both need a few tries. */
        private static void collectUntilNettyReports() {
            AtomicInteger reports = new AtomicInteger();
            ByteBufUtil.setLeakListener((type, records) -> reports.incrementAndGet());
            try {
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (reports.get() == 0 && System.nanoTime() < deadline) {
                    System.gc();
                    Thread.sleep(10);
                    PooledByteBufAllocator.DEFAULT.heapBuffer(1).release(); // Netty reports when it tracks
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                ByteBufUtil.setLeakListener(null);
            }
            assertTrue(reports.get() > 0, "Netty reported no collected buffer within 5 s");
        }
    }

    @EnabledIf("dev.surge.junit.Samples#enabled")
    static class Behaves {
        static ByteBuf classBuffer;

        @BeforeAll
        static void allocate() {
            classBuffer = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        }

        @AfterAll
        static void release() {
            classBuffer.release();
        }

        @Test
        void releasesWhatItAllocates() {
            PooledByteBufAllocator.DEFAULT.directBuffer(64).release();
            PooledByteBufAllocator.DEFAULT.heapBuffer(64).release();
            Unpooled.buffer(64).release();
            ByteBuf whole = Unpooled.directBuffer(64).writeLong(1);
            whole.retainedSlice(0, 4).release();
            whole.release();
            classBuffer.retainedDuplicate().release();
        }

        @Test
        void releasesOnAnotherThreadJustAfterTheTest() {
            // As a closed connection's buffers are released on its event loop.
            ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer(64);
            Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                buffer.release();
            });
        }
    }
}
