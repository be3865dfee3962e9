package dev.surge.web.internal;

import dev.surge.http.AsyncResponse;
import dev.surge.http.Request;
import dev.surge.web.Context;
import dev.surge.web.overload.Deadline;

/**
 * The response of a request on a virtual thread, which its deadline answers (503, or 504 in an
 * upstream call) when the handler is late, interrupting it ({@code dev.surge.web.overload}'s
 * TimedResponse is the one implementation).
 */
public interface TimedAnswer extends AsyncResponse {
    /** On the event loop: the request's Context and thread; the deadline is watched from here on. */
    void bind(Context ctx, Thread thread);

    /**
     * On the handler's thread, first: whether the handler is to run, or the request was answered
     * instead (a malformed Request-Timeout, too little time left, or the deadline already).
     */
    boolean begin(Request request);

    /** On the handler's thread, last: returns the request's place under the concurrency limit. */
    void end();

    /** The request's deadline. */
    Deadline deadline();
}
