package dev.surge.web;

/**
 * Ends a request with a client- or server-error status and a message the client may read,
 * e.g. {@code throw new HttpException(404, "no user 7")}. Not logged as a failure: it is an
 * answer, not a bug.
 */
public class HttpException extends RuntimeException {
    private final int status;

    public HttpException(int status, String message) {
        this(status, message, null);
    }

    /** With the exception that caused it, for the log. */
    public HttpException(int status, String message, Throwable cause) {
        super(message, cause);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an HttpException needs a 4xx or 5xx status, got " + status);
        }
        this.status = status;
    }

    /** 400 Bad Request with the reason. */
    public static HttpException badRequest(String message) {
        return new HttpException(400, message);
    }

    /** 404 Not Found with the reason. */
    public static HttpException notFound(String message) {
        return new HttpException(404, message);
    }

    public int status() {
        return status;
    }
}
