package dev.surge.junit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The threads alive at one moment, kept to tell later which threads started since and still
 * run. Platform threads are listed by their thread groups, which is cheap; virtual threads are
 * in no group, and only a {@link ThreadDump} (about a millisecond) lists them. So the snapshot
 * keeps the platform threads' ids and the last thread id handed out: ids come from one counter
 * for every thread, platform or virtual, in increasing order as threads are created. A virtual
 * thread is new if its id is above that mark, and when no thread at all was created since
 * (most tests), no dump is needed.
 *
 * @param platformIds the live platform threads
 * @param lastId the last thread id handed out when the snapshot was taken
 */
record ThreadSnapshot(Set<Long> platformIds, long lastId) {
    private static final Runnable NOTHING = () -> { };

    static ThreadSnapshot take() {
        Set<Long> ids = new HashSet<>();
        for (Thread t : platformThreads()) {
            ids.add(t.threadId());
        }
        return new ThreadSnapshot(ids, lastThreadId());
    }

    /** Threads started since this snapshot and alive now, but not the {@link SharedThreads shared} ones. */
    List<LiveThread> startedSince() {
        if (lastThreadId() == lastId + 1) {
            return List.of(); // only the probe itself was created since
        }
        Map<Long, LiveThread> dumped = ThreadDump.take();
        List<LiveThread> started = new ArrayList<>();
        for (Thread t : platformThreads()) {
            if (!platformIds.contains(t.threadId()) && !SharedThreads.isShared(t)) {
                LiveThread seen = dumped.get(t.threadId());
                started.add(seen != null ? seen : describe(t));
            }
        }
        for (LiveThread t : dumped.values()) {
            if (t.virtual() && t.id() > lastId && !SharedThreads.isSharedVirtual(t.name())) {
                started.add(t);
            }
        }
        return started;
    }

    /** Every live platform thread (virtual threads are in no thread group's list). */
    static Thread[] platformThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n;
        while ((n = root.enumerate(threads, true)) == threads.length) {
            threads = new Thread[threads.length * 2];
        }
        return Arrays.copyOf(threads, n);
    }

    /** Reads the id counter by creating a virtual thread that never starts (a small object, no thread). */
    private static long lastThreadId() {
        return Thread.ofVirtual().unstarted(NOTHING).threadId();
    }

    /** A platform thread started between the dump and the enumeration. */
    private static LiveThread describe(Thread t) {
        List<String> frames = Arrays.stream(t.getStackTrace()).map(StackTraceElement::toString).toList();
        return new LiveThread(t.threadId(), t.getName(), false, t.getState().name(), frames);
    }
}
