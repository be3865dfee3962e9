package dev.surge.web.overload;

import dev.surge.http.AsyncResponse;
import dev.surge.http.ContentType;
import dev.surge.http.Rejection;
import dev.surge.http.Request;
import dev.surge.http.Response;
import dev.surge.web.Context;
import dev.surge.web.internal.ContextAccess;
import dev.surge.web.internal.TimedAnswer;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.FileChannel;
import java.util.concurrent.TimeUnit;

/**
 * The response of a request on a virtual thread, under its deadline. Two parties may answer
 * it, the handler and the {@link Watchdog} once the deadline passed, and one compare-and-set
 * decides which: the handler's first touch of the response (its status, at the latest when
 * the response is sent or a stream opened) claims it, and so does the watchdog's expiry. The
 * loser is ignored quietly: a handler that answers late sees its answer dropped (a stream it
 * opens writes nowhere), and a deadline that passes after the handler began to answer does
 * nothing, so a streamed body, once its head is out, is no longer bound by the deadline.
 * <pre>
 *   WAITING --handler touches the response--> ANSWERING (the handler's)
 *   WAITING --deadline passed--> EXPIRED (503, or 504 in an upstream call; thread interrupted)
 *   WAITING --connection closed--> GONE (thread interrupted)
 * </pre>
 */
final class TimedResponse implements TimedAnswer {
    private static final int WAITING = 0;
    private static final int ANSWERING = 1;
    private static final int EXPIRED = 2;
    private static final int GONE = 3;
    private static final VarHandle STATE;
    private static final VarHandle UPSTREAM;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(TimedResponse.class, "state", int.class);
            UPSTREAM = MethodHandles.lookup().findVarHandle(TimedResponse.class, "upstream", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final AsyncResponse response;
    private final Admission admission;
    // No volatile field is written for a request that goes well but state, once: a volatile
    // write costs a fence, and this is made for every request on a virtual thread.
    private final long startNanos;
    /** The route's (or app's) timeout; 0: none. */
    private final long timeoutNanos;
    /** The client's Request-Timeout where lower, at least 1; 0: none. */
    private volatile long askedNanos;
    private volatile int state;
    /** Whether the handler was let run; a plain field, read racily to tell DEADLINE_EXPIRED from _EXCEEDED. */
    private boolean started;
    /** Calls in {@link Deadline#upstream} now, from the handler's thread or threads it forked. */
    private volatile int upstream;
    // Set on the loop before the watchdog or the handler sees this; cleared by the handler at its end.
    private Context ctx;
    private Thread thread;
    // The handler's thread's: whether it owns the response, or lost it to the deadline.
    private boolean owned;
    private boolean dropping;
    /** The next response in the {@link Watchdog}'s list; the watchdog's. */
    TimedResponse next;

    TimedResponse(AsyncResponse response, Admission admission, long startNanos, long timeoutNanos) {
        this.response = response;
        this.admission = admission;
        this.startNanos = startNanos;
        this.timeoutNanos = timeoutNanos;
    }

    /** On the event loop: the request's Context and thread; the deadline is watched from here on. */
    @Override
    public void bind(Context ctx, Thread thread) {
        this.ctx = ctx;
        this.thread = thread;
        response.onAbort(this::connectionClosed);
        if (timeoutNanos != 0) {
            admission.watch(this);
        }
    }

    /**
     * On the handler's thread, first: lowers the deadline to the client's {@code
     * Request-Timeout}, then checks that enough time is left to run the handler. Returns false
     * when the request was answered instead (400 for a malformed header, 503 when too little
     * time is left, or the watchdog's answer already).
     */
    @Override
    public boolean begin(Request request) {
        long asked;
        try {
            asked = Admission.clientTimeoutNanos(request);
        } catch (IllegalArgumentException e) {
            if (STATE.compareAndSet(this, WAITING, ANSWERING)) {
                response.status(400);
                response.text(e.getMessage() + "\n");
            }
            return false;
        }
        if (asked >= 0 && (timeoutNanos == 0 || asked < timeoutNanos)) {
            askedNanos = Math.max(1, asked);
            if (timeoutNanos == 0) {
                admission.watch(this);
            }
        }
        if (!none() && deadlineNanos() - System.nanoTime() < Admission.MIN_TIME_LEFT_NANOS) {
            expire();
            return false;
        }
        started = true;
        return state == WAITING;
    }

    /**
     * On the handler's thread, last: returns the request's place under the concurrency limit,
     * and lets go of the request, which the watchdog may hold on to until its next tick.
     */
    @Override
    public void end() {
        ctx = null;
        thread = null;
        admission.ended(startNanos);
    }

    /** Answers 503 (504 in an upstream call) unless the handler began to answer; interrupts the handler. */
    void expire() {
        if (!STATE.compareAndSet(this, WAITING, EXPIRED)) {
            return;
        }
        boolean ran = started;
        admission.rejected(ran ? Rejection.DEADLINE_EXCEEDED : Rejection.DEADLINE_EXPIRED);
        Context c = ctx;
        if (c != null) {
            ContextAccess.get().abandon(c);  // what the interrupted handler throws now is no error
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos() - startNanos);
        try {
            if (upstream > 0) {
                response.status(504);
                response.text("Gateway Timeout: the request's deadline (" + millis
                        + " ms) passed while it waited on an upstream\n");
            } else {
                response.status(503);
                response.text(ran ? "Service Unavailable: the request ran past its deadline (" + millis + " ms)\n"
                        : "Service Unavailable: the request waited past its deadline (" + millis
                        + " ms) before a handler could take it\n");
            }
        } catch (RuntimeException e) {
            System.getLogger(TimedResponse.class.getName()).log(System.Logger.Level.DEBUG,
                    () -> "the answer to an expired request was not sent: " + e);
        }
        // Whether or not it saw the handler start (a plain field, which it may see late): a
        // handler that has not started never will, and its thread ends at once either way.
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
        }
    }

