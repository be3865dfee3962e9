package dev.surge.load;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The --requests limit, shared by the event loops: permits to send, and a future that
 * completes when every permitted request has been answered or has failed. Unlimited runs
 * never touch the atomics.
 */
final class Budget {
    private final long limit;
    private final AtomicLong left;
    private final AtomicLong settled = new AtomicLong();
    final CompletableFuture<Void> done = new CompletableFuture<>();

    Budget(long limit) {
        this.limit = limit;
        this.left = new AtomicLong(limit);
    }

    boolean limited() {
        return limit > 0;
    }

    /** How many of {@code wanted} requests may be sent now. */
    int take(int wanted) {
        if (limit <= 0) {
            return wanted;
        }
        while (true) {
            long l = left.get();
            int n = (int) Math.min(l, wanted);
            if (n == 0 || left.compareAndSet(l, l - n)) {
                return n;
            }
        }
    }

    /** {@code n} sent requests were answered or failed. */
    void settled(int n) {
        if (limit > 0 && settled.addAndGet(n) >= limit) {
            done.complete(null);
        }
    }
}
