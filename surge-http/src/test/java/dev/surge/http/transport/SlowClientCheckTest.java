package dev.surge.http.transport;

import dev.surge.http.ConnectionLimits;
import dev.surge.http.transport.SlowClientCheck.Phase;
import dev.surge.http.transport.SlowClientCheck.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The timeout rules on their own, with a clock the test moves. */
class SlowClientCheckTest {
    private static final long MS = 1_000_000;
    private static final ConnectionLimits LIMITS = ConnectionLimits.DEFAULT.withIdleTimeout(Duration.ofMillis(1000))
            .withHeaderTimeout(Duration.ofMillis(200)).withMinBodyRate(1000).withWriteTimeout(Duration.ofMillis(500));

    @Test
    void aHeadIsTimedFromWhenItWasFirstSeenAndANewRequestStartsAfresh() {
        var check = new SlowClientCheck(LIMITS);
        assertEquals(Verdict.NONE, check.reading(0, Phase.HEAD, 0, 10, false, 0, 1));
        assertEquals(Verdict.NONE, check.reading(150 * MS, Phase.HEAD, 0, 20, false, 0, 1), "bytes alone are no progress");
        assertEquals(Verdict.NONE, check.reading(190 * MS, Phase.HEAD, 1, 30, false, 0, 1), "a completed request restarts the clock");
        assertEquals(Verdict.NONE, check.reading(380 * MS, Phase.HEAD, 1, 40, false, 0, 1));
        assertEquals(Verdict.HEADER_TIMEOUT, check.reading(390 * MS, Phase.HEAD, 1, 40, false, 0, 1));
    }

    @Test
    void aBodyMustAverageTheMinimumRateAfterTheGrace() {
        var check = new SlowClientCheck(LIMITS);  // grace = header timeout = 200 ms; 1000 B/s
        check.reading(0, Phase.BODY, 0, 0, false, 0, 1);
        assertEquals(Verdict.NONE, check.reading(150 * MS, Phase.BODY, 0, 0, false, 0, 1), "within the grace");
        assertEquals(Verdict.NONE, check.reading(400 * MS, Phase.BODY, 0, 400, false, 0, 1), "exactly the rate");
        assertEquals(Verdict.BODY_TOO_SLOW, check.reading(600 * MS, Phase.BODY, 0, 500, false, 0, 1), "500 B in 600 ms");
        var off = new SlowClientCheck(LIMITS.withMinBodyRate(0));
        off.reading(0, Phase.BODY, 0, 0, false, 0, 1);
        assertEquals(Verdict.NONE, off.reading(60_000 * MS, Phase.BODY, 0, 0, false, 0, 1), "0 turns the rate off");
    }

    @Test
    void aConnectionsPhaseFollowsFromWhatItHoldsAndOwes() {
        // buffered, parsing waits, head complete, owes nothing, requests completed
        assertEquals(Phase.HEAD, Phase.of(true, false, false, true, 3), "part of a head");
        assertEquals(Phase.BODY, Phase.of(true, false, true, true, 3), "a head, its body coming");
        assertEquals(Phase.BUSY, Phase.of(true, true, false, false, 3), "input waits for the server");
        assertEquals(Phase.HEAD, Phase.of(false, false, false, true, 0), "a new connection owes its first request");
        assertEquals(Phase.IDLE, Phase.of(false, false, false, true, 3), "nothing held, nothing owed");
        assertEquals(Phase.BUSY, Phase.of(false, false, false, false, 3), "a response still owed");
    }

    @Test
    void theBodyThatCameWithTheHeadCountsTowardTheRate() {
        var check = new SlowClientCheck(LIMITS);  // 1000 B/s after a 200 ms grace
        check.reading(0, Phase.BODY, 0, 4900, false, 0, 1);  // first seen with 4,900 bytes on hand
        assertEquals(Verdict.NONE, check.reading(2000 * MS, Phase.BODY, 0, 4900, false, 0, 1), "4,900 B in 2 s");
        assertEquals(Verdict.BODY_TOO_SLOW, check.reading(5000 * MS, Phase.BODY, 0, 4900, false, 0, 1), "4,900 B in 5 s");
    }

    @Test
    void aStallSeenByTheChannelButNotTheKernelIsTimedFromTheKernelsLastSend() {
        var check = new SlowClientCheck(LIMITS);  // write timeout 500 ms
        Object message = new Object();
        check.writing(0, 1000, message, 0);
        assertEquals(Verdict.WRITE_TIMEOUT, check.writing(600 * MS, 1000, message, 0));
        assertFalse(check.stalledInKernel(600 * MS, 100), "the kernel sent 100 ms ago: the client reads");
        assertEquals(Verdict.NONE, check.writing(900 * MS, 1000, message, 0), "400 ms since that send");
        assertEquals(Verdict.WRITE_TIMEOUT, check.writing(1000 * MS, 1000, message, 0), "500 ms since");
        assertTrue(check.stalledInKernel(1000 * MS, 500), "nothing sent for the whole timeout");
        assertTrue(check.stalledInKernel(1000 * MS, -1), "a transport that cannot tell");
    }

