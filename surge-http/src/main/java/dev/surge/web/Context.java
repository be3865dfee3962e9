package dev.surge.web;

import dev.surge.http.ContentType;
import dev.surge.http.Method;
import dev.surge.http.Request;
import dev.surge.http.Response;
import dev.surge.http.codec.HeaderRules;
import dev.surge.http.routing.RouteTable;
import dev.surge.web.files.FileOptions;
import dev.surge.web.internal.ContextAccess;
import dev.surge.web.internal.FilesAccess;
import dev.surge.web.internal.PercentDecoding;
import dev.surge.web.internal.TimedAnswer;
import dev.surge.web.overload.Deadline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request and its response, as a handler sees them. Reading methods decode on demand;
 * the response is gathered (status, headers, body) and encoded once the handler and its
 * after-filters are done, so a filter can still change it. {@link #stream} is the exception:
 * it sends the head at once.
 * <p>
 * A Context is valid until its handler chain returns; keep what it returns, not the Context.
 * On an {@link Route#inline} route it reads the connection's receive buffer in place.
 */
public final class Context {
    static {
        ContextAccess.lend(new ContextLender());
    }

    private final Request request;
    private final Response response;
    private final RouteTable.Match<?> match;
    private final ConnectionScope scope;
    private final boolean onEventLoop;

    private int status = 200;
    private List<String> headers;
    private ContentType bodyType;
    private byte[] body;
    private int bodyOffset;
    private int bodyLength;
    /** A file body, or null; in an object of its own so that every other answer's Context stays small. */
    private FileAnswer file;
    private boolean answered;
    private OutputStream stream;
    private String requestId;
    private Map<String, Object> attributes;
    private Map<String, String> cookies;
    private volatile boolean abandoned;
    private boolean discarded;

    Context(Request request, Response response, RouteTable.Match<?> match, ConnectionScope scope, boolean onEventLoop) {
        this.request = request;
        this.response = response;
        this.match = match;
        this.scope = scope;
        this.onEventLoop = onEventLoop;
    }

    /** Whether the handler runs on the event loop (an inline route, or a 404 answered there). */
    boolean onEventLoop() {
        return onEventLoop;
    }

    // ---- the request ----

    public Method method() {
        return request.method();
    }

    /** The path, still percent-encoded, e.g. {@code /users/7}. */
    public String path() {
        return request.path();
    }

    /**
     * The decoded value of the route's parameter {@code {name}}, or of {@code *} for what a
     * trailing wildcard matched. A name the route does not have is a programming error.
     */
    public String pathParam(String name) {
        String raw = match == null ? null : match.param(name).orElse(null);
        if (raw == null) {
            throw new IllegalArgumentException("the route has no path parameter '" + name + "'");
        }
        return PercentDecoding.path(raw);
    }

    /**
     * The route's parameter {@code {name}} as a whole number from {@code min} to {@code max}.
     * Anything else the client sent there is answered 400 with the reason ("path parameter 'ms'
     * must be a whole number from 0 to 60000, got 'abc'"); a name the route does not have is a
     * programming error, as for {@link #pathParam}.
     */
    public long pathParamLong(String name, long min, long max) {
        return WholeNumber.parse("path parameter '" + name + "'", pathParam(name), min, max);
    }

    /** {@link #pathParamLong} for an int. */
    public int pathParamInt(String name, int min, int max) {
        return (int) pathParamLong(name, min, max);
    }

    /**
     * The query parameter {@code name} (its first value) as a whole number from {@code min} to
     * {@code max}, or {@code absent} when the query has none of that name. A value that is not
     * such a number is answered 400 with the reason.
     */
    public long queryParamLong(String name, long absent, long min, long max) {
        List<String> values = QueryParams.values(request.query(), name);
        return values.isEmpty() ? absent : WholeNumber.parse("query parameter '" + name + "'", values.getFirst(), min, max);
    }

    /** {@link #queryParamLong} for an int. */
    public int queryParamInt(String name, int absent, int min, int max) {
        return (int) queryParamLong(name, absent, min, max);
    }

    /** The parameter as it arrived, still percent-encoded; null when the route has none of that name. */
    String rawPathParam(String name) {
        return match == null ? null : match.param(name).orElse(null);
    }

    /** The first decoded value of the query parameter, e.g. {@code ?page=2}. */
    public Optional<String> queryParam(String name) {
        List<String> values = QueryParams.values(request.query(), name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** Every decoded value of the query parameter, in order. */
    public List<String> queryParams(String name) {
        return QueryParams.values(request.query(), name);
    }

    /** Every query parameter with its decoded values, in order of first appearance. */
    public Map<String, List<String>> queryParamMap() {
        return QueryParams.all(request.query());
    }

    /** The first value of the header (case-insensitive name). */
    public Optional<String> header(String name) {
        return request.header(name);
    }

    /** Every value of the header, in the order received. */
    public List<String> headers(String name) {
        return request.headers(name);
    }

    /** The value of the named cookie from the {@code Cookie} header(s). */
    public Optional<String> cookie(String name) {
        if (cookies == null) {
            cookies = Cookie.parseRequestCookies(request.headers("Cookie"));
        }
        return Optional.ofNullable(cookies.get(name));
    }

    /** A copy of the body bytes. */
    public byte[] body() {
        return request.body();
    }

    /** The body as text, in the charset its Content-Type names (UTF-8 by default). */
    public String bodyText() {
        return new String(request.body(), ContentTypes.charset(request));
    }

    /** The body as a stream. */
    public InputStream bodyStream() {
        return request.bodyStream();
    }

    /**
     * The JSON body bound to {@code type} (a record or class with a compiled codec, or any
     * type DSL-JSON can read). Invalid, empty or oversize JSON ends the request with 400 and
     * a message that says where the JSON went wrong.
     */
    public <T> T bodyAs(Class<T> type) {
        return scope.readJson(type, request.body());
    }

    /** The time left to answer the request, and calls made meanwhile to other services: see {@link Deadline}. */
    public Deadline deadline() {
        return response instanceof TimedAnswer timed ? timed.deadline() : scope.deadline(request, match);
    }

    /** The low-level request view. */
    public Request request() {
        return request;
    }

    /** The request id set by {@link Middleware#requestId()}; empty without it. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** Sets the request id; it is sent back in {@code X-Request-Id}. */
    public Context requestId(String id) {
        this.requestId = id;
        return this;
    }

    /** A value a filter left for later code; empty when none was left under {@code key}. */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> attribute(String key) {
        return attributes == null ? Optional.empty() : Optional.ofNullable((T) attributes.get(key));
    }

    /** Leaves a value for later code (e.g. the user an auth filter found). */
    public Context attribute(String key, Object value) {
        if (attributes == null) {
            attributes = new HashMap<>(4);
        }
        attributes.put(key, value);
        return this;
    }

    // ---- the response ----

    /** Sets the status (200-599); default 200. */
    public Context status(int status) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("status must be 200-599, got " + status);
        }
        this.status = status;
        return this;
    }

    public int status() {
        return status;
    }

    /** Adds a response header; malformed ones, and those Surge writes, are refused. */
    public Context header(String name, String value) {
        HeaderRules.requireSettable(name, value);
        if (headers == null) {
            headers = new ArrayList<>(4);
        }
        headers.add(name);
        headers.add(value);
        return this;
    }

    /** Adds a {@code Set-Cookie} header. */
    public Context cookie(Cookie cookie) {
        return header("Set-Cookie", cookie.toSetCookie());
    }

    /** Answers {@code text/plain; charset=utf-8}. */
    public void text(String text) {
        bytes(ContentType.TEXT_PLAIN, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Answers {@code text/html; charset=utf-8}. */
    public void html(String html) {
        bytes(ContentType.TEXT_HTML, html.getBytes(StandardCharsets.UTF_8));
    }

    /** Answers with the bytes; the array is read when the response is encoded, not copied now. */
    public void bytes(ContentType type, byte[] bytes) {
        answer(type, bytes, 0, bytes.length);
    }

    /** Answers {@code value} as JSON, serialized now. */
    public void json(Object value) {
        scope.writeJson(this, value);
    }

    /** Answers with no body (and, unless a status was set, 204). */
    public void noContent() {
        if (status == 200) {
            status = 204;
        }
        answer(null, null, 0, 0);
    }

    /**
     * Answers with the file at {@code path} the way {@link Routes#files} serves one: its type by
     * extension, Last-Modified and a strong ETag, 304 to conditional requests that already
     * have it, 206 for a byte range, 416 for a range past its end, and the bytes sent from the
     * page cache to the socket (sendfile). 404 when it is not a regular file. The path is
     * used as given: check any part of it that comes from the request, as {@code files} does.
     */
    public void file(Path path) {
        FilesAccess.get().send(this, path, FileOptions.defaults());
    }

    /** Answers 302 Found with {@code Location}. */
    public void redirect(String location) {
        status(302).header("Location", location);
        answer(null, null, 0, 0);
    }

    /**
     * Sends the head now and returns the body stream (chunked): for large or unbounded
     * bodies. Close it to end the response; the router closes it if the handler does not.
     * Headers and status are final from here on.
     */
    public OutputStream stream(ContentType type) {
        if (stream != null) {
            throw new IllegalStateException("the response stream is already open");
        }
        applyHead();
        answered = true;
        stream = response.stream(type);
        return stream;
    }

    /** Whether a body was set or a stream opened (a before-filter that answers stops the chain). */
    public boolean answered() {
        return answered;
    }

    void answer(ContentType type, byte[] bytes, int offset, int length) {
        if (stream != null) {
            throw new IllegalStateException("the response is being streamed; write to the stream instead");
        }
        closeFile();
        file = null;
        bodyType = type;
        body = bytes;
        bodyOffset = offset;
        bodyLength = length;
        answered = true;
    }

    /** Answers with {@code count} bytes of {@code file} from {@code position}; the Context owns the file from here. */
    void answerFile(ContentType type, FileChannel channel, long position, long count) {
        answer(type, null, 0, 0);
        this.file = new FileAnswer(channel, position, count);
    }

    /** Closes a file body the response has not taken. */
    private void closeFile() {
        if (file != null) {
            file.close();
        }
    }

    /** Forgets what the handler set, for an error answer; the request id stays. */
    void resetResponse() {
        status = 200;
        headers = null;
        bodyType = null;
        body = null;
        closeFile();
        file = null;
        answered = false;
    }

    /** Sends nothing more: the client is gone, or the connection is being aborted. */
    void discardResponse() {
        discarded = true;
        closeFile();
    }

    boolean discarded() {
        return discarded;
    }

    /** Bytes of the gathered body, or -1 when streamed or discarded. */
    long bodyLength() {
        return stream != null || discarded ? -1 : file != null ? file.count() : bodyLength;
    }

    boolean streaming() {
        return stream != null;
    }

    Response response() {
        return response;
    }

    /** Encodes the gathered response, or ends the stream. */
    void finish() {
        if (discarded) {
            closeFile();
            return;
        }
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        if (file != null) {
            finishFile();
            return;
        }
        applyHead();
        if (bodyType != null) {
            response.send(bodyType, body, bodyOffset, bodyLength);
        } else {
            response.sendEmpty();
        }
    }

    /** Sends the file body; apart, so that {@link #finish} stays small enough to inline on the hot path. */
    private void finishFile() {
        if (file.taken()) {
            return;
        }
        try {
            applyHead();
        } catch (RuntimeException e) {
            closeFile();
            throw e;
        }
        file.sendTo(response, bodyType);
    }

    private void applyHead() {
        response.status(status);
        if (headers != null) {
            for (int i = 0; i < headers.size(); i += 2) {
                response.header(headers.get(i), headers.get(i + 1));
            }
        }
        if (requestId != null) {
            response.header(RequestIds.HEADER, requestId);
        }
    }

    /** Marks the client as gone (its connection closed): failures after this are not errors. */
    void abandon() {
        abandoned = true;
    }

    boolean abandoned() {
        return abandoned;
    }

    @Override
    public String toString() {
        return request.method() + " " + request.target();
    }
}
