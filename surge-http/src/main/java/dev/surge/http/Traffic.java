package dev.surge.http;

/**
 * What a server's connections have done since it started, summed over its event loops at
 * the moment of asking: for metrics and runtime stats. Each loop counts its own connections
 * in plain fields, so counting takes no atomic operation on the I/O path; the sums are read
 * while the loops go on, so they are each a moment apart, never torn.
 *
 * @param connectionsOpen     connections open now
 * @param connectionsAccepted connections accepted since start
 * @param bytesReceived       bytes read from clients
 * @param bytesSent           bytes handed to the sockets, file bodies included
 * @param pendingTasks        tasks waiting in each event loop's queue, by loop: the backlog of
 *                            work the loops have not reached yet
 */
public record Traffic(long connectionsOpen, long connectionsAccepted, long bytesReceived, long bytesSent,
                      int[] pendingTasks) {

    public Traffic {
        pendingTasks = pendingTasks.clone();
    }

    /** The tasks waiting in loop {@code loop}'s queue. */
    public int pendingTasks(int loop) {
        return pendingTasks[loop];
    }

    /** How many event loops there are. */
    public int eventLoops() {
        return pendingTasks.length;
    }

    /** The tasks waiting in all the loops' queues. */
    public long pendingTasksTotal() {
        long sum = 0;
        for (int tasks : pendingTasks) {
            sum += tasks;
        }
        return sum;
    }

    @Override
    public int[] pendingTasks() {
        return pendingTasks.clone();
    }
}
