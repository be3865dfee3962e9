package dev.surge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A response as a {@link TestClient} received it, fully read and detached from the
 * connection: status, headers (names compared ignoring case) and body bytes.
 */
public final class TestResponse {
    private static final int PREVIEW_CHARS = 200;

    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    TestResponse(int status, Map<String, List<String>> headers, byte[] body) {
        this.status = status;
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        this.headers = Collections.unmodifiableMap(copy);
        this.body = body;
    }

    /** The status code, e.g. 200. */
    public int status() {
        return status;
    }

    /** Every header, names sorted and looked up ignoring case, each with its values in the order received. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of the header (name in any case), e.g. {@code header("content-type")}. */
    public Optional<String> header(String name) {
        return headers(name).stream().findFirst();
    }

    /** Every value of the header (name in any case), in the order received; empty when absent. */
    public List<String> headers(String name) {
        return headers.getOrDefault(name, List.of());
    }

    /** A copy of the body bytes (empty when there was no body). */
    public byte[] body() {
        return body.clone();
    }

    /** The body decoded as UTF-8. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The body read as JSON into {@code type} with DSL-JSON (a {@code @CompiledJson} record,
     * or any type DSL-JSON reads). A body that is not such JSON fails with the status and the
     * start of the body, which is usually the server's error message.
     */
    public <T> T json(Class<T> type) {
        T value;
        try {
            value = JsonCodec.read(type, body);
        } catch (IOException e) {
            throw new UncheckedIOException("the body of this " + status + " response is not JSON for "
                    + type.getSimpleName() + " (" + e.getMessage() + "): " + preview(), e);
        }
        if (value == null) {
            throw new IllegalStateException("the body of this " + status + " response is not a "
                    + type.getSimpleName() + ": " + preview());
        }
        return value;
    }

    /** Status, Content-Type and the start of the body, for assertion messages. */
    @Override
    public String toString() {
        return status + " " + header("Content-Type").orElse("(no Content-Type)") + ", " + body.length + " bytes: " + preview();
    }

    private String preview() {
        String text = text();
        return text.length() <= PREVIEW_CHARS ? text : text.substring(0, PREVIEW_CHARS) + "...";
    }
}
