package dev.surge.web.internal;

import dev.surge.http.AsyncResponse;
import dev.surge.http.Request;
import dev.surge.http.Response;
import dev.surge.http.ServerHealth;
import dev.surge.web.overload.Deadline;

/**
 * Whether a request may run, decided on the event loop before any work is spent on it
 * ({@code dev.surge.web.overload}'s Admission is the one implementation). The router calls it
 * for every request; all of it runs on the loop but {@link TimedAnswer}'s thread-side calls.
 */
public interface AdmissionControl extends AutoCloseable {
    /** The server's health, to count refusals in; starts the watchdog of deadlines. */
    void attach(ServerHealth health);

    /** For an inline route: whether it may run now; if not, it was answered (503). */
    boolean admitInline(Request request, Response response, long routeTimeoutNanos);

    /** For a route on a virtual thread: whether it may start; if not, it was answered (503). */
    boolean admit(Response response);

    /** The deferred response of an admitted request, answered by its deadline if the handler is late. */
    TimedAnswer timed(Request request, AsyncResponse response, long routeTimeoutNanos);

    /** The deadline of a request answered on the event loop. */
    Deadline deadline(Request request, long routeTimeoutNanos);

    /** An admitted request's thread could not be started: its place under the limit is returned. */
    void notStarted();

    /** Stops the watchdog; the app's server has stopped. */
    @Override
    void close();
}
