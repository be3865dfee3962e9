package dev.surge.http.transport;

import io.netty.channel.EventLoop;

import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;

/**
 * Starts the threads that answer deferred responses, once per turn of an event loop rather
 * than once per request. A start from the loop wakes the virtual-thread scheduler, and on a
 * busy core the woken carrier takes the core from the loop at once: starting each request's
 * thread as it is read costs two context switches a request. Here the loop only collects the
 * threads while it reads; after its reads it starts one virtual thread that starts them all,
 * from the carrier, where a start is a push onto the carrier's own queue. One wake-up serves
 * the whole turn.
 */
final class HandlerStarts implements Runnable {
    private static final Thread.Builder.OfVirtual STARTERS = Thread.ofVirtual().name("surge-starter");

    private final EventLoop loop;
    private Thread[] pending = new Thread[16];
    private int count;

    HandlerStarts(EventLoop loop) {
        this.loop = loop;
    }

    /** On the loop: starts {@code thread} once the loop has finished its reads. */
    void add(Thread thread) {
        if (count == pending.length) {
            pending = Arrays.copyOf(pending, count * 2);
        }
        pending[count++] = thread;
        if (count == 1) {
            try {
                loop.execute(this);
            } catch (RejectedExecutionException stopping) {
                run();
            }
        }
    }

    @Override
    public void run() {
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
}
