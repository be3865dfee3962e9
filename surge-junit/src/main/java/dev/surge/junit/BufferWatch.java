package dev.surge.junit;

import dev.surge.junit.leak.LeakScope;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Netty buffers allocated while part of a test runs, checked on their own: {@link LeakCheck}
 * checks a whole test, but a fuzz test runs millions of inputs in one test and must say which
 * input leaked.
 * <pre>{@code
 * try (BufferWatch watch = BufferWatch.open()) {
 *     serve(input);
 *     watch.unreleased(1000).ifPresent(Assertions::fail);
 * }
 * }</pre>
 * It sees what LeakCheck sees: every buffer Netty tracks (all of them at the paranoid level the
 * tests run at, only Netty's samples at lower levels) and the bytes of unpooled heap buffers.
 * A watch nests inside the running test and is closed before the next one opens; buffers it
 * reports are not reported again by LeakCheck.
 */
public final class BufferWatch implements AutoCloseable {
    private final LeakScope scope;
    private final long unpooledHeapBefore;

    private BufferWatch(long unpooledHeapBefore, LeakScope scope) {
        this.unpooledHeapBefore = unpooledHeapBefore;
        this.scope = scope;
    }

    /** Starts watching: buffers allocated from now on, on any thread, belong to this watch. */
    public static BufferWatch open() {
        long unpooledHeap = UnpooledHeapBytes.used();
        return new BufferWatch(unpooledHeap, LeakScope.open());
    }

    /**
     * Waits up to {@code waitMillis} for the buffers allocated since {@link #open()} to be
     * released (a closed connection releases its buffers on its event loop, a moment later).
     *
     * @return what is still unreleased then, said as LeakCheck says it; empty when nothing is
     */
    public Optional<String> unreleased(long waitMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        List<String> problems = new ArrayList<>();
        List<LeakMessages.Unreleased> buffers = LeakCheck.unreleased(scope, deadline);
        if (!buffers.isEmpty()) {
            problems.add(LeakMessages.resources(buffers, "the watched code", waitMillis));
        }
        long unpooledHeap = LeakCheck.unreleasedUnpooledHeap(unpooledHeapBefore, deadline);
        if (unpooledHeap > 0) {
            problems.add(LeakMessages.unpooledHeap(unpooledHeap, "the watched code", waitMillis));
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("\n\n", problems));
    }

    /**
     * Stops watching: buffers allocated from now on belong to the test again. Buffers of this
     * watch not released by then are no longer checked; call {@link #unreleased} first.
     */
    @Override
    public void close() {
        scope.close();
    }
}
