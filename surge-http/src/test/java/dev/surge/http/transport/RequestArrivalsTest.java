package dev.surge.http.transport;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A request's arrival is the read that brought it whole, whatever came after; the clock is the test's. */
class RequestArrivalsTest {
    private static final long MS = 1_000_000;

    @Test
    void aRequestReadWholeArrivedAtItsRead() {
        var arrivals = new RequestArrivals();
        arrivals.read(100 * MS, 0);
        assertEquals(100 * MS, arrivals.arrival(40));
        assertEquals(100 * MS, arrivals.passNanos());
    }

    @Test
    void aRequestWaitingInTheBufferKeepsItsArrivalWhenMoreBytesCome() {
        var arrivals = new RequestArrivals();
        arrivals.read(100 * MS, 0);        // a pipeline: 40 bytes taken up, 40 left waiting for room
        arrivals.taken(40);
        arrivals.read(1000 * MS, 40);      // 900 ms later the client sends another request
        assertEquals(100 * MS, arrivals.arrival(40), "the waiting request arrived with the first read");
        arrivals.taken(40);
        assertEquals(1000 * MS, arrivals.arrival(40), "the next one with the second");
        arrivals.pass(1200 * MS);
        assertEquals(1200 * MS, arrivals.passNanos(), "taken up when room opened");
    }

    @Test
    void bytesHeldOverSeveralReadsCountFromTheFirstOfThem() {
        var arrivals = new RequestArrivals();
        arrivals.read(100 * MS, 0);        // part of a request
        arrivals.read(200 * MS, 10);       // more of it: held since 100
        arrivals.read(300 * MS, 30);       // still more: the held bytes came from 100 on
        assertEquals(100 * MS, arrivals.arrival(30), "a request that ends among the held bytes");
        assertEquals(300 * MS, arrivals.arrival(31), "one that needed the last read");
    }

    @Test
    void onceTheHeldBytesAreTakenTheNextHeldOnesCountFromTheirOwnRead() {
        var arrivals = new RequestArrivals();
        arrivals.read(100 * MS, 0);
        arrivals.read(200 * MS, 10);
        arrivals.taken(10);
        arrivals.read(300 * MS, 25);       // 25 bytes from the read at 200 wait now
        assertEquals(200 * MS, arrivals.arrival(25));
    }
}
