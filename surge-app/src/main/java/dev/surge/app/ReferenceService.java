package dev.surge.app;

import dev.surge.http.ContentType;
import dev.surge.http.Handler;
import dev.surge.http.routing.ExactRoutes;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reference service: the endpoints the benchmarks and the TechEmpower rules use, plus a
 * lock-free counter (the seed's atomic counter) and an echo.
 */
public final class ReferenceService {
    /** The TechEmpower plaintext type, without a charset. */
    private static final ContentType PLAIN = ContentType.of("text/plain");
    private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.US_ASCII);
    private static final String INDEX = """
            Surge reference service
              GET  /            this list
              GET  /plaintext   Hello, World! (text/plain)
              GET  /json        {"message":"Hello, World!"} (application/json)
              GET  /count       increments a lock-free counter and returns its value
              POST /echo        returns the request body with its Content-Type
            """;

    private final AtomicLong counter = new AtomicLong();

    /** The service's routes. */
    public Handler routes() {
        return ExactRoutes.builder()
                .get("/", (req, res) -> res.text(INDEX))
                .get("/plaintext", (req, res) -> res.send(PLAIN, HELLO))
                .get("/json", (req, res) -> res.send(ContentType.JSON, JsonText.object("message", "Hello, World!")))
                .get("/count", (req, res) -> res.text(Long.toString(counter.incrementAndGet())))
                .post("/echo", (req, res) -> res.send(
                        req.header("Content-Type").map(ContentType::of).orElse(ContentType.OCTET_STREAM), req.body()))
                .build();
    }

    /** The counter's current value. */
    public long count() {
        return counter.get();
    }
}
