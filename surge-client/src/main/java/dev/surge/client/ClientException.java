package dev.surge.client;

/**
 * A request that got no response, and why, as a {@link Kind} a caller can act on: retry a
 * {@code CONNECT} elsewhere, back off on {@code TIMEOUT}, and so on.
 */
public final class ClientException extends RuntimeException {

    /** Why no response came. */
    public enum Kind {
        /** The connection could not be opened (refused, unreachable, unknown host, connect timeout). */
        CONNECT,
        /** The connection ended or failed before the whole response arrived, or the response was malformed. */
        READ,
        /** The server reset the connection. */
        RESET,
        /** The response did not arrive within the response timeout. */
        TIMEOUT,
        /** The client was closed. */
        CLOSED
    }

    private final Kind kind;

    public ClientException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
