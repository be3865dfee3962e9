package dev.surge.junit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A BufferWatch reports the buffers allocated while it was open and left unreleased, and only those. */
class BufferWatchTest {

    @Test
    void reportsABufferLeftUnreleasedWithItsRecord() {
        ByteBuf kept = PooledByteBufAllocator.DEFAULT.directBuffer(16);
        ByteBuf leaked;
        Optional<String> report;
        try (BufferWatch watch = BufferWatch.open()) {
            leaked = PooledByteBufAllocator.DEFAULT.directBuffer(16);
            PooledByteBufAllocator.DEFAULT.heapBuffer(16).release();
            report = watch.unreleased(50);
        }
        try {
            assertTrue(report.isPresent(), "the leaked buffer was not reported");
            String message = report.get();
            assertTrue(message.startsWith("1 ByteBuf allocated during the watched code was not released 50 ms"), message);
            assertTrue(message.contains("BufferWatchTest.reportsABufferLeftUnreleasedWithItsRecord"), message);
        } finally {
            leaked.release();
            kept.release(); // allocated before the watch: the test's, released in time for LeakCheck
        }
    }

    @Test
    void reportsUnpooledHeapBytes() {
        ByteBuf leaked;
        Optional<String> report;
        try (BufferWatch watch = BufferWatch.open()) {
            leaked = Unpooled.buffer(64);
            report = watch.unreleased(20);
        }
        leaked.release();
        assertTrue(report.orElse("").startsWith("64 bytes of unpooled heap buffers allocated during the watched code"),
                report.toString());
    }

    @Test
    void waitsForABufferReleasedOnAnotherThread() throws InterruptedException {
        Optional<String> report;
        Thread releaser;
        try (BufferWatch watch = BufferWatch.open()) {
            ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer(16);
            releaser = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                buffer.release();
            });
            report = watch.unreleased(2000);
        }
        releaser.join();
        assertEquals(Optional.empty(), report);
    }
}
