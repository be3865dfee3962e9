package dev.surge.http;

import java.util.concurrent.atomic.LongAdder;

/**
 * What a running server tells its health checks and metrics: whether it is ready for more
 * work, and how much it refused, by reason. Ready means started, not draining for shutdown,
 * and not shedding load.
 */
public final class ServerHealth {
    /** The reason given while shedding for want of memory. */
    public static final String MEMORY = "memory";
    private static final Rejection[] REASONS = Rejection.values();

    private final LongAdder[] rejected = new LongAdder[REASONS.length];
    private volatile boolean started;
    private volatile boolean draining;
    /** Why the server is shedding new work right now (e.g. "memory"), or null. */
    private volatile String shedding;
    /** The share of their length idle and header timeouts have now (less than 1 while memory runs short). */
    private volatile double timeoutShare = 1;

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

    /** Why the server sheds (e.g. "memory"); empty when it does not. */
    public java.util.Optional<String> sheddingReason() {
        return java.util.Optional.ofNullable(shedding);
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

    /** Starts ({@code reason} not null, {@link #MEMORY} for want of memory) or stops shedding. */
    public void shedding(String reason) {
        shedding = reason;
    }

    /**
     * Whether the server sheds for want of memory. A connection holds memory of its own before
     * it asks anything, so meanwhile new ones are closed at accept: a flood of them would
     * otherwise exhaust what is short.
     */
    public boolean shortOfMemory() {
        return MEMORY.equals(shedding);
    }

    /**
     * The share of their configured length that idle keep-alive and header timeouts have now:
     * 1, or less as memory runs short (down to a tenth while shedding for it), so that the
     * connections holding memory and doing nothing with it are let go first.
     */
    public double timeoutShare() {
        return timeoutShare;
    }

    /** Sets {@link #timeoutShare()}, a fraction from above 0 to 1. */
    public void timeoutShare(double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("a timeout share is over 0 and at most 1, got " + share);
        }
        timeoutShare = share;
    }
}
