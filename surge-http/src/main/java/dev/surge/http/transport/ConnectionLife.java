package dev.surge.http.transport;

import java.util.concurrent.TimeUnit;

/**
 * One connection's life, decided on its event loop: whether the next request may be taken up,
 * when the connection stops taking requests, when it shuts its output and how long it lingers
 * after. Pure logic: no channel, the clock passed in; {@link HttpConnection} does what it says.
 * <pre>
 *        a response that closes: Connection: close, a refused request,
 *        or a queued response claimed LAST while the server drains
 *   OPEN ──────────────────────────────────────────────────────────▶ DRAINING
 *    │  the same with nothing owed before it; an idle or silent     │ the responses owed written
 *    │  connection let go by the sweep                              │ (or one that closes)
 *    └────────────────────────────────▶ LINGERING ◀─────────────────┘
 *                                          │ output shut (FIN) once the last response is out;
 *                                          │ input read and dropped
 *                                          ▼ the client closed, or the linger is over
 *   any stage ──the channel closed (write timeout, reset, server stop)──▶ CLOSED
 * </pre>
 * While OPEN, taking up requests also waits whenever one of the {@link Wait} reasons holds; input
 * that comes meanwhile is buffered, and reading pauses once too much is ({@link #pauseReading}).
 * <p>
 * Which of two racing sides settles a deferred response's place in its connection is
 * {@link Succession}'s rule.
 */
final class ConnectionLife {
    /** How long a connection whose output is shut waits for its client to close (see {@link HalfClose}). */
    static final long LINGER_MILLIS = 2000;
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
    /** Input buffered while taking up requests waits, beyond which reading pauses. */
    static final int MAX_BUFFERED_WHILE_WAITING = 64 * 1024;

    /** Where a connection is in its life; it only moves down this list. */
    enum Stage {
        /** Takes up requests (unless one of the {@link Wait} reasons holds). */
        OPEN,
        /** Takes up no more requests: writes the responses it owes, the last of which closes it. */
        DRAINING,
        /** Its last response is written: output shut once flushed, input dropped, until closed. */
        LINGERING,
        /** The channel is closed. */
        CLOSED
    }

    /** Why an OPEN connection takes up no request for now; each goes away by itself. */
    enum Wait {
        /** As many responses queued as a connection may have waiting (the pipelining limit). */
        PIPELINE_FULL,
        /** As many file bodies in flight as a connection may hold open. */
        FILES_IN_FLIGHT,
        /** The channel's unsent output is over its high-water mark: the client reads slowly. */
        OUTPUT_FULL;

        final int bit = 1 << ordinal();

        /** The set of reasons that hold, as bits. */
        static int of(boolean pipelineFull, boolean filesInFlight, boolean outputFull) {
            return (pipelineFull ? PIPELINE_FULL.bit : 0) | (filesInFlight ? FILES_IN_FLIGHT.bit : 0)
                    | (outputFull ? OUTPUT_FULL.bit : 0);
        }
    }

    /**
     * A deferred response and the request after it race to settle whether the connection goes
     * on after that response: the loop, taking up the next request, marks it {@link #FOLLOWED};
     * the response's thread, making it the connection's last because the server drains, marks
     * it {@link #LAST}. The first mark holds, so a response that closes is never followed by one
     * that would be dropped, and one that is followed never closes.
     * <pre>
     *   UNSETTLED --loop takes up the next request--> FOLLOWED (the response keeps the connection)
     *   UNSETTLED --writer claims it last-->          LAST (the connection DRAINS after it)
     * </pre>
     * {@link PendingResponse} holds the mark (an atomic int); this is the rule it applies.
     */
    static final class Succession {
        static final int UNSETTLED = 0;
        static final int FOLLOWED = 1;
        static final int LAST = 2;

        private Succession() {
        }

        /** Whether a side that tried to mark {@code wanted} got it, {@code witness} being the mark it found. */
        static boolean won(int witness, int wanted) {
            return witness == UNSETTLED || witness == wanted;
        }
    }

    private Stage stage = Stage.OPEN;
    /** The {@link Wait#OUTPUT_FULL} reason, the one told by an event rather than looked up. */
    private boolean outputFull;
    private boolean readingPaused;
    /** When the linger is over, once the output is shut; meaningful only while {@link #shut}. */
    private long lingerEnds;
    private boolean shut;

