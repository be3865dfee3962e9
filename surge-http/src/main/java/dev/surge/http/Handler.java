package dev.surge.http;

/**
 * The seam between the codec and application code: one call per request, which must answer
 * through {@code response} before it returns. The request view is valid only during the call.
 * It runs on the connection's event loop, so it must not block (the application API
 * adds virtual-thread dispatch on top of this seam).
 */
@FunctionalInterface
public interface Handler {
    void handle(Request request, Response response) throws Exception;
}
