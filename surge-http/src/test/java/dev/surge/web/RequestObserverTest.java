package dev.surge.web;

import dev.surge.http.Method;
import dev.surge.http.WireClient;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the router tells a RequestObserver: route ids by pattern (0 for no route), the
 * request's method and status, and the thread each end is heard on (the loop for inline
 * routes and for 404 and 405 without blocking middleware, else the virtual thread).
 */
class RequestObserverTest {

    /** One end as heard. */
    record End(int route, Method method, int status, boolean virtual, long nanos) {
    }

    static final class Recording implements RequestObserver {
        volatile List<String> patterns;
        volatile LongSupplier threads;
        final ConcurrentLinkedQueue<End> ends = new ConcurrentLinkedQueue<>();
        int starts;
        int flushes;

        @Override
        public void routes(List<String> patterns, LongSupplier handlerThreads) {
            this.patterns = patterns;
            this.threads = handlerThreads;
        }

        @Override
        public Recorder forConnection() {
            return new Recorder() {
                @Override
                public long start() {
                    starts++;
                    return System.nanoTime();
                }

                @Override
                public void beforeFlush() {
                    flushes++;
                }

                @Override
                public void end(int route, Method method, int status, long start) {
                    ends.add(new End(route, method, status, Thread.currentThread().isVirtual(), System.nanoTime() - start));
                }
            };
        }
    }

    @Test
    void everyRequestEndsOnceUnderItsRoutesPattern() throws Exception {
        Recording observer = new Recording();
        App app = App.create().observe(observer)
                .get("/inline/{id}", Route.inline(ctx -> ctx.text("i")))
                .get("/virtual", ctx -> ctx.status(201).text("v"))
                .post("/inline/{id}", ctx -> ctx.text("posted"));
        try (Served served = Served.start(app); WireClient c = served.wire()) {
            assertEquals(List.of(RequestObserver.UNMATCHED, "/inline/{id}", "/virtual"), observer.patterns);
            c.send("GET /inline/1 HTTP/1.1\r\nHost: h\r\n\r\n").read();
            c.send("GET /inline/2 HTTP/1.1\r\nHost: h\r\n\r\n").read();
            c.send("HEAD /inline/3 HTTP/1.1\r\nHost: h\r\n\r\n").read(true);
            c.send("GET /virtual HTTP/1.1\r\nHost: h\r\n\r\n").read();
            c.send("POST /inline/4 HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n").read();
            c.send("GET /nowhere HTTP/1.1\r\nHost: h\r\n\r\n").read();
            c.send("DELETE /virtual HTTP/1.1\r\nHost: h\r\n\r\n").read();
        }
        List<End> ends = List.copyOf(observer.ends);
        assertEquals(7, observer.starts);
        assertTrue(observer.flushes >= 7, "told of the flush after each request: " + observer.flushes);
        // As a multiset: a virtual thread records its end after its response is out, so the
        // client's next request may end first.
        assertEquals(counts(List.of(
                new End(1, Method.GET, 200, false, 0), new End(1, Method.GET, 200, false, 0),
                new End(1, Method.HEAD, 200, false, 0), new End(2, Method.GET, 201, true, 0),
                new End(1, Method.POST, 200, true, 0), new End(0, Method.GET, 404, false, 0),
                new End(0, Method.DELETE, 405, false, 0))),
                counts(ends.stream().map(e -> new End(e.route(), e.method(), e.status(), e.virtual(), 0)).toList()));
        assertTrue(ends.stream().allMatch(e -> e.nanos() > 0), "every request took some time");
        assertEquals(0, observer.threads.getAsLong(), "no handler thread left");
    }

    private static java.util.Map<End, Long> counts(List<End> ends) {
        return ends.stream().collect(java.util.stream.Collectors.groupingBy(e -> e, java.util.stream.Collectors.counting()));
    }
}
