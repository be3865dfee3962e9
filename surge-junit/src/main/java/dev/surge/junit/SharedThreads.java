package dev.surge.junit;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * Threads that the JVM, the JDK, the test runner or Netty start once and share, so no test owns
 * them even when one happens to start them (the first virtual thread starts carriers, the
 * first subprocess a reaper). The leak check ignores them; every other thread a test starts must
 * end with it. Keep this list short: each entry is a place where a real leak could hide.
 */
final class SharedThreads {
    /** Names of the JVM's and JDK's own threads. */
    private static final Set<String> NAMES = Set.of(
            "Reference Handler", "Finalizer", "Signal Dispatcher", "Notification Thread",
            "Common-Cleaner",
            "Attach Listener",          // started when a tool such as jcmd attaches
            "VirtualThread-unblocker",  // JDK 25: resumes virtual threads blocked on monitors
            "VirtualThread-unparker",   // JDK 21: wakes sleeping virtual threads
            "MasterPoller", "Read-Poller", "Write-Poller", // I/O pollers of virtual threads
            "ObjectCleanerThread",      // Netty: cleans its thread-local objects
            "junit-jupiter-timeout-watcher"); // JUnit: watches every @Timeout of the run

    /** Name prefixes, for shared threads whose names carry a number or a pid. */
    private static final List<String> PREFIXES = List.of(
            "process reaper",           // JDK: waits for subprocesses
            "JFR ",                     // Flight Recorder, when a recording runs
            "surefire-forkedjvm-",      // the test runner's own channel to Maven
            "globalEventExecutor-");    // Netty: GlobalEventExecutor, ends after a quiet second

    /** JDK 25 in VTHREAD_POLLERS mode runs its per-carrier I/O pollers as virtual threads. */
    private static final String VIRTUAL_POLLER_PREFIX = "SubPoller-";

    private SharedThreads() {
    }

    static boolean isShared(Thread thread) {
        String type = thread.getClass().getName();
        // Carriers run virtual threads; the JDK keeps them in a pool of its own, for the whole run.
        if (type.equals("jdk.internal.misc.CarrierThread")
                // JDK 25: each ForkJoinPool (the carriers' included) schedules delayed tasks on it.
                || type.equals("java.util.concurrent.DelayScheduler")) {
            return true;
        }
        if (thread instanceof ForkJoinWorkerThread worker && worker.getPool() == ForkJoinPool.commonPool()) {
            return true;
        }
        return isSharedName(thread.getName());
    }

    static boolean isSharedVirtual(String name) {
        return name.startsWith(VIRTUAL_POLLER_PREFIX);
    }

    private static boolean isSharedName(String name) {
        if (NAMES.contains(name)) {
            return true;
        }
        for (String prefix : PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
