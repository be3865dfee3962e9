package dev.surge.http;

/**
 * The seam between the codec and application code: one call per request, on the
 * connection's event loop, which must answer through {@code response}, either before it
 * returns or, after {@link Response#defer()}, from another thread. The request view is valid
 * only during the call; {@link Request#detach()} makes a copy that outlives it.
 * <p>
 * Most services use {@link dev.surge.web.App}, whose router is a {@code RequestHandler}; this interface is
 * for code that wants the raw seam (benchmarks, proxies, tests of the codec).
 */
@FunctionalInterface
public interface RequestHandler {

    void handle(Request request, Response response) throws Exception;

    /**
     * The handler a new connection calls, made when the connection opens: a handler may
     * return an instance that keeps per-connection state (reused buffers, say). Requests of
     * one connection are handled one after another, so that state needs no locks.
     */
    default RequestHandler forConnection() {
        return this;
    }

    /**
     * Called on the event loop just before the connection flushes the responses answered so
     * far to the socket (once per read batch, and when queued responses are written), and when
     * it closes: the moment those responses are sent. For metrics that time a whole batch with
     * one clock read.
     */
    default void beforeFlush() {
    }

    /**
     * Called once by the server that will run this handler, before it listens: the handler
     * may report shedding to {@code health} and count what it refuses there.
     */
    default void attach(ServerHealth health) {
    }

    /**
     * Called once when the server has stopped and closed its connections: wait here, up to
     * {@code wait}, for work the handler started on other threads, then let go of what it holds.
     */
    default void close(java.time.Duration wait) {
    }
}
