package dev.surge.http.transport;

import dev.surge.http.ConnectionLimits;

/**
 * One connection's timeouts, judged at each sweep of its event loop from what the connection
 * is doing and how far it got since the last change: no timer is armed per request, and the
 * request path only counts requests and bytes.
 * <pre>
 *   IDLE  nothing read of a next request, nothing owed  --idle timeout-->   close
 *   HEAD  part of a request head read, or a new connection's first request not yet whole
 *                                                        --header timeout--> 408 (close alone if nothing came)
 *   BODY  the head read, the body coming                 --below the minimum rate after the grace--> 408, close
 *   BUSY  waiting for the server (handlers, files, room) --(no read timeout: deadlines cover it)
 *   and in any phase, output pending that the client takes none of (nor, on epoll, the kernel
 *   sends any of) --write timeout--> close
 * </pre>
 * Only an OPEN or DRAINING connection's phases are judged; a LINGERING one's linger is
 * {@link ConnectionLife}'s.
 * As the server runs short of memory, the idle and header timeouts are cut, down to a tenth
 * ({@code ServerHealth.timeoutShare()}).
 */
final class SlowClientCheck {
    enum Phase {
        IDLE, HEAD, BODY, BUSY;

        /**
         * A connection's phase: whether it holds received bytes not yet answered, whether
         * parsing waits (for the server: room, the queue, a close), whether its request's head
         * is whole, whether it owes nothing, and how many requests it has completed.
         */
        static Phase of(boolean buffered, boolean parsingWaits, boolean headComplete, boolean owesNothing, long requests) {
            if (buffered && !parsingWaits) {
                return headComplete ? BODY : HEAD;
            }
            if (!buffered && owesNothing) {
                // A new connection's first request is due within the header timeout from its accept.
                return requests == 0 ? HEAD : IDLE;
            }
            return BUSY;
        }
    }

    enum Verdict { NONE, IDLE, HEADER_TIMEOUT, BODY_TOO_SLOW, WRITE_TIMEOUT }

    private final long idleNanos;
    private final long headerNanos;
    private final long writeNanos;
    private final long graceNanos;
    private final int minBodyRate;

    private Phase phase;
    /** When the current phase (of the current request) was first seen. */
    private long since;
    private long requestsAtMark = -1;
    /** Which message was being sent (its identity hash: the message itself is not kept). */
    private int writeCurrent;
    private long writeProgress;
    private long writePending;
    /** When output was first seen pending without progress, or -1. */
    private long writeStalledSince = -1;

    SlowClientCheck(ConnectionLimits limits) {
        this.idleNanos = limits.idleTimeout().toNanos();
        this.headerNanos = limits.headerTimeout().toNanos();
        this.writeNanos = limits.writeTimeout().toNanos();
        this.graceNanos = limits.bodyRateGrace().toNanos();
        this.minBodyRate = limits.minBodyRate();
    }

    /**
     * Judges the connection at {@code now}: in {@code phase}, having completed
     * {@code requests} requests, with {@code bodyBytes} of the current request's body on hand
     * (those that came with its head count too). While {@code draining} (for
     * {@code drainIdleNanos} at least), a connection idle for {@code drainIdleNanos} closes (the
     * close races a request the client may be sending, so it waits for one a little). Idle
     * connections and request heads get {@code timeoutShare} of their timeouts (1, or less
     * while the server runs short of memory, as Envoy's overload manager reduces its
     * timeouts): the connections that hold memory and do nothing with it are let go first.
     */
    Verdict reading(long now, Phase phase, long requests, long bodyBytes, boolean draining, long drainIdleNanos,
                    double timeoutShare) {
        if (phase != this.phase || requests != requestsAtMark) {
            this.phase = phase;
            this.requestsAtMark = requests;
            this.since = now;
            return draining && phase == Phase.IDLE && drainIdleNanos == 0 ? Verdict.IDLE : Verdict.NONE;
        }
        long elapsed = now - since;
        return switch (phase) {
            case IDLE -> (idleNanos > 0 && elapsed >= (long) (idleNanos * timeoutShare))
                    || (draining && elapsed >= drainIdleNanos) ? Verdict.IDLE : Verdict.NONE;
            case HEAD -> headerNanos > 0 && elapsed >= (long) (headerNanos * timeoutShare)
                    ? Verdict.HEADER_TIMEOUT : Verdict.NONE;
            case BODY -> minBodyRate > 0 && elapsed >= graceNanos
                    && bodyBytes * 1_000_000_000.0 < (double) minBodyRate * elapsed
                    ? Verdict.BODY_TOO_SLOW : Verdict.NONE;
            case BUSY -> Verdict.NONE;
        };
    }

    /**
     * Judges the output: {@code pending} bytes not yet sent, {@code current} the message being
     * sent and {@code progress} how far into it. Any change counts as progress.
     */
    Verdict writing(long now, long pending, Object current, long progress) {
        if (pending == 0 || writeNanos == 0) {
            writeStalledSince = -1;
            return Verdict.NONE;
        }
        int currentId = System.identityHashCode(current);
        if (writeStalledSince < 0 || currentId != writeCurrent || progress != writeProgress || pending < writePending) {
            writeCurrent = currentId;
            writeProgress = progress;
            writePending = pending;
            writeStalledSince = now;
            return Verdict.NONE;
        }
        writePending = pending;
        return now - writeStalledSince >= writeNanos ? Verdict.WRITE_TIMEOUT : Verdict.NONE;
    }

    /**
     * After {@link #writing} said {@link Verdict#WRITE_TIMEOUT}: whether the stall holds in the
     * kernel too, which sent data {@code millisSinceSent} ago (-1: unknown, and it holds). Data
     * sent since means the client reads, slowly: its stall counts from then.
     */
    boolean stalledInKernel(long now, long millisSinceSent) {
        if (millisSinceSent < 0 || millisSinceSent * 1_000_000 >= writeNanos) {
            return true;
        }
        writeStalledSince = now - millisSinceSent * 1_000_000;
        return false;
    }
}
