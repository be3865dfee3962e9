package dev.surge.observe;

import jdk.jfr.Recording;

import java.time.Duration;

/**
 * The JFR settings of each profile kind of {@code /debug/profile}, the counterparts of
 * pprof's profiles:
 * <ul>
 *   <li>cpu: where CPU time goes. {@code jdk.CPUTimeSample} samples threads by the CPU time
 *       they use (Linux, JDK 25: it sees native code and time in the kernel too), with
 *       {@code jdk.ExecutionSample} (Java threads running Java code, every 10 ms) beside it
 *       for other systems;</li>
 *   <li>alloc: where memory is allocated: {@code jdk.ObjectAllocationSample}, weighted by
 *       bytes, throttled to 1,000 samples a second;</li>
 *   <li>lock: where threads wait for each other: monitor enters and waits, parks
 *       ({@code ReentrantLock}, queues, virtual threads), each 1 ms or longer, and virtual
 *       threads pinned to their carrier;</li>
 *   <li>wall: where time goes, running or not. JFR samples only threads that run (Java or
 *       native code), so this records those samples every 20 ms, every wait, sleep, park and
 *       socket or file read and write of 1 ms or longer, and a thread dump a second: together,
 *       what each thread did while it was off the CPU as well as on it.</li>
 * </ul>
 */
final class JfrProfiles {
    /** Waits shorter than this are left out: they are many and cost little. */
    private static final Duration BLOCKED = Duration.ofMillis(1);

    private JfrProfiles() {
    }

    /** A recording, not started, set up for {@code event}. */
    static Recording recording(String event) {
        Recording recording = new Recording();
        recording.setName("surge-profile-" + event);
        recording.setToDisk(true);
        switch (event) {
            case "cpu" -> {
                recording.enable("jdk.CPUTimeSample").with("throttle", "10ms");
                recording.enable("jdk.CPUTimeSamplesLost");
                recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            }
            case "alloc" -> recording.enable("jdk.ObjectAllocationSample").with("throttle", "1000/s");
            case "lock" -> {
                enableWaits(recording, "jdk.JavaMonitorEnter", "jdk.JavaMonitorWait", "jdk.ThreadPark");
                recording.enable("jdk.VirtualThreadPinned").withStackTrace().withThreshold(BLOCKED);
            }
            case "wall" -> {
                recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(20));
                recording.enable("jdk.NativeMethodSample").withPeriod(Duration.ofMillis(20));
                enableWaits(recording, "jdk.JavaMonitorEnter", "jdk.JavaMonitorWait", "jdk.ThreadPark",
                        "jdk.ThreadSleep", "jdk.SocketRead", "jdk.SocketWrite", "jdk.FileRead", "jdk.FileWrite");
                recording.enable("jdk.ThreadDump").withPeriod(Duration.ofSeconds(1));
            }
            default -> throw new IllegalArgumentException("no profile kind " + event);
        }
        return recording;
    }

    private static void enableWaits(Recording recording, String... events) {
        for (String event : events) {
            recording.enable(event).withStackTrace().withThreshold(BLOCKED);
        }
    }
}
