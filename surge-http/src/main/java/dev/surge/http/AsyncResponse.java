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
}
