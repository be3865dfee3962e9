package dev.surge.web;

/**
 * Code around a route's handler: it runs, calls {@code next.handle(ctx)} to go on (or not,
 * to answer itself), and runs again after. Middleware given to {@code use} wraps everything
 * else, the first registered outermost; see {@link Routes} for the whole order.
 * <p>
 * Middleware runs on the same thread as its route: on a virtual thread, or on the event loop
 * for an {@link Route#inline} route.
 */
@FunctionalInterface
public interface Middleware {

    void handle(Context ctx, Handler next) throws Exception;

    /**
     * Turns an exception into an answer: an {@link HttpException} into its status and
     * message; anything else into a 500 whose body carries an error id, logged once with its
     * stack trace under that id. The connection stays usable. The router applies the same
     * rule to whatever escapes all middleware; place this inside an access log so that the
     * log shows the 500.
     */
    static Middleware recovery() {
        return Recovery.MIDDLEWARE;
    }

    /**
     * Gives every request an id: the client's {@code X-Request-Id} when it is a sensible one
     * (1-128 visible ASCII characters), else a new random one. The id is in
     * {@link Context#requestId()}, in the response's {@code X-Request-Id}, and in the log
     * line of a failure.
     */
    static Middleware requestId() {
        return RequestIds.MIDDLEWARE;
    }

    /**
     * One line per request to {@code log}: client, request line, status, body bytes,
     * duration and request id. Lines are written by a background thread, so a slow disk
     * never stalls a request; when the log cannot keep up, lines are dropped and counted.
     * Leave it out (the default) and it costs nothing.
     */
    static Middleware accessLog(AccessLog log) {
        return log;
    }
}
