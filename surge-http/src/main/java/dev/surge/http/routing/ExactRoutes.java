package dev.surge.http.routing;

import dev.surge.http.Handler;
import dev.surge.http.Method;
import dev.surge.http.Request;
import dev.surge.http.Response;
import dev.surge.http.codec.ParsedRequest;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Routes by exact path and method, found by the path hash the parser computed, then checked
 * byte for byte against the buffer: no String is made for a request that matches. Answers
 * 404 when no path matches and 405 with {@code Allow} when the path matches but the method
 * does not; HEAD is served by the GET route. Paths with parameters arrive with the
 * application API's router.
 */
public final class ExactRoutes implements Handler {
    private static final int NOT_FOUND = 404;

    private final Entry[] table;
    private final int mask;

    private record Entry(byte[] path, int hash, Map<Method, Handler> handlers, String allow) {
    }

    private ExactRoutes(Map<String, Map<Method, Handler>> routes) {
        int size = Integer.highestOneBit(Math.max(4, routes.size() * 4));
        table = new Entry[size];
        mask = size - 1;
        routes.forEach((path, handlers) -> {
            StringJoiner allow = new StringJoiner(", ");
            handlers.keySet().forEach(m -> allow.add(m.name()));
            if (handlers.containsKey(Method.GET) && !handlers.containsKey(Method.HEAD)) {
                allow.add("HEAD");
            }
            Entry e = new Entry(path.getBytes(StandardCharsets.US_ASCII), path.hashCode(),
                    new EnumMap<>(handlers), allow.toString());
            int slot = e.hash & mask;
            while (table[slot] != null) {
                slot = (slot + 1) & mask;
            }
            table[slot] = e;
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void handle(Request request, Response response) throws Exception {
        Entry entry = find(request);
        if (entry == null) {
            response.status(NOT_FOUND).text("Not Found: no route for " + request.path() + "\n");
            return;
        }
        Handler handler = entry.handlers.get(request.method());
        if (handler == null && request.method() == Method.HEAD) {
            handler = entry.handlers.get(Method.GET);
        }
        if (handler == null) {
            response.status(405).header("Allow", entry.allow)
                    .text("Method Not Allowed: " + request.path() + " allows " + entry.allow + "\n");
            return;
        }
        handler.handle(request, response);
    }

    private Entry find(Request request) {
        if (request instanceof ParsedRequest parsed) {
            for (int slot = parsed.pathHash() & mask; table[slot] != null; slot = (slot + 1) & mask) {
                Entry e = table[slot];
                if (e.hash == parsed.pathHash() && parsed.pathEquals(e.path)) {
                    return e;
                }
            }
            return null;
        }
        String path = request.path();
        for (int slot = path.hashCode() & mask; table[slot] != null; slot = (slot + 1) & mask) {
            Entry e = table[slot];
            if (e.hash == path.hashCode() && path.equals(new String(e.path, StandardCharsets.US_ASCII))) {
                return e;
            }
        }
        return null;
    }

    /** Collects routes; a method and path given twice fail at once, naming the path. */
    public static final class Builder {
        private final Map<String, Map<Method, Handler>> routes = new LinkedHashMap<>();

        public Builder on(Method method, String path, Handler handler) {
            if (!path.startsWith("/") || !StandardCharsets.US_ASCII.newEncoder().canEncode(path)) {
                throw new IllegalArgumentException("route path must be ASCII and start with '/': " + path);
            }
            Map<Method, Handler> byMethod = routes.computeIfAbsent(path, p -> new HashMap<>());
            if (byMethod.putIfAbsent(method, handler) != null) {
                throw new IllegalArgumentException("route " + method + " " + path + " is defined twice");
            }
            return this;
        }

        public Builder get(String path, Handler handler) {
            return on(Method.GET, path, handler);
        }

        public Builder post(String path, Handler handler) {
            return on(Method.POST, path, handler);
        }

        public ExactRoutes build() {
            return new ExactRoutes(routes);
        }
    }
}
