package dev.surge.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Another process's CPU time so far (--cpu-of PID), from /proc/PID/stat, as clock ticks of user
 * and system time: read at the start and the end of the measured window, so that a benchmark
 * gets the server's CPU time per request over exactly the requests counted, warm-up excluded.
 *
 * @param user utime, in clock ticks
 * @param system stime, in clock ticks
 */
record ProcessCpu(long user, long system) {

    /** Reads it; fails with a one-line reason when the process is not there (or not Linux). */
    static ProcessCpu of(long pid) throws UsageException {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            throw new UsageException("--cpu-of " + pid + ": no such process to watch (" + e.getMessage() + ")");
        }
        // The command name may hold spaces and parentheses; the fields count from its last ')'.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return new ProcessCpu(Long.parseLong(f[11]), Long.parseLong(f[12]));
    }

    ProcessCpu minus(ProcessCpu before) {
        return new ProcessCpu(user - before.user, system - before.system);
    }
}
