package dev.surge.load;

/**
 * One of the -c connections as a schedule, which outlives the socket that serves it: when a
 * connection fails and is opened again, its lane keeps the requests that fell due meanwhile,
 * so they are sent late and measured from when they were due, not forgotten.
 */
final class Lane {
    /** When the first request falls due (open loop), in System.nanoTime() time. */
    final long firstDue;
    /** When the next request falls due (open loop), in System.nanoTime() time. */
    long nextDue;
    /** Nanoseconds between this lane's requests (open loop); 0 in a closed loop. */
    final long interval;
    /** Requests this lane has sent. */
    long sent;
    /** The socket open for this lane now, or null while it connects. */
    LoadConnection connection;

    Lane(long firstDue, long interval) {
        this.firstDue = firstDue;
        this.nextDue = firstDue;
        this.interval = interval;
    }

    /** How many of this lane's requests fell due by {@code end}. */
    long dueBy(long end) {
        if (interval == 0) {
            return sent;
        }
        return nextDue > end ? sent : sent + (end - nextDue) / interval + 1;
    }
}
