package dev.surge.http.transport;

import io.netty.channel.EventLoop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What an event loop gathers over a turn, to act on once rather than once a request: the
 * threads to start for deferred responses, and the deferred responses that ended.
 * <p>
 * Starts: a start from the loop wakes the virtual-thread scheduler, and on a busy core the
 * woken carrier takes the core from the loop at once, so starting each request's thread as
 * it is read costs two context switches a request. The loop only collects the threads while
 * it reads; after its reads it starts one virtual thread that starts them all, from the
 * carrier, where a start is a push onto the carrier's own queue.
 * <p>
 * Hand-overs: what the thread answering a deferred response hands to the loop (a piece of a
 * stream, the end of the response, or its abort) is queued here, in the order each thread
 * handed it over, and one task takes all that have queued since the last one, then has each
 * connection they belong to write and flush once: sixteen pipelined responses of one
 * connection go out in one write, not sixteen.
 */
final class LoopTurn {
    /** A factory, not a builder: a builder may not be shared between threads, and every loop has one of these. */
    private static final java.util.concurrent.ThreadFactory STARTERS = Thread.ofVirtual().name("surge-starter").factory();

    /** A piece of a streamed response, handed over. */
    private record Piece(PendingResponse place, io.netty.buffer.ByteBuf bytes) {
    }

    /** A response given up by its writer: the connection closes once the responses before it are out. */
    private record Abort(PendingResponse place) {
    }

    private final EventLoop loop;
    private final Runnable startAll = this::startAll;
    private final Runnable takeHandOvers = this::takeHandOvers;
    // The loop's.
    private Thread[] pending = new Thread[16];
    private int count;
    private final List<HttpConnection> touched = new ArrayList<>();
    // Any thread's.
    private final ConcurrentLinkedQueue<Object> handOvers = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    LoopTurn(EventLoop loop) {
        this.loop = loop;
    }

    /** On the loop: starts {@code thread} once the loop has finished its reads. */
    void start(Thread thread) {
        if (count == pending.length) {
            pending = Arrays.copyOf(pending, count * 2);
        }
        pending[count++] = thread;
        if (count == 1) {
            try {
                loop.execute(startAll);
            } catch (RejectedExecutionException stopping) {
                startAll();
            }
        }
    }

    private void startAll() {
        if (count == 1) {
            Thread only = pending[0];
            pending[0] = null;
            count = 0;
            only.start();
            return;
        }
        Thread[] batch = Arrays.copyOf(pending, count);
        Arrays.fill(pending, 0, count, null);
        count = 0;
        STARTERS.newThread(() -> {
            for (Thread thread : batch) {
                thread.start();
            }
        }).start();
    }

    /** From the writing thread: {@code place} has ended. Throws RejectedExecutionException when the loop has stopped. */
    void ended(PendingResponse place) {
        handOver(place);
    }

    /** From the writing thread: a piece of {@code place}'s stream. */
    void piece(PendingResponse place, io.netty.buffer.ByteBuf bytes) {
        handOver(new Piece(place, bytes));
    }

    /** From the writing thread: {@code place} was given up. */
    void aborted(PendingResponse place) {
        handOver(new Abort(place));
    }

    private void handOver(Object what) {
        handOvers.offer(what);
        if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
            loop.execute(takeHandOvers);
        }
    }

    private void takeHandOvers() {
        scheduled.set(false);
        for (Object what; (what = handOvers.poll()) != null; ) {
            PendingResponse place;
            if (what instanceof Piece piece) {
                place = piece.place();
                place.add(piece.bytes());
            } else if (what instanceof Abort abort) {
                place = abort.place();
                place.takeAbort();
            } else {
                place = (PendingResponse) what;
                place.takeEnd();
            }
            HttpConnection connection = place.connection();
            if (connection.handedOver(place)) {
                touched.add(connection);
            }
        }
        for (int i = 0; i < touched.size(); i++) {
            touched.get(i).drainHandedOver();
        }
        touched.clear();
    }
}
