package dev.surge.web;

import dev.surge.web.internal.Timeouts;
import dev.surge.web.overload.Deadline;

import java.time.Duration;

/**
 * Options of a route, given by wrapping its handler. {@code Route.inline(h)} runs {@code h}
 * on the connection's event loop, skipping the hand-off to a virtual thread: for the fastest
 * endpoints, whose handler (and middleware) never blocks. {@code Route.timeout(d, h)} gives the
 * route a deadline of its own instead of the app's {@link App#requestTimeout}. Wrappers nest,
 * in either order: {@code Route.inline(Route.timeout(d, h))}.
 */
public final class Route {
    private Route() {
    }

    /** Runs {@code handler} on the event loop: it must not block, not even briefly. */
    public static Handler inline(Handler handler) {
        if (handler instanceof InlineHandler) {
            return handler;
        }
        return new InlineHandler(handler);
    }

    /**
     * Answers the route's requests within {@code timeout} of their arrival, longer or shorter
     * than the app's request timeout; a client's {@code Request-Timeout} may still lower it.
     * See {@link Deadline}. {@link Duration#ZERO} turns the deadline off for the route.
     */
    public static Handler timeout(Duration timeout, Handler handler) {
        return new TimedHandler(Timeouts.checkedNanos(timeout), java.util.Objects.requireNonNull(handler, "handler"));
    }

    /** A handler marked to run on the event loop. */
    record InlineHandler(Handler handler) implements Handler {
        @Override
        public void handle(Context ctx) throws Exception {
            handler.handle(ctx);
        }
    }

    /** A handler with a deadline of its own, in nanoseconds (0: none). */
    record TimedHandler(long timeoutNanos, Handler handler) implements Handler {
        @Override
        public void handle(Context ctx) throws Exception {
            handler.handle(ctx);
        }
    }

    /** What the wrappers around a handler ask for, and the handler inside them. */
    record Options(Handler handler, boolean inline, long timeoutNanos) {
        /** Unwraps {@code handler}; the timeout is -1 where no wrapper sets one (the app's applies). */
        static Options of(Handler handler) {
            boolean inline = false;
            long timeout = -1;
            while (true) {
                if (handler instanceof InlineHandler wrapped) {
                    inline = true;
                    handler = wrapped.handler();
                } else if (handler instanceof TimedHandler timed) {
                    timeout = timeout < 0 ? timed.timeoutNanos() : timeout;  // the outermost wins
                    handler = timed.handler();
                } else {
                    return new Options(handler, inline, timeout);
                }
            }
        }
    }
}
