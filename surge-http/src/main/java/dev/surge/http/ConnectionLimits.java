package dev.surge.http;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Bounds on what one connection, and all of them together, may hold of the server: the
 * defences against slow and greedy clients. Timeouts are checked by a sweep of each event
 * loop's connections, a few times per shortest timeout and at least once a second, so they
 * fire up to that much late; a zero duration turns a timeout off.
 *
 * @param maxConnections  open connections; a connection accepted beyond it is closed at once,
 *                        and the ones already open are not touched
 * @param maxPipelined    responses a connection may have waiting (deferred, or behind a
 *                        deferred one); past it the connection stops parsing until one is sent
 * @param idleTimeout     a keep-alive connection with no request in progress is closed after this
 * @param headerTimeout   a request's head must arrive whole within this, counted from its
 *                        first byte (from the accept, for a connection's first request), else
 *                        408 and close (slowloris); a connection that sent nothing is just closed
 * @param minBodyRate     bytes per second a request body must average, counted from its head,
 *                        once as long as the header timeout has passed (5 s when that is off),
 *                        else 408 and close; 0 turns the check off
 * @param writeTimeout    a connection whose client takes none of its pending output for this
 *                        long is closed (slow reader)
 * @param writeHighWater  unsent output bytes above which the connection stops reading and
 *                        parsing until the client has taken it down to half this
 */
public record ConnectionLimits(int maxConnections, int maxPipelined, Duration idleTimeout, Duration headerTimeout,
                               int minBodyRate, Duration writeTimeout, int writeHighWater) {

    /** How long a request body may take before {@link #minBodyRate} applies. */
    public Duration bodyRateGrace() {
        return headerTimeout.isZero() ? Duration.ofSeconds(5) : headerTimeout;
    }

    /**
     * 90 % of the open-file limit connections, 32 pipelined, idle 60 s, head 10 s, body at
     * least 240 B/s, write 30 s, 64 KiB unsent.
     */
    public static final ConnectionLimits DEFAULT = new ConnectionLimits(defaultMaxConnections(), 32,
            Duration.ofSeconds(60), Duration.ofSeconds(10), 240, Duration.ofSeconds(30), 64 * 1024);

    public ConnectionLimits {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max connections must be at least 1, got " + maxConnections);
        }
        if (maxPipelined < 1 || maxPipelined > 1024) {
            throw new IllegalArgumentException("max pipelined must be 1-1024, got " + maxPipelined);
        }
        notNegative("idle timeout", idleTimeout);
        notNegative("header timeout", headerTimeout);
        notNegative("write timeout", writeTimeout);
        if (minBodyRate < 0) {
            throw new IllegalArgumentException("min body rate must be 0 (off) or more bytes per second, got " + minBodyRate);
        }
        if (writeHighWater < 1024) {
            throw new IllegalArgumentException("the write high-water mark must be at least 1 KiB, got " + writeHighWater);
        }
    }

    private static void notNegative(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be 0 (off) or more, got " + value);
        }
    }

    /** 90 % of the process's open-file limit, or 10,000 where the limit is unknown. */
    public static int defaultMaxConnections() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long fds = unix.getMaxFileDescriptorCount();
            if (fds > 0) {
                return (int) Math.max(1, Math.min(Integer.MAX_VALUE, fds * 9 / 10));
            }
        }
        return 10_000;
    }

    /**
     * How often each loop sweeps its connections: a quarter of the shortest timeout (the body
     * rate's grace counts as one), from 10 ms to 1 s. A sweep looks at every connection of its
     * loop, so its period is what 10,000 idle or slow connections cost: at the defaults, one
     * look at each a second (a tenth of them every 100 ms), and a timeout fires at most a
     * second late.
     */
    public long sweepMillis() {
        long shortest = 1000;
        Duration grace = minBodyRate > 0 ? bodyRateGrace() : Duration.ZERO;
        for (Duration d : new Duration[] {idleTimeout, headerTimeout, writeTimeout, grace}) {
            if (!d.isZero()) {
                shortest = Math.min(shortest, d.toMillis() / 4);
            }
        }
        return Math.max(10, shortest);
    }

    public ConnectionLimits withMaxConnections(int v) {
        return new ConnectionLimits(v, maxPipelined, idleTimeout, headerTimeout, minBodyRate, writeTimeout, writeHighWater);
    }

    public ConnectionLimits withMaxPipelined(int v) {
        return new ConnectionLimits(maxConnections, v, idleTimeout, headerTimeout, minBodyRate, writeTimeout, writeHighWater);
    }

    public ConnectionLimits withIdleTimeout(Duration v) {
        return new ConnectionLimits(maxConnections, maxPipelined, v, headerTimeout, minBodyRate, writeTimeout, writeHighWater);
    }

    public ConnectionLimits withHeaderTimeout(Duration v) {
        return new ConnectionLimits(maxConnections, maxPipelined, idleTimeout, v, minBodyRate, writeTimeout, writeHighWater);
    }

    public ConnectionLimits withMinBodyRate(int v) {
        return new ConnectionLimits(maxConnections, maxPipelined, idleTimeout, headerTimeout, v, writeTimeout, writeHighWater);
    }

    public ConnectionLimits withWriteTimeout(Duration v) {
        return new ConnectionLimits(maxConnections, maxPipelined, idleTimeout, headerTimeout, minBodyRate, v, writeHighWater);
    }

    public ConnectionLimits withWriteHighWater(int v) {
        return new ConnectionLimits(maxConnections, maxPipelined, idleTimeout, headerTimeout, minBodyRate, writeTimeout, v);
    }
}
