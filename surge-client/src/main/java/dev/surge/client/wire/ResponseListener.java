package dev.surge.client.wire;

/**
 * What a {@link ResponseParser} reports, in order, for each final response: its header fields,
 * its body content, then its end. Interim (1xx) responses are skipped. The byte ranges point
 * into the parser's input and are valid only during the call, so that a listener that needs
 * nothing (the load generator) makes nothing.
 */
public interface ResponseListener {

    /** A header field of the response; names and values as sent, value trimmed of blanks. */
    default void onHeader(byte[] buf, int nameStart, int nameEnd, int valueStart, int valueEnd) {
    }

    /** A piece of the body, after any chunked framing was removed. */
    default void onContent(byte[] buf, int offset, int length) {
    }

    /**
     * The response ended.
     *
     * @param status its status code
     * @param close whether the server closes the connection after it (Connection: close,
     *              HTTP/1.0 without keep-alive, or a body delimited by the close)
     */
    void onComplete(int status, boolean close);
}
