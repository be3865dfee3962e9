package dev.surge.http.transport;

/**
 * When the requests held in a connection's buffer arrived, so that a request's deadline counts
 * from the read that brought it whole, not from a later read after which it was taken up (a
 * request that waits behind a full pipeline keeps its arrival while more bytes come). Pure
 * bookkeeping, the clock passed in; the connection calls it on its loop.
 * <pre>
 *   read at t:  the bytes buffered before it came at the previous read (or earlier: held)
 *   a request:  ends among the held bytes --> arrived when the first of them came
 *               ends in the last read's    --> arrived at that read
 * </pre>
 */
final class RequestArrivals {
    /** The last read. */
    private long readNanos;
    /** The pass that dispatches requests now: the last read, or later when they waited. */
    private long passNanos;
    /** Buffered bytes that came before the last read, and when the first of those reads was. */
    private int heldBytes;
    private long heldNanos;

    /** A read at {@code now}, with {@code bufferedBefore} bytes still buffered from earlier reads. */
    void read(long now, int bufferedBefore) {
        heldNanos = heldBytes == 0 ? readNanos : heldNanos;
        heldBytes = bufferedBefore;
        readNanos = now;
        passNanos = now;
    }

    /** Buffered requests are taken up at {@code now}, after waiting for room. */
    void pass(long now) {
        passNanos = now;
    }

    /** When the request of {@code length} bytes at the head of the buffer arrived. */
    long arrival(int length) {
        return length <= heldBytes ? heldNanos : readNanos;
    }

    /** The request of {@code length} bytes at the head of the buffer was taken up. */
    void taken(int length) {
        heldBytes = Math.max(0, heldBytes - length);
    }

    /** When the current pass began. */
    long passNanos() {
        return passNanos;
    }
}
