package dev.surge.http;

import java.util.concurrent.atomic.LongAdder;

/**
 * What a running server tells its health checks and metrics: whether it is ready for more
 * work, and how much it refused, by reason. Ready means started, not draining for shutdown,
 * and not shedding load.
 */
public final class ServerHealth {
    private static final Rejection[] REASONS = Rejection.values();

    private final LongAdder[] rejected = new LongAdder[REASONS.length];
    private volatile boolean started;
    private volatile boolean draining;
    /** Why the server is shedding new work right now (e.g. "memory"), or null. */
    private volatile String shedding;
    /** Whether it sheds for want of memory. */
    private volatile boolean shortOfMemory;

    public ServerHealth() {
        for (int i = 0; i < rejected.length; i++) {
            rejected[i] = new LongAdder();
        }
    }

    /** Whether a load balancer should send this server more work. */
    public boolean ready() {
        return started && !draining && shedding == null;
    }

    /** One word for health endpoints: starting, ready, draining or shedding. */
    public String state() {
        if (!started) {
            return "starting";
        }
        if (draining) {
            return "draining";
        }
        return shedding == null ? "ready" : "shedding";
    }

    /** Why the server sheds (e.g. "memory"), or null when it does not. */
    public String sheddingReason() {
        return shedding;
    }

    public boolean draining() {
        return draining;
    }

    /** How many times work was refused for {@code reason} since the server started. */
    public long rejected(Rejection reason) {
        return rejected[reason.ordinal()].sum();
    }

    /** Counts one refusal. */
    public void reject(Rejection reason) {
        rejected[reason.ordinal()].increment();
    }

    public void started() {
        started = true;
    }

    public void draining(boolean on) {
        draining = on;
    }

    /**
     * Starts ({@code reason} not null) or stops shedding; {@code memory}: whether for want of
     * memory, when connections are dealt with too ({@link #shortOfMemory()}).
     */
    public void shedding(String reason, boolean memory) {
        shortOfMemory = reason != null && memory;
        shedding = reason;
    }

    /**
     * Whether the server sheds for want of memory. A connection holds memory of its own before
     * it asks anything, so meanwhile new ones are closed at accept, and idle ones and request
     * heads get a tenth of their timeouts: a flood of them would otherwise exhaust what is short.
     */
    public boolean shortOfMemory() {
        return shortOfMemory;
    }
}
