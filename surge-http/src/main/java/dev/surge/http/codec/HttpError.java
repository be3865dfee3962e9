package dev.surge.http.codec;

/**
 * A request the codec refuses: the status to answer with and a reason a person can act on.
 * Thrown only inside the codec and turned into a response there; it carries no stack trace
 * because a flood of bad requests must stay cheap.
 */
public final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public HttpError(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    static HttpError badRequest(String reason) {
        return new HttpError(400, reason);
    }

    public int status() {
        return status;
    }

    public String reason() {
        return getMessage();
    }
}
