package dev.surge.web.overload;

import dev.surge.http.AsyncResponse;
import dev.surge.http.ContentType;
import dev.surge.http.Rejection;
import dev.surge.http.Response;
import dev.surge.http.ServerHealth;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The watchdog alone: of many responses with deadlines spread over more than its wheel's
 * span, it answers every one whose handler did not claim it first, none before its deadline,
 * and leaves the claimed ones alone.
 */
class WatchdogTest {

    /** Records what the watchdog answered, and when. */
    private static final class Recorded implements AsyncResponse {
        volatile int status;
        volatile long answeredAt;

        @Override
        public Response status(int status) {
            this.status = status;
            return this;
        }

        @Override
        public Response header(String name, String value) {
            return this;
        }

        @Override
        public void send(ContentType type, byte[] body, int offset, int length) {
            answeredAt = System.nanoTime();
        }

        @Override
        public void sendEmpty() {
            answeredAt = System.nanoTime();
        }

        @Override
        public void sendFile(ContentType type, FileChannel file, long position, long count) {
            throw new UnsupportedOperationException();
        }

        @Override
        public OutputStream stream(ContentType type) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void abort() {
        }

        @Override
        public boolean committed() {
            return answeredAt != 0;
        }

        @Override
        public AsyncResponse defer() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void onAbort(Runnable action) {
        }

        @Override
        public void start(Thread thread) {
        }
    }

    private record Watched(TimedResponse timed, Recorded recorded, long deadline, boolean claimed) {
    }

    @Test
    void everyUnclaimedResponseIsAnsweredAtOrAfterItsDeadlineAndNoClaimedOne() throws Exception {
        ServerHealth health = new ServerHealth();
        Random random = new Random(7);
        List<Watched> all = new ArrayList<>();
        int unclaimed = 0;
        try (Admission admission = new Admission(0, ConcurrencyLimit.off(), MemoryGuard.off())) {
            admission.attach(health);
            for (int i = 0; i < 3000; i++) {
                // Most within 600 ms; a few past the wheel's 2.5 s reach, to be filed again.
                long timeout = i % 500 == 0 ? TimeUnit.MILLISECONDS.toNanos(3000)
                        : TimeUnit.MICROSECONDS.toNanos(1 + random.nextInt(600_000));
                Recorded recorded = new Recorded();
                long start = System.nanoTime();
                TimedResponse timed = new TimedResponse(recorded, admission, start, timeout);
                timed.bind(null, null);
                boolean claimed = i % 3 == 0;
                if (claimed) {
                    timed.status(200);  // the handler's first touch: the deadline no longer applies
                } else {
                    unclaimed++;
                }
                all.add(new Watched(timed, recorded, start + timeout, claimed));
            }
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (health.rejected(Rejection.DEADLINE_EXPIRED) < unclaimed && System.nanoTime() < giveUp) {
                Thread.sleep(20);
            }
        }
        assertEquals(unclaimed, health.rejected(Rejection.DEADLINE_EXPIRED), "every unclaimed response expired, once");
        for (Watched w : all) {
            if (w.claimed()) {
                assertEquals(0, w.recorded().answeredAt, "the watchdog left a claimed response alone");
                assertEquals(200, w.recorded().status);
            } else {
                assertEquals(503, w.recorded().status);
                assertTrue(w.recorded().answeredAt - w.deadline() >= 0, "answered no sooner than its deadline");
                assertTrue(!w.timed().waiting());
            }
        }
    }
}
