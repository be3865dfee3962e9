package dev.surge.http;

/**
 * A {@link Response} that another thread answers, after {@link Response#defer()}. Sending
 * it (or closing its stream) hands the encoded bytes back to the connection's event loop.
 */
public interface AsyncResponse extends Response {

    /**
     * Runs {@code action} on the event loop if the connection closes before this response
     * was sent, e.g. to interrupt the thread working on it. Set it right after
     * {@link Response#defer()}, from the handler.
     */
    void onAbort(Runnable action);

    /**
     * Starts {@code thread}, which will answer this response, together with the threads of
     * the other requests the event loop reads in the same turn: the loop starts them all at
     * once after its reads, so that the scheduler is woken once a turn, not once a request.
     * Call it from the handler, on the event loop.
     */
    void start(Thread thread);
}
