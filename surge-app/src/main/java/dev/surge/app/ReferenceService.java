package dev.surge.app;

import dev.surge.http.ContentType;
import dev.surge.web.App;
import dev.surge.web.Context;
import dev.surge.web.Route;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reference service: the endpoints the benchmarks and the TechEmpower rules use, a
 * lock-free counter (the seed's atomic counter), an echo, and a slow endpoint that stands in
 * for a slow backend. The hot endpoints run inline on the event loop; the others on virtual
 * threads.
 */
public final class ReferenceService {
    /** The TechEmpower plaintext type, without a charset. */
    private static final ContentType PLAIN = ContentType.of("text/plain");
    private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.US_ASCII);
    /** The longest {@code /delay/{ms}} a client may ask for. */
    static final int MAX_DELAY_MILLIS = 60_000;
    private static final String INDEX = """
            Surge reference service
              GET  /               this list
              GET  /plaintext      Hello, World! (text/plain), on the event loop
              GET  /plaintext/vt   the same, on a virtual thread
              GET  /json           {"message":"Hello, World!"} (application/json), serialized per request
              GET  /count          increments a lock-free counter and returns its value
              GET  /delay/{ms}     sleeps ms milliseconds on its virtual thread (at most 60000), then 200
              POST /echo           returns the request body with its Content-Type
              GET  /files/...      the files under the directory given with --files, if any
            """;

    private final AtomicLong counter = new AtomicLong();

    /** The service's routes on {@code app}. */
    public App routes(App app) {
        return app
                .get("/", Route.inline(ctx -> ctx.text(INDEX)))
                .get("/plaintext", Route.inline(ctx -> ctx.bytes(PLAIN, HELLO)))
                .get("/plaintext/vt", ctx -> ctx.bytes(PLAIN, HELLO))
                .get("/json", Route.inline(ctx -> ctx.json(new Message("Hello, World!"))))
                .get("/count", Route.inline(ctx -> ctx.text(Long.toString(counter.incrementAndGet()))))
                .get("/delay/{ms}", ReferenceService::delay)
                .post("/echo", ctx -> ctx.bytes(ctx.header("Content-Type").filter(type -> !type.isBlank())
                        .map(ContentType::of).orElse(ContentType.OCTET_STREAM), ctx.body()));
    }

    private static void delay(Context ctx) throws InterruptedException {
        int millis = ctx.pathParamInt("ms", 0, MAX_DELAY_MILLIS);
        Thread.sleep(millis);
        ctx.text("slept " + millis + " ms\n");
    }

    /** The counter's current value. */
    public long count() {
        return counter.get();
    }
}
