package dev.surge.junit;

import io.netty.buffer.UnpooledByteBufAllocator;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes held by unreleased heap buffers of Netty's default unpooled allocator, the one behind
 * {@code Unpooled.buffer} and {@code Unpooled.copiedBuffer}. Netty's leak detector never tracks
 * these buffers (the garbage collector frees their memory), yet a test that forgets to release
 * one hides a leak that becomes real when the code gets a pooled allocator; the parser's own
 * tests use this allocator. The allocator's metric counts their bytes until release, though
 * with no record of where they were allocated.
 */
final class UnpooledHeapBytes {
    /** Bytes already reported as a test's leak, left out so that its class does not report them again. */
    private static final AtomicLong REPORTED = new AtomicLong();

    private UnpooledHeapBytes() {
    }

    /** Bytes held now, less those already reported. */
    static long used() {
        return UnpooledByteBufAllocator.DEFAULT.metric().usedHeapMemory() - REPORTED.get();
    }

    static void reported(long bytes) {
        REPORTED.addAndGet(bytes);
    }
}
