package dev.surge.load;

/** Why a request got no response. Non-2xx answers are responses, counted by status instead. */
enum ErrorKind {
    /** The connection could not be opened; counted per attempt, not per request. */
    CONNECT,
    /** The connection closed or failed before the response ended, or the response was malformed. */
    READ,
    /** No response within --timeout; the connection is closed and opened again. */
    TIMEOUT,
    /** The server reset the connection. */
    RESET;

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
