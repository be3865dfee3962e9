package dev.surge.observe;

import dev.surge.http.Server;
import dev.surge.testing.TestClient;
import dev.surge.testing.TestResponse;
import dev.surge.web.Context;
import dev.surge.web.Handler;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A route whose handler waits on its virtual thread until released: a request in flight on demand. */
final class HeldRoute implements Handler {
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    /** What to do while the request is held. */
    interface WhileHeld {
        void run() throws Exception;
    }

    @Override
    public void handle(Context ctx) throws InterruptedException {
        held.countDown();
        release.await();
        ctx.text("released");
    }

    /**
     * Sends {@code GET path} to {@code server} from a client of its own, runs {@code action}
     * while the handler holds it, then releases it and checks that it was answered.
     */
    void whileHeld(Server server, String path, WhileHeld action) throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (TestClient other = TestClient.create(server)) {
            Future<TestResponse> pending = executor.submit(() -> other.get(path));
            held.await();
            try {
                action.run();
            } finally {
                release.countDown();
            }
            assertEquals(200, pending.get().status());
        } finally {
            executor.shutdown();
        }
    }

    /** Lets a held request go, if one is (for a test's clean-up). */
    void release() {
        release.countDown();
    }
}
