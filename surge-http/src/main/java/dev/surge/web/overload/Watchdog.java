package dev.surge.web.overload;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The thread that enforces deadlines: it finds the requests on virtual threads whose deadline
 * passed and has them answered (see {@link TimedResponse#expire()}), and runs a periodic
 * task, the memory guard's readings, ten times a second.
 * <p>
 * Cheap for the request path, which only pushes its response onto a lock-free stack (one
 * compare-and-set, on one of several stacks, so event loops do not contend) and never removes
 * it. The watchdog takes the stacks every tick (10 ms) and files each response in a timing
 * wheel under the time it should next look at it: its deadline, or sooner, after as long again
 * as its age so far (at least a tick, at most 2.5 s). A response answered meanwhile is then
 * simply dropped. Most requests are answered within their first tick and are looked at once;
 * a slow one a few times (at 10, 20, 40 ms of age, ...), so that neither a timer per request
 * nor a long list of answered requests waiting for their deadlines is needed.
 * <pre>
 *   push --tick--> wheel slot --looked at: answered--> dropped
 *                             --looked at: deadline passed--> expired (503/504, interrupted)
 *                             --looked at: still running--> a later slot
 * </pre>
 * With nothing to watch it parks until a push wakes it, or the next periodic task.
 */
final class Watchdog implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Watchdog.class.getName());
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int SLOTS = 512;
    /** The longest a response waits to be looked at again: half the wheel, so slots never wrap. */
    private static final long MAX_WAIT_NANOS = SLOTS / 2 * TICK_NANOS;
    /** Stacks are this many references apart, a cache line or more, so pushes to two do not contend. */
    private static final int STRIDE = 16;

    private final AtomicReferenceArray<TimedResponse> arrivals;
    private final int mask;
    private final Runnable periodic;
    private final Thread thread;
    private volatile boolean parked;
    private volatile boolean stopped;

    // The watchdog thread's own.
    private final TimedResponse[] wheel = new TimedResponse[SLOTS];
    private final long origin = System.nanoTime();
    /** The last tick whose slot was looked at. */
    private long tick;
    private int filed;

    /** Starts the thread; {@code periodic}, if not null, runs on it every 100 ms. */
    Watchdog(Runnable periodic) {
        int stacks = Math.min(64, Integer.highestOneBit(2 * Runtime.getRuntime().availableProcessors() - 1) << 1);
        this.arrivals = new AtomicReferenceArray<>(stacks * STRIDE);
        this.mask = stacks - 1;
        this.periodic = periodic;
        this.thread = Thread.ofPlatform().name("surge-watchdog").daemon().unstarted(this::run);
        thread.start();
    }

    /** From any thread: watches {@code response} until it is answered or its deadline passes. */
    void watch(TimedResponse response) {
        int i = ((int) Thread.currentThread().threadId() & mask) * STRIDE;
        TimedResponse head;
        do {
            head = arrivals.get(i);
            response.next = head;
        } while (!arrivals.compareAndSet(i, head, response));
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        long nextPeriodic = System.nanoTime();
        while (!stopped) {
            long now = System.nanoTime();
            long current = (now - origin) / TICK_NANOS;
            if (filed == 0) {
                tick = current;
            }
            takeArrivals(now);
            // Behind by more than the wheel (a long pause): one turn looks at every slot.
            for (long t = Math.max(tick + 1, current - SLOTS + 1); t <= current; t++) {
                tick = t;
                look((int) (t % SLOTS), now);
            }
            if (periodic != null && now - nextPeriodic >= 0) {
                runPeriodic();
                nextPeriodic = now + PERIOD_NANOS;
            }
            if (filed > 0) {
                LockSupport.parkNanos(this, origin + (tick + 1) * TICK_NANOS - System.nanoTime());
            } else {
                parked = true;
                if (!arrived()) {
                    LockSupport.parkNanos(this, periodic == null ? PERIOD_NANOS * 10 : nextPeriodic - System.nanoTime());
                }
                parked = false;
            }
        }
    }

    private void takeArrivals(long now) {
        for (int i = 0; i < arrivals.length(); i += STRIDE) {
            if (arrivals.get(i) == null) {
                continue;
            }
            TimedResponse next;
            for (TimedResponse r = arrivals.getAndSet(i, null); r != null; r = next) {
                next = r.next;
                file(r, now);
            }
        }
    }

    private boolean arrived() {
        for (int i = 0; i < arrivals.length(); i += STRIDE) {
            if (arrivals.get(i) != null) {
                return true;
            }
        }
        return false;
    }

    /** Looks at every response in slot {@code slot}: drops, expires or files each again. */
    private void look(int slot, long now) {
        TimedResponse next;
        TimedResponse r = wheel[slot];
        wheel[slot] = null;
        for (; r != null; r = next) {
            next = r.next;
            filed--;
            file(r, now);
        }
    }

    private void file(TimedResponse r, long now) {
        if (!r.waiting()) {
            return;
        }
        long deadline = r.deadlineNanos();
        if (deadline - now <= 0) {
            try {
                r.expire();
            } catch (RuntimeException | Error e) {
                LOG.log(System.Logger.Level.ERROR, "answering an expired request failed", e);
            }
            return;
        }
        long wait = Math.min(Math.max(now - r.startNanos(), TICK_NANOS), MAX_WAIT_NANOS);
        long at = Math.min(deadline, now + wait);
        long atTick = Math.max(tick + 1, Math.ceilDiv(at - origin, TICK_NANOS));
        int slot = (int) (atTick % SLOTS);
        r.next = wheel[slot];
        wheel[slot] = r;
        filed++;
    }

    private void runPeriodic() {
        try {
            periodic.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "the watchdog's periodic task failed", e);
        }
    }

    /** Stops the thread; responses still watched are left as they are. */
    @Override
    public void close() {
        stopped = true;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
