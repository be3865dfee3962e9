package dev.surge.web.overload;

import dev.surge.web.App;
import dev.surge.web.Route;
import dev.surge.web.UpstreamTimeoutException;

import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

/**
 * When a request must be answered by: its arrival plus the route's timeout ({@link
 * Route#timeout}) or else the app's ({@link App#requestTimeout}, 30 s by default), or sooner
 * when the client sent {@code Request-Timeout} (milliseconds). A handler on a virtual thread
 * that has not answered when the deadline passes is interrupted, and the client gets 503
 * (504 while the handler waits in {@link #upstream}); what the handler answers later is
 * dropped. Hand {@link #timeLeft()} on to calls the handler makes, so that they give up in
 * time.
 * <pre>{@code
 * User user = ctx.deadline().upstream(() -> users.fetch(id, ctx.deadline().timeLeft()));
 * }</pre>
 * Inline routes cannot be interrupted: for them the deadline is checked only when the event
 * loop gets to the request.
 */
public final class Deadline {
    private static final Duration NEVER = ChronoUnit.FOREVER.getDuration();

    /** {@link System#nanoTime()} at the deadline; meaningless when {@link #none}. */
    private final long atNanos;
    private final boolean none;
    /** The response the deadline guards, or null on the event loop. */
    private final TimedResponse owner;

    Deadline(long atNanos, boolean none, TimedResponse owner) {
        this.atNanos = atNanos;
        this.none = none;
        this.owner = owner;
    }

    /** The time left until the deadline; zero once it passed, and ChronoUnit.FOREVER's duration when there is none. */
    public Duration timeLeft() {
        if (none) {
            return NEVER;
        }
        long left = atNanos - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    /** Whether the deadline has passed. */
    public boolean passed() {
        return !none && atNanos - System.nanoTime() <= 0;
    }

    /**
     * Runs {@code call}, a request to another service, marked as waiting on an upstream: if
     * the deadline passes meanwhile, the client gets 504 Gateway Timeout rather than 503. A
     * timeout that {@code call} throws ({@link TimeoutException}, {@link SocketTimeoutException}
     * or {@link HttpTimeoutException}, or an exception caused by one, as surge-client's
     * {@code ClientException} of kind TIMEOUT is) becomes an {@link UpstreamTimeoutException}: 504.
     */
    public <T> T upstream(Callable<T> call) throws Exception {
        if (owner != null) {
            owner.upstream(1);
        }
        try {
            return call.call();
        } catch (Exception e) {
            if (isTimeout(e)) {
                throw new UpstreamTimeoutException("an upstream did not answer in time: " + e.getMessage(), e);
            }
            throw e;
        } finally {
            if (owner != null) {
                owner.upstream(-1);
            }
        }
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof SocketTimeoutException || t instanceof HttpTimeoutException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return none ? "no deadline" : "deadline in " + timeLeft().toMillis() + " ms";
    }
}
