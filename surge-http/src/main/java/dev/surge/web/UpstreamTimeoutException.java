package dev.surge.web;

import dev.surge.web.overload.Deadline;

/**
 * A service the handler called did not answer in time: the client gets 504 Gateway Timeout
 * with this message. {@link Deadline#upstream} throws it for the timeouts of the calls it
 * runs; a handler may throw it itself.
 */
public class UpstreamTimeoutException extends HttpException {

    public UpstreamTimeoutException(String message) {
        super(504, message);
    }

    public UpstreamTimeoutException(String message, Throwable cause) {
        super(504, message, cause);
    }
}
