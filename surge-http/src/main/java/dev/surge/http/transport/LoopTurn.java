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
 * Ends: a response that ends on another thread is queued here, and one task takes all that
 * have queued since the last one, then has each connection they belong to write and flush
 * once; sixteen pipelined responses of one connection go out in one write, not sixteen.
 */
final class LoopTurn {
    private static final Thread.Builder.OfVirtual STARTERS = Thread.ofVirtual().name("surge-starter");

    private final EventLoop loop;
    private final Runnable startAll = this::startAll;
    private final Runnable takeEnds = this::takeEnds;
    // The loop's.
    private Thread[] pending = new Thread[16];
    private int count;
    private final List<HttpConnection> touched = new ArrayList<>();
    // Any thread's.
    private final ConcurrentLinkedQueue<PendingResponse> ends = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean endsScheduled = new AtomicBoolean();

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
        STARTERS.start(() -> {
            for (Thread thread : batch) {
                thread.start();
            }
        });
    }

    /**
     * From the thread that answered: {@code place} has ended. Throws
     * RejectedExecutionException when the loop has stopped.
     */
    void ended(PendingResponse place) {
        ends.offer(place);
        if (!endsScheduled.get() && endsScheduled.compareAndSet(false, true)) {
            loop.execute(takeEnds);
        }
    }

    private void takeEnds() {
        endsScheduled.set(false);
        for (PendingResponse place; (place = ends.poll()) != null; ) {
            HttpConnection connection = place.connection();
            if (connection.responseEnded(place)) {
                touched.add(connection);
            }
        }
        for (int i = 0; i < touched.size(); i++) {
            touched.get(i).drainEnded();
        }
        touched.clear();
    }
}
