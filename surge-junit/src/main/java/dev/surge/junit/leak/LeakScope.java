package dev.surge.junit.leak;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resources (buffers, mostly) allocated while one test, or one test class's setup and
 * teardown, was running, and not released yet. Scopes nest like the tests they watch: opening
 * one makes it current for every thread, closing it makes the outer one current again. That
 * needs tests to run one at a time, which {@link dev.surge.junit.LeakCheck} makes sure of.
 */
public final class LeakScope {
    private static volatile LeakScope current;

    private final LeakScope outer;
    private final Set<ScopedTracker<?>> open = ConcurrentHashMap.newKeySet();

    private LeakScope(LeakScope outer) {
        this.outer = outer;
    }

    /** Opens a scope inside the current one and makes it current. */
    public static LeakScope open() {
        LeakScope scope = new LeakScope(current);
        current = scope;
        return scope;
    }

    /** The scope new resources join, or null outside every test. */
    static LeakScope current() {
        return current;
    }

    /** Makes the outer scope current again; resources still open here stay listed. */
    public void close() {
        current = outer;
    }

    void opened(ScopedTracker<?> tracker) {
        open.add(tracker);
    }

    /** Takes a resource off the list: it was released, or it has been reported once. */
    public void remove(ScopedTracker<?> tracker) {
        open.remove(tracker);
    }

    /**
     * Resources still open, but not those a static initializer made to keep for good, nor those
     * already collected, which Netty reports itself.
     */
    public List<ScopedTracker<?>> unreleased() {
        return open.stream().filter(t -> !t.madeByStaticInitializer() && !t.collectedOrReleased()).toList();
    }
}
