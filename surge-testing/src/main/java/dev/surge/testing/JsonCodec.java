package dev.surge.testing;

import dev.surge.web.Json;

import java.io.IOException;

/**
 * The test client's JSON: an {@link dev.surge.web.App}'s default codec, one instance for the
 * JVM, as DSL-JSON is safe to share and costly to build.
 */
final class JsonCodec {
    private static final Json JSON = Json.defaults();

    private JsonCodec() {
    }

    static <T> T read(Class<T> type, byte[] bytes) throws IOException {
        return JSON.fromBytes(type, bytes);
    }

    static byte[] write(Object value) {
        return JSON.toBytes(value);
    }
}