    Stage stage() {
        return stage;
    }

    /** The reasons that hold, given the two looked up now (see {@link Wait}). */
    int waits(boolean pipelineFull, boolean filesInFlight) {
        return Wait.of(pipelineFull, filesInFlight, outputFull);
    }

    /** Whether a request may be taken up now, with {@code waits} holding. */
    boolean takesRequests(int waits) {
        return stage == Stage.OPEN && waits == 0;
    }

    /**
     * {@link #takesRequests(int)} for the request path, with the two reasons looked up now given
     * as they are, so that no set of bits is made for every request.
     */
    boolean takesRequests(boolean pipelineFull, boolean filesInFlight) {
        return stage == Stage.OPEN && !pipelineFull && !filesInFlight && !outputFull;
    }

    /** The client's reading changed the channel's writability; true when it is writable again. */
    boolean outputFull(boolean full) {
        outputFull = full;
        return !full;
    }

    /**
     * A request was taken up and answered or queued, and its response closes the connection
     * ({@code Connection: close}, HTTP/1.0), with {@code queued} responses still owed. Returns
     * whether the connection is to linger now (nothing is owed before that response): the
     * caller then calls {@link #linger}. Else it drains. A response that keeps the connection
     * changes nothing, and is not told.
     */
    boolean lastAnswered(int queued) {
        if (queued == 0) {
            return true;
        }
        moveTo(Stage.DRAINING);
        return false;
    }

    /**
     * A request was refused (its error answered); {@code queuedBehind}: the answer waits behind
     * responses still owed. Returns whether the connection is to linger now (see {@link #lastAnswered}).
     */
    boolean refused(boolean queuedBehind) {
        if (queuedBehind) {
            moveTo(Stage.DRAINING);
            return false;
        }
        return true;
    }

    /** The response queued last was claimed as the connection's last (see {@link Succession}): drain. */
    void lastClaimed() {
        moveTo(Stage.DRAINING);
    }

    /**
     * After writing what arrived: whether the connection is to linger now, because a response
     * that closes it was written ({@code closingWritten}), or it drains and owes nothing more.
     */
    boolean drained(boolean closingWritten, int queued) {
        return stage.compareTo(Stage.LINGERING) < 0 && (closingWritten || stage == Stage.DRAINING && queued == 0);
    }

    /** Stops taking requests for good: what is answered is flushed, then the output shut. */
    void linger() {
        moveTo(Stage.LINGERING);
    }

    /** The output was shut at {@code now}: the linger runs for {@link #LINGER_MILLIS} from then. */
    void shutAt(long now) {
        shut = true;
        lingerEnds = now + LINGER_NANOS;
    }

    /** Whether the connection lingers and its linger is over at {@code now}: it is to be closed. */
    boolean lingerOver(long now) {
        return stage == Stage.LINGERING && shut && now - lingerEnds >= 0;
    }

    /** Whether input that arrives is dropped: the connection lingers or is closed. */
    boolean dropsInput() {
        return stage.compareTo(Stage.LINGERING) >= 0;
    }

    void closed() {
        moveTo(Stage.CLOSED);
    }

    /** Stages only move down the list: a later one is never undone. */
    private void moveTo(Stage next) {
        if (next.compareTo(stage) > 0) {
            stage = next;
        }
    }

    /**
     * With {@code buffered} bytes held while {@code waits} hold: whether reading is to pause now
     * (it was not, and too much is buffered while requests cannot be taken up).
     */
    boolean pauseReading(int waits, int buffered) {
        if (readingPaused || takesRequests(waits) || stage != Stage.OPEN && stage != Stage.DRAINING
                || buffered <= MAX_BUFFERED_WHILE_WAITING) {
            return false;
        }
        readingPaused = true;
        return true;
    }

    /**
     * Whether paused reading is to resume now: requests may be taken up again, or the connection
     * lingers, which reads (and drops) what the client still sends so that the close does not
     * meet unread input.
     */
    boolean resumeReading(int waits) {
        if (!readingPaused || stage == Stage.CLOSED || !takesRequests(waits) && stage != Stage.LINGERING) {
            return false;
        }
        readingPaused = false;
        return true;
    }
}
