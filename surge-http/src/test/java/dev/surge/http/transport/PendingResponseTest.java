package dev.surge.http.transport;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CyclicBarrier;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * While the server drains, a response may close its connection only if no later request was
 * taken up, and once one has, none may be: whichever comes first holds.
 */
class PendingResponseTest {
    @Test
    void aLaterRequestTakenUpKeepsTheConnectionOpenForIt() {
        var response = new PendingResponse(null, null);
        assertTrue(response.follow());
        assertFalse(response.claimLast(), "a later request was taken up: this response must not close");
        assertTrue(response.follow(), "and more may follow");
    }

    @Test
    void aResponseThatClosesTheConnectionIsFollowedByNothing() {
        var response = new PendingResponse(null, null);
        assertTrue(response.claimLast());
        assertFalse(response.follow(), "it closes the connection: no later request may be taken up");
        assertTrue(response.claimLast());
    }

    @Test
    void racedFromTwoThreadsExactlyOneWins() throws Exception {
        for (int i = 0; i < 2000; i++) {
            var response = new PendingResponse(null, null);
            var barrier = new CyclicBarrier(2);
            boolean[] followed = new boolean[1];
            Thread loop = Thread.ofPlatform().start(() -> {
                await(barrier);
                followed[0] = response.follow();
            });
            await(barrier);
            boolean closes = response.claimLast();
            loop.join();
            assertNotEquals(closes, followed[0], "round " + i + ": closes " + closes + ", followed " + followed[0]);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
