package dev.surge.http;

/**
 * Why the server refused or cut short work instead of serving it: the reasons counted by
 * {@link ServerHealth#rejected(Rejection)}, and a metric's label.
 */
public enum Rejection {
    /** A new connection closed at accept: the open-connection limit was reached. */
    CONNECTION_LIMIT("connection_limit"),
    /** A new connection closed at accept: memory was short (the memory guard was shedding). */
    CONNECTION_MEMORY("connection_memory"),
    /** A request's head did not arrive within the header timeout (408). */
    HEADER_TIMEOUT("header_timeout"),
    /** A request body arrived slower than the minimum data rate (408). */
    BODY_TOO_SLOW("body_too_slow"),
    /** A client read its responses too slowly: the write timeout closed the connection. */
    WRITE_TIMEOUT("write_timeout"),
    /** A request the codec refused: malformed or over a size limit (4xx). */
    BAD_REQUEST("bad_request"),
    /** Shed by the adaptive concurrency limit (503). */
    CONCURRENCY_LIMIT("concurrency_limit"),
    /** Shed because heap or direct memory passed its watermark (503). */
    MEMORY("memory"),
    /** Dropped before its handler ran: its deadline was too close (503). */
    DEADLINE_EXPIRED("deadline_expired"),
    /** Its handler ran past the request's deadline (503, or 504 when it waited on an upstream). */
    DEADLINE_EXCEEDED("deadline_exceeded");

    private final String label;

    Rejection(String label) {
        this.label = label;
    }

    /** The snake_case name used as a metric label. */
    public String label() {
        return label;
    }
}
