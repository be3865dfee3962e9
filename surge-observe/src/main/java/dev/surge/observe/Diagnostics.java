package dev.surge.observe;

import com.sun.management.HotSpotDiagnosticMXBean;

import javax.management.JMException;
import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JDK's own diagnostics behind {@code /debug/threads} and {@code /debug/heap}: a thread
 * dump that includes virtual threads (the JDK's JSON format, the same as
 * {@code jcmd PID Thread.dump_to_file -format=json}), and the class histogram of the heap
 * ({@code jcmd PID GC.class_histogram}).
 */
final class Diagnostics {
    private Diagnostics() {
    }

    /**
     * Dumps every thread, virtual ones included, as JSON into a new file in {@code dir};
     * returns it. The caller deletes it.
     */
    static Path threadDump(Path dir) throws IOException {
        Path file = dir.resolve("surge-threads-" + System.nanoTime() + ".json");
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .dumpThreads(file.toAbsolutePath().toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
        return file;
    }

    /**
     * The class histogram: instances and bytes by class, largest first. Of live objects only
     * (after a full GC) unless {@code all}, which counts unreachable ones too and needs no GC.
     */
    static String classHistogram(boolean all) {
        try {
            ObjectName command = new ObjectName("com.sun.management:type=DiagnosticCommand");
            String[] args = all ? new String[]{"-all"} : new String[0];
            return (String) ManagementFactory.getPlatformMBeanServer().invoke(command, "gcClassHistogram",
                    new Object[]{args}, new String[]{String[].class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException("the JVM's class histogram is not available: " + e.getMessage(), e);
        }
    }

    /** Deletes {@code file}, if there. */
    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A temporary file left behind is no reason to fail the answer.
        }
    }
}
