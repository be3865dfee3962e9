package dev.surge.http.transport;

import dev.surge.http.transport.ConnectionLife.Stage;
import dev.surge.http.transport.ConnectionLife.Succession;
import dev.surge.http.transport.ConnectionLife.Wait;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A connection's stages and the decisions between them, without a socket, the clock moved by the test. */
class ConnectionLifeTest {
    private static final long MS = 1_000_000;
    private static final int NONE = 0;

    @Test
    void anOpenConnectionTakesRequestsUntilAReasonToWaitHolds() {
        var life = new ConnectionLife();
        assertEquals(Stage.OPEN, life.stage());
        assertTrue(life.takesRequests(NONE));
        assertTrue(life.takesRequests(false, false));
        assertFalse(life.takesRequests(true, false), "the pipeline is full");
        assertFalse(life.takesRequests(false, true), "files in flight");
        life.outputFull(true);
        assertFalse(life.takesRequests(false, false), "a slow reader");
        life.outputFull(false);
        life.linger();
        assertFalse(life.takesRequests(false, false), "lingering");
    }

    @Test
    void aResponseThatClosesWithNothingOwedBeforeItLingersAtOnce() {
        var life = new ConnectionLife();
        assertTrue(life.lastAnswered(0), "linger now");
        life.linger();
        assertEquals(Stage.LINGERING, life.stage());
        assertFalse(life.takesRequests(NONE));
        assertTrue(life.dropsInput());
    }

    @Test
    void aResponseThatClosesBehindOthersDrainsThemFirst() {
        var life = new ConnectionLife();
        assertFalse(life.lastAnswered(2), "responses are still owed");
        assertEquals(Stage.DRAINING, life.stage());
        assertFalse(life.takesRequests(NONE), "no request after the closing one is taken up");
        assertFalse(life.dropsInput(), "input is kept: the responses owed are still to write");
        assertFalse(life.drained(false, 1), "one still owed");
        assertTrue(life.drained(false, 0), "all written: linger");
        life.linger();
        assertFalse(life.drained(false, 0), "lingering is decided once");
    }

    @Test
    void aRefusalClosesAfterTheResponsesBeforeIt() {
        var alone = new ConnectionLife();
        assertTrue(alone.refused(false));
        var behind = new ConnectionLife();
        assertFalse(behind.refused(true));
        assertEquals(Stage.DRAINING, behind.stage());
    }

    @Test
    void aWrittenResponseThatClosesEndsTheConnectionWhateverIsQueuedAfterIt() {
        var life = new ConnectionLife();
        assertFalse(life.drained(false, 3), "open, nothing closing");
        assertTrue(life.drained(true, 3), "the server drains: a response claimed last was written");
    }

    @Test
    void aResponseClaimedLastStopsTheNextRequestFromBeingTakenUp() {
        var life = new ConnectionLife();
        life.lastClaimed();
        assertEquals(Stage.DRAINING, life.stage());
        life.linger();
        life.lastClaimed();
        assertEquals(Stage.LINGERING, life.stage(), "stages only move on");
    }

    @Test
    void theStagesOnlyMoveOn() {
        var life = new ConnectionLife();
        life.closed();
        life.linger();
        life.lastClaimed();
        assertFalse(life.lastAnswered(2));
        assertEquals(Stage.CLOSED, life.stage());
        assertFalse(life.drained(true, 0), "a closed connection does not linger");
    }

    @Test
    void requestsWaitWhileAnyReasonHolds() {
        var life = new ConnectionLife();
        assertEquals(NONE, life.waits(false, false));
        assertEquals(Wait.PIPELINE_FULL.bit, life.waits(true, false));
        assertEquals(Wait.FILES_IN_FLIGHT.bit | Wait.PIPELINE_FULL.bit, life.waits(true, true));
        assertFalse(life.takesRequests(life.waits(true, false)));
        assertFalse(life.outputFull(true), "not writable");
        assertEquals(Wait.OUTPUT_FULL.bit, life.waits(false, false), "the slow reader is remembered");
        assertFalse(life.takesRequests(life.waits(false, false)));
        assertTrue(life.outputFull(false), "writable again");
        assertTrue(life.takesRequests(life.waits(false, false)));
    }

    @Test
    void readingPausesOnceTooMuchWaitsAndResumesWhenRequestsMayBeTakenUp() {
        var life = new ConnectionLife();
        int full = Wait.PIPELINE_FULL.bit;
        int lots = ConnectionLife.MAX_BUFFERED_WHILE_WAITING + 1;
        assertFalse(life.pauseReading(NONE, lots), "requests are taken up: nothing waits");
        assertFalse(life.pauseReading(full, ConnectionLife.MAX_BUFFERED_WHILE_WAITING), "not too much yet");
        assertTrue(life.pauseReading(full, lots));
        assertFalse(life.pauseReading(full, lots), "paused once");
        assertFalse(life.resumeReading(full), "still waiting");
        assertTrue(life.resumeReading(NONE));
        assertFalse(life.resumeReading(NONE), "resumed once");
    }

    @Test
    void aDrainingConnectionPausesTooAndALingeringOneReadsToDropInput() {
        var life = new ConnectionLife();
        life.lastAnswered(1);
        assertTrue(life.pauseReading(NONE, ConnectionLife.MAX_BUFFERED_WHILE_WAITING + 1), "draining takes no request");
        assertFalse(life.resumeReading(NONE), "still draining");
        life.linger();
        assertTrue(life.resumeReading(NONE), "a lingering connection reads what comes, so its close meets no unread input");
        assertFalse(life.pauseReading(NONE, Integer.MAX_VALUE), "input is dropped, never held");
    }

    @Test
    void aLingerIsOverTwoSecondsAfterTheOutputWasShutWhateverTheClock() {
        var life = new ConnectionLife();
        life.linger();
        assertFalse(life.lingerOver(0), "no linger before the output is shut");
        long shut = Long.MAX_VALUE - 1000 * MS;  // System.nanoTime() may wrap: only differences count
        life.shutAt(shut);
        assertFalse(life.lingerOver(shut + (ConnectionLife.LINGER_MILLIS - 1) * MS));
        assertTrue(life.lingerOver(shut + ConnectionLife.LINGER_MILLIS * MS));
        assertTrue(life.lingerOver(shut + 5000 * MS));
        life.closed();
        assertFalse(life.lingerOver(shut + 5000 * MS), "closed already");
    }

    @Test
    void theFirstSideToMarkASuccessionHoldsIt() {
        assertTrue(Succession.won(Succession.UNSETTLED, Succession.LAST), "first");
        assertTrue(Succession.won(Succession.LAST, Succession.LAST), "marked so already");
        assertFalse(Succession.won(Succession.FOLLOWED, Succession.LAST), "the loop took up the next request first");
        assertFalse(Succession.won(Succession.LAST, Succession.FOLLOWED), "the writer claimed it last first");
    }
}
