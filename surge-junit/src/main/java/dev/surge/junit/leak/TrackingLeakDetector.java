package dev.surge.junit.leak;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakTracker;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Netty's leak detector, made to say which test left a buffer unreleased. Installed for every
 * test by surefire's argLine, {@code -Dio.netty.customResourceLeakDetector=} this class
 * (Netty loads it with the system class loader), it adds two things to Netty's detector:
 * <ul>
 * <li>presence: each tracker Netty hands out while a {@link LeakScope} is open (a test is
 *     running) is listed in that scope until its resource is released, so
 *     {@link dev.surge.junit.LeakCheck} sees at the end of the test what is still unreleased,
 *     without waiting for a garbage collection that may never come;</li>
 * <li>Netty's own reports of resources garbage-collected unreleased, still logged, are kept
 *     for {@link dev.surge.junit.LeakCheck} to fail the test during which they appear.</li>
 * </ul>
 * Netty decides which resources are tracked: every one at the paranoid level the tests run at.
 * This package is exported to Netty alone, which makes the detector from its name.
 */
public final class TrackingLeakDetector<T> extends ResourceLeakDetector<T> {
    private static final Queue<String> REPORTS = new ConcurrentLinkedQueue<>();
    /** Creation records of resources already reported as unreleased by a test. */
    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    static {
        // Leave these frames out of the records: they are the same for every allocation.
        addExclusions(TrackingLeakDetector.class, "track", "trackForcibly", "inScope");
    }

    private final String resourceType;

    /** Called by Netty's ResourceLeakDetectorFactory. */
    public TrackingLeakDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
        this.resourceType = resourceType.getSimpleName();
    }

    /** Called by Netty's ResourceLeakDetectorFactory through its older API; maxActive is unused. */
    public TrackingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
        this(resourceType, samplingInterval);
    }

    @Override
    public ResourceLeakTracker<T> track(T obj) {
        return inScope(super.track(obj));
    }

    @Override
    public ResourceLeakTracker<T> trackForcibly(T obj) {
        return inScope(super.trackForcibly(obj));
    }

    private ResourceLeakTracker<T> inScope(ResourceLeakTracker<T> tracker) {
        LeakScope scope = LeakScope.current();
        return tracker == null || scope == null ? tracker : new ScopedTracker<>(tracker, scope, resourceType);
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        super.reportTracedLeak(resourceType, records);
        // A leak the presence check already blamed on its test comes back here once the buffer
        // is collected; reporting it again would fail whichever test happens to be running.
        if (!REPORTED.contains(LeakRecords.creation(records))) {
            REPORTS.add(resourceType + " garbage-collected without release():\n"
                    + LeakRecords.trimmed(records, "    "));
        }
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        super.reportUntracedLeak(resourceType);
        REPORTS.add(resourceType + " garbage-collected without release() (no records: the leak detection level"
                + " is below advanced)");
    }

    /** Takes the reports Netty made since the last call. */
    public static List<String> takeReports() {
        List<String> taken = new ArrayList<>();
        for (String report; (report = REPORTS.poll()) != null; ) {
            taken.add(report);
        }
        return taken;
    }

    /** Notes that the presence check reported a resource, so Netty's later report of it is not counted again. */
    public static void reported(String records) {
        REPORTED.add(LeakRecords.creation(records));
    }
}
