package dev.surge.junit;

import dev.surge.junit.leak.LeakScope;
import dev.surge.junit.leak.ScopedTracker;
import dev.surge.junit.leak.TrackingLeakDetector;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Fails a test that leaves threads running (virtual ones included) or Netty buffers unreleased:
 * those Netty tracks ({@link dev.surge.junit.leak.TrackingLeakDetector}), unpooled heap buffers, which it does not
 * ({@link UnpooledHeapBytes}), and any Netty reports as garbage-collected unreleased. Every test
 * of every module runs under it: surge-junit registers it in {@code META-INF/services}, and the
 * root pom turns on JUnit's extension auto-detection.
 * <pre>
 * beforeAll    snapshot of the threads; a class scope opens for buffers
 *   beforeEach   snapshot of the threads; a test scope opens
 *     &#64;BeforeEach, the test, &#64;AfterEach
 *   afterEach    threads started since the snapshot must have ended, the test scope's buffers
 *                must be released; the class scope is current again
 * afterAll     the same for the class: what &#64;BeforeAll started, &#64;AfterAll must stop
 * </pre>
 * Closing is asynchronous (a closed server's event loops end a moment later, a closed
 * connection's buffers are released on its event loop), so the check waits for what is left,
 * polling, up to {@value #DEFAULT_WAIT_MILLIS} ms ({@link #WAIT_PARAMETER}), before it fails.
 * Each leak is reported once. Tests must run one at a time (JUnit's default): a buffer belongs
 * to the test running when it was allocated.
 */
public final class LeakCheck implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    /** Configuration parameter: milliseconds to wait for threads to end and buffers to be released. */
    public static final String WAIT_PARAMETER = "surge.leakcheck.wait-ms";
    static final long DEFAULT_WAIT_MILLIS = 2000;

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LeakCheck.class);
    /** Threads already reported: a thread a test leaked is not reported again by its class. */
    private static final Set<Long> REPORTED_THREADS = ConcurrentHashMap.newKeySet();

    /** What a check compares against: the threads and unpooled heap bytes before, the scope new buffers join. */
    private record Watch(ThreadSnapshot threads, long unpooledHeapBefore, LeakScope buffers) {
    }

    /** Made by JUnit: for every test through the service loader, or named by {@code @ExtendWith}. */
    public LeakCheck() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        requireItCanSee(context);
        start(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        start(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        finish(context, "this test");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        finish(context, "this test class's setup or teardown");
    }

    /** Refuses the two settings under which the check would silently miss or misplace leaks. */
    private static void requireItCanSee(ExtensionContext context) {
        if (context.getConfigurationParameter("junit.jupiter.execution.parallel.enabled", Boolean::parseBoolean)
                .orElse(false)) {
            throw new ExtensionConfigurationException("LeakCheck blames a thread or buffer on the test running when"
                    + " it started, so tests must run one at a time: set junit.jupiter.execution.parallel.enabled"
                    + " to false");
        }
        // The JDK reads the property so: unset or empty means true.
        String tracking = System.getProperty("jdk.trackAllThreads");
        if (tracking != null && !tracking.isEmpty() && !Boolean.parseBoolean(tracking)) {
            throw new ExtensionConfigurationException("LeakCheck cannot see virtual threads started directly while"
                    + " jdk.trackAllThreads is " + tracking + ": remove that flag from the test JVM's options");
        }
    }

    private static void start(ExtensionContext context) {
        long unpooledHeap = UnpooledHeapBytes.used(); // first: it may load Netty, which the snapshot must see
        context.getStore(NAMESPACE).put(Watch.class,
                new Watch(ThreadSnapshot.take(), unpooledHeap, LeakScope.open()));
    }

    private static void finish(ExtensionContext context, String culprit) {
        Watch watch = context.getStore(NAMESPACE).remove(Watch.class, Watch.class);
        if (watch == null) {
            return; // the start failed, and said why
        }
        long waitMillis = context.getConfigurationParameter(WAIT_PARAMETER, Long::parseLong)
                .orElse(DEFAULT_WAIT_MILLIS);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        try {
            List<String> problems = new ArrayList<>();
            // Threads first: a server's buffers are released while its threads wind down.
            List<LiveThread> threads = runningThreads(watch.threads(), deadline);
            if (!threads.isEmpty()) {
                problems.add(LeakMessages.threads(threads, culprit, waitMillis));
            }
            List<LeakMessages.Unreleased> buffers = unreleased(watch.buffers(), deadline);
            if (!buffers.isEmpty()) {
                problems.add(LeakMessages.resources(buffers, culprit, waitMillis));
            }
            long unpooledHeap = unreleasedUnpooledHeap(watch.unpooledHeapBefore(), deadline);
            if (unpooledHeap > 0) {
                problems.add(LeakMessages.unpooledHeap(unpooledHeap, culprit, waitMillis));
            }
            for (String report : TrackingLeakDetector.takeReports()) {
                problems.add(LeakMessages.nettyReport(report, culprit));
            }
            if (!problems.isEmpty()) {
                throw new AssertionFailedError(String.join("\n\n", problems));
            }
        } finally {
            watch.buffers().close();
        }
    }

    /** Threads started since the snapshot that are still running at the deadline. */
    private static List<LiveThread> runningThreads(ThreadSnapshot before, long deadline) {
        for (int looks = 0; ; looks++) {
            List<LiveThread> running = before.startedSince().stream()
                    .filter(t -> !REPORTED_THREADS.contains(t.id())).toList();
            if (running.isEmpty() || !pause(deadline, looks)) {
                running.forEach(t -> REPORTED_THREADS.add(t.id()));
                return running;
            }
        }
    }

    /** Resources of the scope still unreleased at the deadline, each taken off the scope once reported. */
    static List<LeakMessages.Unreleased> unreleased(LeakScope scope, long deadline) {
        for (int looks = 0; ; looks++) {
            List<ScopedTracker<?>> open = scope.unreleased();
            if (open.isEmpty() || !pause(deadline, looks)) {
                List<LeakMessages.Unreleased> left = new ArrayList<>();
                for (ScopedTracker<?> tracker : open) {
                    scope.remove(tracker);
                    String records = tracker.records();
                    if (!records.isEmpty()) { // else released at the last moment
                        TrackingLeakDetector.reported(records);
                        left.add(new LeakMessages.Unreleased(tracker.resourceType(), records));
                    }
                }
                return left;
            }
        }
    }

    /** Bytes of unpooled heap buffers allocated since {@code before} and still unreleased at the deadline. */
    static long unreleasedUnpooledHeap(long before, long deadline) {
        for (int looks = 0; ; looks++) {
            long grown = UnpooledHeapBytes.used() - before;
            if (grown <= 0 || !pause(deadline, looks)) {
                UnpooledHeapBytes.reported(Math.max(grown, 0));
                return grown;
            }
        }
    }

    /**
     * Sleeps before the next look: 1 ms after the first, twice as long after each next one, up to
     * 16 ms (a closed connection is released within a millisecond or two, a server's threads take
     * longer). False once the deadline has passed, or if the wait was interrupted.
     */
    private static boolean pause(long deadline, int looks) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        try {
            long millis = 1L << Math.min(looks, 4); // 1, 2, 4, 8, then 16 ms
            Thread.sleep(Math.min(millis, TimeUnit.NANOSECONDS.toMillis(left) + 1));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
