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
 * @param scheduled requests that fell due in the measured window (open loop); in a closed loop, those sent
 * @param backlog requests that fell due by the end but were never sent (open loop), warm-up included
 * @param cpuNanos the load generator's process CPU time during the run, or -1 if unknown
 * @param allocatedBytes bytes its I/O threads allocated during the run, or -1 if unknown
 * @param watched the CPU time of the --cpu-of process during the run, or null
 */
record LoadResult(LoadOptions options, String transport, long elapsedNanos, Snapshot total, List<Second> timeline,
                  long scheduled, long backlog, long cpuNanos, long allocatedBytes, ProcessCpu watched) {

    double seconds() {
        return elapsedNanos / 1e9;
    }

    double rps() {
        return total.responses / seconds();
    }

    /**
     * Whether the backlog says the connections could not keep up: more than one request per
     * connection (each may owe one at the very end) and more than 0.1 % of the schedule.
     */
    boolean fellBehind() {
        return options.openLoop() && backlog > Math.max(options.connections(), scheduled / 1000);
    }
}
