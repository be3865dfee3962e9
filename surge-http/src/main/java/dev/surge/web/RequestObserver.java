package dev.surge.web;

import dev.surge.http.Method;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * Watches the requests an {@link App} answers, for metrics: given to {@link App#observe},
 * it learns the app's route patterns once, then hears of each request's start and end
 * through a {@link Recorder} per connection. Requests are known by their route's pattern,
 * never by their path, so that what an observer keeps stays bounded whatever paths clients
 * send.
 * <p>
 * This is the seam between the router and a metrics library (surge-observe implements it);
 * the router calls it on the event loop for every request, so an implementation must not
 * block, lock or allocate there.
 */
public interface RequestObserver {

    /** The pattern under which requests no route took are counted: 404, 405 and the automatic OPTIONS answer. */
    String UNMATCHED = "(none)";

    /**
     * Called once, when the app's router is built: {@code patterns} are the routes' patterns
     * by route id ({@link #UNMATCHED} is id 0), and {@code handlerThreads} counts the virtual
     * threads the router has started and that have not ended yet.
     */
    void routes(List<String> patterns, LongSupplier handlerThreads);

    /**
     * Called when a connection opens, on its event loop: the recorder of that connection's
     * requests. The router calls it on the same loop for every request's start and for
     * {@link Recorder#beforeFlush()}, and on the loop or on the request's virtual thread for its
     * end.
     */
    Recorder forConnection();

    /** Hears of the requests of one connection. */
    interface Recorder {

        /** A request is about to be handled; returns its start time, to give back to {@link #end}. */
        long start();

        /**
         * The request was answered ({@code status}), or given up. {@code route} is its
         * route's id, {@code start} what {@link #start()} returned. On the event loop the
         * response is on its way out with others of the same read; {@link #beforeFlush()}
         * tells when they are sent.
         */
        void end(int route, Method method, int status, long start);

        /**
         * On the event loop: the responses of the requests ended so far on this connection
         * are being flushed to the socket now (or the connection closed). A recorder may read
         * the clock once here for all the requests of a read batch.
         */
        default void beforeFlush() {
        }
    }
}
