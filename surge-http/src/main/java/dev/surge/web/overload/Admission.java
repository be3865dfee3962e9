package dev.surge.web.overload;

import dev.surge.http.AsyncResponse;
import dev.surge.http.ContentType;
import dev.surge.http.Rejection;
import dev.surge.http.Request;
import dev.surge.http.Response;
import dev.surge.http.ServerHealth;
import dev.surge.http.codec.ParsedRequest;
import dev.surge.web.internal.AdmissionControl;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Whether a request may run, decided on the event loop before any work is spent on it: the
 * {@link MemoryGuard} sheds every request while memory is short, the {@link ConcurrencyLimit}
 * those for virtual threads over the limit, both with 503 and {@code Retry-After}, answered
 * on the loop with no thread started. A request whose deadline is too close by the time it is
 * taken up is answered 503 without running: on the loop for an inline route that waited in
 * its connection's buffer, by {@link TimedResponse#begin} for a virtual thread that started
 * late. Refusals are counted in the server's {@link ServerHealth}.
 */
final class Admission implements AdmissionControl {
    /** Less time left than this when a request is taken up, and it is answered 503 without running. */
    static final long MIN_TIME_LEFT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final String REQUEST_TIMEOUT = "Request-Timeout";
    private static final byte[] OVER_LIMIT = ("Service Unavailable: too many requests in flight; retry later\n")
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHORT_OF_MEMORY = ("Service Unavailable: the server is short of memory; retry later\n")
            .getBytes(StandardCharsets.US_ASCII);

    private final long defaultTimeoutNanos;
    /** Null when off. */
    private final ConcurrencyLimit limit;
    private final MemoryGuard memory;
    private volatile ServerHealth health = new ServerHealth();
    /** Started when a server attaches the router; null before (deadlines then go unwatched). */
    private Watchdog watchdog;
    /** Whether this server reported shedding last, for a guard shared by several servers. */
    private boolean reportedShedding;

    Admission(long defaultTimeoutNanos, ConcurrencyLimit limit, MemoryGuard memory) {
        this.defaultTimeoutNanos = defaultTimeoutNanos;
        this.limit = limit.isOff() ? null : limit;
        this.memory = memory;
    }

    /** The server's health, to count refusals in; starts the watchdog. */
    @Override
    public void attach(ServerHealth health) {
        this.health = health;
        if (watchdog == null) {
            watchdog = new Watchdog(memory.isOff() ? null : this::checkMemory);
        }
    }

    private void checkMemory() {
        memory.check();
        boolean shedding = memory.shedding();
        if (shedding != reportedShedding) {
            reportedShedding = shedding;
            health.shedding(shedding ? ServerHealth.MEMORY : null);
        }
        health.timeoutShare(memory.timeoutShare());
    }

    /** On the event loop, for an inline route: false when the request was answered 503 instead. */
    @Override
    public boolean admitInline(Request request, Response response, long routeTimeoutNanos) {
        if (memory.shedding()) {
            return refuse(response, Rejection.MEMORY, SHORT_OF_MEMORY);
        }
        long timeout = timeout(routeTimeoutNanos);
        if (timeout > 0 && request instanceof ParsedRequest parsed && parsed.receivedNanos() != 0
                && parsed.dispatchedNanos() - parsed.receivedNanos() > timeout - MIN_TIME_LEFT_NANOS) {
            health.reject(Rejection.DEADLINE_EXPIRED);
            response.status(503);
            response.text("Service Unavailable: the request waited past its deadline ("
                    + TimeUnit.NANOSECONDS.toMillis(timeout) + " ms) before it could be handled\n");
            return false;
        }
        return true;
    }

    /** On the event loop, for a virtual-thread route: false when the request was answered 503 instead. */
    @Override
    public boolean admit(Response response) {
        if (memory.shedding()) {
            return refuse(response, Rejection.MEMORY, SHORT_OF_MEMORY);
        }
        if (limit != null && !limit.tryAcquire()) {
            return refuse(response, Rejection.CONCURRENCY_LIMIT, OVER_LIMIT);
        }
        return true;
    }

    private boolean refuse(Response response, Rejection reason, byte[] body) {
        health.reject(reason);
        response.status(503).header("Retry-After", "1").send(ContentType.TEXT_PLAIN, body);
        return false;
    }

    /** On the event loop: the deferred response of an admitted request, under its deadline. */
    @Override
    public TimedResponse timed(Request request, AsyncResponse response, long routeTimeoutNanos) {
        return new TimedResponse(response, this, arrival(request), timeout(routeTimeoutNanos));
    }

    /** The deadline of a request answered on the event loop. */
    @Override
    public Deadline deadline(Request request, long routeTimeoutNanos) {
        long timeout = timeout(routeTimeoutNanos);
        return new Deadline(arrival(request) + timeout, timeout == 0, null);
    }

    /** When the request arrived: the read that brought it in, or now for a request made elsewhere. */
    private static long arrival(Request request) {
        return request instanceof ParsedRequest parsed && parsed.receivedNanos() != 0
                ? parsed.receivedNanos() : System.nanoTime();
    }

    /** The route's timeout, or the app's where the route has none of its own (-1); 0 is none. */
    private long timeout(long routeTimeoutNanos) {
        return routeTimeoutNanos < 0 ? defaultTimeoutNanos : routeTimeoutNanos;
    }

    /** An admitted request whose thread could not be started gives its place back. */
    @Override
    public void notStarted() {
        if (limit != null) {
            limit.release();
        }
    }

    /** An admitted request's handler is done: its place goes back, with its latency. */
    void ended(long startNanos) {
        if (limit != null) {
            long now = System.nanoTime();
            limit.release(now - startNanos, now);
        }
    }

    void watch(TimedResponse response) {
        Watchdog w = watchdog;
        if (w != null) {
            w.watch(response);
        }
    }

    void rejected(Rejection reason) {
        health.reject(reason);
    }

    /**
     * The client's {@code Request-Timeout} in nanoseconds, or -1 without one. Refuses, with a
     * message for a 400, anything but one whole number of milliseconds (two field lines are a
     * list, as "100, 200" is); a number too large to hold is as good as no limit.
     */
    static long clientTimeoutNanos(Request request) {
        String value = request.header(REQUEST_TIMEOUT).orElse(null);
        if (value == null) {
            return -1;
        }
        if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')
                || request.headers(REQUEST_TIMEOUT).size() > 1) {
            throw new IllegalArgumentException("Bad Request: " + REQUEST_TIMEOUT
                    + " must be one whole number of milliseconds, 0 or more; got '"
                    + printable(String.join(", ", request.headers(REQUEST_TIMEOUT))) + "'");
        }
        int first = 0;
        while (first < value.length() - 1 && value.charAt(first) == '0') {
            first++;  // leading zeros do not make it longer
        }
        long millis = value.length() - first > 12 ? Long.MAX_VALUE : Long.parseLong(value, first, value.length(), 10);
        return millis > TimeUnit.NANOSECONDS.toMillis(Long.MAX_VALUE / 2) ? -1 : TimeUnit.MILLISECONDS.toNanos(millis);
    }

    private static String printable(String value) {
        String cut = value.length() > 30 ? value.substring(0, 30) + "..." : value;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** Stops the watchdog. */
    @Override
    public void close() {
        if (watchdog != null) {
            watchdog.close();
        }
    }
}
