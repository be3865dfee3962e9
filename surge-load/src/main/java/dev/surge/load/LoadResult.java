package dev.surge.load;

import java.util.List;

/**
 * Everything a run measured.
 *
 * @param options what was run
 * @param transport the client's transport (epoll or nio)
 * @param elapsedNanos from the start to the stop
 * @param total every response and error of the run
 * @param timeline one entry per whole second
 * @param scheduled requests that fell due (open loop); equals sent in a closed loop
 * @param cpuNanos the load generator's process CPU time during the run, or -1 if unknown
 * @param allocatedBytes bytes its I/O threads allocated during the run, or -1 if unknown
 * @param watched the CPU time of the --cpu-of process during the run, or null
 */
record LoadResult(LoadOptions options, String transport, long elapsedNanos, Snapshot total, List<Second> timeline,
                  long scheduled, long cpuNanos, long allocatedBytes, ProcessCpu watched) {

    double seconds() {
        return elapsedNanos / 1e9;
    }

    double rps() {
        return total.responses / seconds();
    }

    /** Requests that fell due but were never sent (open loop): the connections could not keep up. */
    long unsent() {
        return Math.max(0, scheduled - total.sent);
    }

    /**
     * Whether the unsent requests say the connections could not keep up: more than one per
     * connection (each may owe one at the very end) and more than 0.1 % of the schedule.
     */
    boolean fellBehind() {
        return options.openLoop() && unsent() > Math.max(options.connections(), scheduled / 1000);
    }
}