    @Test
    void idleConnectionsCloseAfterTheIdleTimeoutOrSoonerWhenDraining() {
        var check = new SlowClientCheck(LIMITS);
        check.reading(0, Phase.IDLE, 3, 100, false, 0, 1);
        assertEquals(Verdict.NONE, check.reading(900 * MS, Phase.IDLE, 3, 100, false, 0, 1));
        assertEquals(Verdict.IDLE, check.reading(1000 * MS, Phase.IDLE, 3, 100, false, 0, 1));
        var draining = new SlowClientCheck(LIMITS);
        draining.reading(0, Phase.IDLE, 3, 100, true, 250 * MS, 1);
        assertEquals(Verdict.NONE, draining.reading(200 * MS, Phase.IDLE, 3, 100, true, 250 * MS, 1));
        assertEquals(Verdict.IDLE, draining.reading(250 * MS, Phase.IDLE, 3, 100, true, 250 * MS, 1));
        var busy = new SlowClientCheck(LIMITS);
        busy.reading(0, Phase.BUSY, 3, 100, false, 0, 1);
        assertEquals(Verdict.NONE, busy.reading(3_600_000 * MS, Phase.BUSY, 3, 100, false, 0, 1), "waiting on the server is no timeout");
    }

    @Test
    void idleConnectionsAndHeadsGetTheShareOfTheirTimeoutsTheServerGives() {
        var idle = new SlowClientCheck(LIMITS);  // idle 1000 ms, header 200 ms
        idle.reading(0, Phase.IDLE, 3, 100, false, 0, 0.1);
        assertEquals(Verdict.NONE, idle.reading(90 * MS, Phase.IDLE, 3, 100, false, 0, 0.1));
        assertEquals(Verdict.IDLE, idle.reading(100 * MS, Phase.IDLE, 3, 100, false, 0, 0.1));
        var head = new SlowClientCheck(LIMITS);
        head.reading(0, Phase.HEAD, 0, 10, false, 0, 0.1);
        assertEquals(Verdict.NONE, head.reading(19 * MS, Phase.HEAD, 0, 10, false, 0, 0.1));
        assertEquals(Verdict.HEADER_TIMEOUT, head.reading(20 * MS, Phase.HEAD, 0, 10, false, 0, 0.1));
        assertEquals(Verdict.NONE, new SlowClientCheck(LIMITS).reading(0, Phase.HEAD, 0, 10, false, 0, 1));
        var half = new SlowClientCheck(LIMITS);
        half.reading(0, Phase.HEAD, 0, 10, false, 0, 0.5);
        assertEquals(Verdict.NONE, half.reading(99 * MS, Phase.HEAD, 0, 10, false, 0, 0.5));
        assertEquals(Verdict.HEADER_TIMEOUT, half.reading(100 * MS, Phase.HEAD, 0, 10, false, 0, 0.5));
        var body = new SlowClientCheck(LIMITS);
        body.reading(0, Phase.BODY, 0, 0, false, 0, 0.1);
        assertEquals(Verdict.NONE, body.reading(150 * MS, Phase.BODY, 0, 0, false, 0, 0.1), "a body's grace is kept");
        var busy = new SlowClientCheck(LIMITS);
        busy.reading(0, Phase.BUSY, 3, 100, false, 0, 0.1);
        assertEquals(Verdict.NONE, busy.reading(3_600_000 * MS, Phase.BUSY, 3, 100, false, 0, 0.1),
                "a request in progress is the deadline's business");
    }

    @Test
    void outputTheClientTakesNoneOfTimesOutAndAnyProgressResetsIt() {
        var check = new SlowClientCheck(LIMITS);
        Object message = new Object();
        assertEquals(Verdict.NONE, check.writing(0, 1000, message, 0));
        assertEquals(Verdict.NONE, check.writing(400 * MS, 1000, message, 0));
        assertEquals(Verdict.NONE, check.writing(450 * MS, 900, message, 100), "progress");
        assertEquals(Verdict.NONE, check.writing(900 * MS, 900, message, 100));
        assertEquals(Verdict.WRITE_TIMEOUT, check.writing(950 * MS, 5000, message, 100), "more queued is no progress");
        assertEquals(Verdict.NONE, check.writing(2000 * MS, 0, null, 0), "nothing pending");
        var off = new SlowClientCheck(LIMITS.withWriteTimeout(Duration.ZERO));
        off.writing(0, 1000, message, 0);
        assertEquals(Verdict.NONE, off.writing(3_600_000 * MS, 1000, message, 0));
    }

    @Test
    void theSweepRunsAQuarterOfTheShortestTimeoutBetweenTenMillisecondsAndASecond() {
        assertEquals(1000, ConnectionLimits.DEFAULT.withMinBodyRate(0).sweepMillis());
        assertEquals(1000, ConnectionLimits.DEFAULT.sweepMillis(), "10 s timeouts are judged once a second");
        assertEquals(1000, ConnectionLimits.DEFAULT.withHeaderTimeout(Duration.ZERO).withIdleTimeout(Duration.ZERO)
                .withWriteTimeout(Duration.ZERO).sweepMillis(), "the body rate's 5 s grace still wants sweeps");
        assertEquals(50, LIMITS.sweepMillis());
        assertEquals(10, LIMITS.withHeaderTimeout(Duration.ofMillis(1)).sweepMillis());
    }
}
