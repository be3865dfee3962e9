package dev.surge.junit.leak;

import io.netty.util.ResourceLeakTracker;

/**
 * Netty's tracker of one resource, listed in the {@link LeakScope} that was current when the
 * resource was allocated until the resource is released. Recording and closing go to Netty's
 * tracker, which keeps the access records and reports the resource if it is garbage-collected
 * unreleased.
 */
public final class ScopedTracker<T> implements ResourceLeakTracker<T> {
    private final ResourceLeakTracker<T> netty;
    private final LeakScope scope;
    private final String resourceType;
    private volatile Boolean staticInitializer;

    ScopedTracker(ResourceLeakTracker<T> netty, LeakScope scope, String resourceType) {
        this.netty = netty;
        this.scope = scope;
        this.resourceType = resourceType;
        scope.opened(this);
    }

    @Override
    public void record() {
        netty.record();
    }

    @Override
    public void record(Object hint) {
        netty.record(hint);
    }

    @Override
    public boolean close(T trackedObject) {
        try {
            return netty.close(trackedObject);
        } finally {
            scope.remove(this);
        }
    }

    @Override
    public Throwable getCloseStackTraceIfAny() {
        return netty.getCloseStackTraceIfAny();
    }

    public String resourceType() {
        return resourceType;
    }

    /**
     * Netty's records of the resource: where it was created and last accessed (at the paranoid
     * level); empty once Netty took them to report the resource collected, or once it was released.
     */
    public String records() {
        try {
            return netty.toString();
        } catch (NegativeArraySizeException releasedMeanwhile) {
            // Netty 4.2's tracker cannot describe itself once closed (its close marker counts as
            // -1 records): the resource was released on another thread while this looked.
            return "";
        }
    }

    /** Whether Netty has no records left: it reported the resource collected, or it was just released. */
    boolean collectedOrReleased() {
        return records().isEmpty();
    }

    /**
     * Constants such as a static final buffer of a class first loaded during a test live as long
     * as the class: they are not the test's leak.
     */
    boolean madeByStaticInitializer() {
        Boolean is = staticInitializer;
        if (is == null) {
            staticInitializer = is = LeakRecords.creation(records()).contains(".<clinit>(");
        }
        return is;
    }
}