    /** On the event loop: the client closed the connection before the response was sent. */
    private void connectionClosed() {
        STATE.compareAndSet(this, WAITING, GONE);
        Context c = ctx;
        Thread t = thread;
        if (c != null) {
            ContextAccess.get().abandon(c);
        }
        if (t != null) {
            t.interrupt();
        }
    }

    /** Whether neither the handler nor the deadline has answered yet. */
    boolean waiting() {
        return state == WAITING;
    }

    long deadlineNanos() {
        long asked = askedNanos;
        return startNanos + (asked != 0 ? asked : timeoutNanos);
    }

    /** Whether there is no deadline: none configured and none asked for. */
    private boolean none() {
        return timeoutNanos == 0 && askedNanos == 0;
    }

    long startNanos() {
        return startNanos;
    }

    @Override
    public Deadline deadline() {
        return new Deadline(deadlineNanos(), none(), this);
    }

    void upstream(int delta) {
        UPSTREAM.getAndAdd(this, delta);
    }

    /** On the handler's thread: whether it may answer (claiming the response the first time). */
    private boolean own() {
        if (owned) {
            return true;
        }
        if (!dropping && STATE.compareAndSet(this, WAITING, ANSWERING)) {
            owned = true;
            return true;
        }
        dropping = true;
        return false;
    }

    // ---- the Response, as the handler's Context uses it ----

    @Override
    public Response status(int status) {
        if (own()) {
            response.status(status);
        }
        return this;
    }

    @Override
    public Response header(String name, String value) {
        if (own()) {
            response.header(name, value);
        }
        return this;
    }

    @Override
    public void send(ContentType type, byte[] body, int offset, int length) {
        if (own()) {
            response.send(type, body, offset, length);
        }
    }

    @Override
    public void sendEmpty() {
        if (own()) {
            response.sendEmpty();
        }
    }

    @Override
    public void sendFile(ContentType type, FileChannel file, long position, long count) {
        if (own()) {
            response.sendFile(type, file, position, count);
            return;
        }
        try {
            file.close();
        } catch (IOException e) {
            // Nothing to do: the file was only read.
        }
    }

    @Override
    public OutputStream stream(ContentType type) {
        return own() ? response.stream(type) : OutputStream.nullOutputStream();
    }

    @Override
    public void abort() {
        if (own()) {
            response.abort();
        }
    }

    @Override
    public boolean committed() {
        return owned ? response.committed() : dropping;
    }

    @Override
    public AsyncResponse defer() {
        throw new IllegalStateException("the response is already deferred");
    }

    @Override
    public void onAbort(Runnable action) {
        response.onAbort(action);
    }

    @Override
    public void start(Thread thread) {
        response.start(thread);
    }
}
