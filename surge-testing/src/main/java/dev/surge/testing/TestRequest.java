package dev.surge.testing;

import dev.surge.http.Method;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A request being put together for a {@link TestClient}, sent by {@link #send()}:
 * <pre>{@code
 * TestResponse r = client.request(Method.POST, "/users")
 *         .header("X-Request-Id", "t-1")
 *         .json(new User(7, "Ada"))
 *         .send();
 * }</pre>
 * Host is set for you (unless given), and Content-Length whenever there is a body or the
 * method is POST, PUT or PATCH.
 */
public final class TestRequest {
    private final TestClient client;
    private final Method method;
    private final String path;
    private final List<String> headers = new ArrayList<>();
    private byte[] body;
    private String contentType;
    private Duration timeout;

    TestRequest(TestClient client, Method method, String path) {
        this.client = client;
        this.method = Objects.requireNonNull(method, "method");
        this.path = checkedPath(path);
        this.timeout = client.timeout();
    }

    /** Adds a header; call again with the same name for several values. */
    public TestRequest header(String name, String value) {
        headers.add(Objects.requireNonNull(name, "header name"));
        headers.add(Objects.requireNonNull(value, "header value"));
        return this;
    }

    /** The body, sent without a Content-Type unless one is given by {@link #header}. */
    public TestRequest body(byte[] body) {
        this.body = body.clone();
        return this;
    }

    /** The body encoded as UTF-8, sent without a Content-Type unless one is given by {@link #header}. */
    public TestRequest body(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The body with its Content-Type, e.g. {@code body(bytes, "image/png")}. */
    public TestRequest body(byte[] body, String contentType) {
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        return body(body);
    }

    /** The body encoded as UTF-8 with its Content-Type, e.g. {@code body("a=1", "application/x-www-form-urlencoded")}. */
    public TestRequest body(String text, String contentType) {
        return body(text.getBytes(StandardCharsets.UTF_8), contentType);
    }

    /** {@code value} serialized by DSL-JSON as the body, with {@code Content-Type: application/json}. */
    public TestRequest json(Object value) {
        return body(JsonCodec.write(Objects.requireNonNull(value, "value")), "application/json");
    }

    /** How long {@link #send()} waits for the whole exchange; the client's timeout by default. */
    public TestRequest timeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
        return this;
    }

    /**
     * Sends the request and waits for the response. A timeout, or a connection that fails,
     * throws UncheckedIOException saying which; the next request then opens a new connection.
     */
    public TestResponse send() {
        return client.send(this);
    }

    Method method() {
        return method;
    }

    String path() {
        return path;
    }

    /** Header names and values, alternating. */
    List<String> headers() {
        return headers;
    }

    /** The body, or null when none was set. */
    byte[] bodyOrNull() {
        return body;
    }

    /** The Content-Type given with the body, or null. */
    String contentType() {
        return contentType;
    }

    Duration timeout() {
        return timeout;
    }

    @Override
    public String toString() {
        return method + " " + path;
    }

    /** The path and query as sent in the request line: from '/', no spaces or control characters. */
    private static String checkedPath(String path) {
        if (path == null || !path.startsWith("/") && !path.equals("*")) {
            throw new IllegalArgumentException("path '" + path + "' must start with '/', e.g. /users/7?full=1");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                throw new IllegalArgumentException("path '" + path + "' holds a space or control character at "
                        + i + ": percent-encode it (a space is %20)");
            }
        }
        return path;
    }
}
