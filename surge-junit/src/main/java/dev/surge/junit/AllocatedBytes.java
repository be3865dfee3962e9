package dev.surge.junit;

import com.sun.management.ThreadMXBean;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bytes allocated on the heap by a fixed set of platform threads since this counter started,
 * read from the JVM's per-thread allocation counters ({@code com.sun.management.ThreadMXBean}).
 * The JVM keeps no such counter for virtual threads. To measure a server's event loops while
 * this thread drives the load:
 * <pre>{@code
 * AllocatedBytes loops = AllocatedBytes.ofThreadsNamed("surge-io-");  // after a warm-up
 * for (int i = 0; i < 10_000; i++) client.send(request).read();
 * AllocationBudget.of(128, "request").assertWithin(loops, 10_000);
 * }</pre>
 * The threads must be idle when the counter starts and when it is read, so that only the
 * measured operations fall between.
 */
public final class AllocatedBytes {
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** An operation to measure; may throw, which ends the measurement. */
    @FunctionalInterface
    public interface Operation {
        void run() throws Exception;
    }

    /** How many windows {@link #perOp(int, int, Operation)} measures; odd, for a median. */
    public static final int WINDOWS = 5;

    private final long[] ids;
    private final long[] start;
    private final String threads;

    private AllocatedBytes(long[] ids, String threads) {
        requireCounters();
        this.ids = ids;
        this.threads = threads;
        this.start = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            start[i] = allocated(ids[i]);
        }
    }

    /** Counts the current thread, which must be a platform thread. */
    public static AllocatedBytes ofCurrentThread() {
        return ofThreads(Thread.currentThread().threadId());
    }

    /** Counts the live platform threads whose names start with {@code prefix}; fails if there are none. */
    public static AllocatedBytes ofThreadsNamed(String prefix) {
        List<Long> ids = new ArrayList<>();
        for (Thread t : ThreadSnapshot.platformThreads()) {
            if (t.getName().startsWith(prefix)) {
                ids.add(t.threadId());
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("no live thread's name starts with '" + prefix
                    + "'; start what runs them (the server) before counting");
        }
        return new AllocatedBytes(ids.stream().mapToLong(Long::longValue).toArray(), "threads named " + prefix + "*");
    }

    /** Counts the platform threads with these ids. */
    public static AllocatedBytes ofThreads(long... ids) {
        return new AllocatedBytes(ids.clone(), ids.length == 1 ? "thread #" + ids[0] : ids.length + " threads");
    }

    /**
     * Runs {@code op} {@code warmups} times, unmeasured (class loading, the JIT's first
     * compilations), then {@code ops} times on this thread in each of {@value #WINDOWS}
     * windows, and returns the median window's bytes per run. A window costs a few hundred
     * bytes now and then while the JIT moves the operation's methods to their final compiled
     * code (48 to 336 bytes seen in windows of 2,000 parses, which measure 0 interpreted or
     * compiled by C1 alone); one such window must not decide a budget of 0, and an
     * allocation the operation makes every time shows in every window.
     */
    public static double perOp(int warmups, int ops, Operation op) throws Exception {
        if (ops <= 0 || warmups < 0) {
            throw new IllegalArgumentException("need ops > 0 and warmups >= 0, got " + ops + " and " + warmups);
        }
        // The warm-up runs the loop the windows run, so that the loop too is compiled by then.
        repeat(warmups, op);
        double[] windows = new double[WINDOWS];
        for (int i = 0; i < windows.length; i++) {
            AllocatedBytes counter = ofCurrentThread();
            repeat(ops, op);
            windows[i] = counter.perOp(ops);
        }
        Arrays.sort(windows);
        return windows[WINDOWS / 2];
    }

    private static void repeat(int times, Operation op) throws Exception {
        for (int i = 0; i < times; i++) {
            op.run();
        }
    }

    /** Bytes the threads allocated since this counter started. */
    public long bytes() {
        long total = 0;
        for (int i = 0; i < ids.length; i++) {
            total += allocated(ids[i]) - start[i];
        }
        return total;
    }

    /** {@link #bytes()} divided by the number of operations that ran since the start. */
    public double perOp(long ops) {
        if (ops <= 0) {
            throw new IllegalArgumentException("need ops > 0, got " + ops);
        }
        return (double) bytes() / ops;
    }

    /** Which threads are counted, for messages. */
    public String threads() {
        return threads;
    }

    private static long allocated(long id) {
        long bytes = THREADS.getThreadAllocatedBytes(id);
        if (bytes < 0) {
            throw new IllegalStateException("the JVM has no allocation count for thread #" + id
                    + ": it is a virtual thread or it has ended; count platform threads that outlive the measurement");
        }
        return bytes;
    }

    private static void requireCounters() {
        if (!THREADS.isThreadAllocatedMemorySupported() || !THREADS.isThreadAllocatedMemoryEnabled()) {
            throw new IllegalStateException("this JVM does not count allocations per thread"
                    + " (ThreadMXBean.isThreadAllocatedMemoryEnabled is false); run the test on HotSpot with it on");
        }
    }
}
