package dev.surge.http.routing;

import dev.surge.http.Method;
import dev.surge.http.codec.ParsedRequest;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Finds the route for a method and a raw request path: exact paths in a hash table, looked up
 * in place in the receive buffer without allocating; patterns with {@code {name}} parameters
 * or a final {@code *} in a radix tree per method. Built once by {@link Builder}, then
 * immutable and safe to share between threads.
 * <p>
 * Precedence, position by position: literal text, then a parameter, then the wildcard; a
 * branch that dead-ends is backed out of, so {@code /users/me/posts} matches
 * {@code /users/{id}/posts} even beside {@code /users/me/settings}. An exact path is tried
 * before the tree. The path is matched raw: a trailing slash counts, percent-escapes are
 * compared as written, and parameter values come back still encoded. HEAD is an ordinary
 * method here; serving it by the GET route is the caller's choice.
 *
 * @param <T> what the caller keeps for a route, e.g. its handler
 */
public final class RouteTable<T> {
    private static final Method[] METHODS = Method.values();
    private static final String[] NO_VALUES = new String[0];

    private final StaticRoutes<T> exact;
    /** By {@link Method#ordinal()}; null for a method with no pattern routes. */
    private final RouteTree<T>[] trees;

    private RouteTable(StaticRoutes<T> exact, RouteTree<T>[] trees) {
        this.exact = exact;
        this.trees = trees;
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /**
     * The route for {@code method} at the request's path, or null when there is none. Returns
     * null rather than an Optional because this runs for every request: an exact path's match
     * is made at build time, so a hit allocates nothing. A pattern match makes the path String,
     * the match and its values.
     */
    public Match<T> find(Method method, ParsedRequest request) {
        StaticRoutes.ExactPath<T> path = exact.find(request);
        Match<T> match = path == null ? null : path.byMethod()[method.ordinal()];
        if (match != null) {
            return match;
        }
        RouteTree<T> tree = trees[method.ordinal()];
        return tree == null ? null : tree.find(request.path());
    }

    /** The route for {@code method} at the raw {@code path}, or null; the same answers as for a parsed request. */
    public Match<T> find(Method method, String path) {
        StaticRoutes.ExactPath<T> found = exact.find(path);
        Match<T> match = found == null ? null : found.byMethod()[method.ordinal()];
        if (match != null) {
            return match;
        }
        RouteTree<T> tree = trees[method.ordinal()];
        return tree == null ? null : tree.find(path);
    }

    /**
     * The {@code Allow} value for the request's path, for a 405 or an OPTIONS answer: every
     * method with a route there, HEAD where GET is, and OPTIONS, in {@link Method} order. Empty
     * when no route of any method matches the path (a 404).
     */
    public Optional<String> allowed(ParsedRequest request) {
        StaticRoutes.ExactPath<T> path = exact.find(request);
        return path != null ? path.allow() : allow(request.path(), null, trees);
    }

    /** The {@code Allow} value for the raw {@code path}; see {@link #allowed(ParsedRequest)}. */
    public Optional<String> allowed(String path) {
        StaticRoutes.ExactPath<T> found = exact.find(path);
        return found != null ? found.allow() : allow(path, null, trees);
    }

    private static <T> Optional<String> allow(String path, Match<T>[] exact, RouteTree<T>[] trees) {
        EnumSet<Method> methods = EnumSet.noneOf(Method.class);
        for (Method method : METHODS) {
            int i = method.ordinal();
            if (exact != null && exact[i] != null || trees[i] != null && trees[i].find(path) != null) {
                methods.add(method);
            }
        }
        if (methods.isEmpty()) {
            return Optional.empty();
        }
        if (methods.contains(Method.GET)) {
            methods.add(Method.HEAD);
        }
        methods.add(Method.OPTIONS);
        StringJoiner value = new StringJoiner(", ");
        methods.forEach(method -> value.add(method.name()));
        return Optional.of(value.toString());
    }

    @SuppressWarnings("unchecked")
    private static <T> Match<T>[] matchArray() {
        return (Match<T>[]) new Match<?>[METHODS.length];
    }

    /**
     * Collects routes, refusing a bad pattern or a conflict as soon as it is added. Two routes
     * of one method conflict when their patterns are the same or differ only in parameter
     * names: either way no request could tell them apart. A literal beside a parameter is no
     * conflict (the literal wins), nor are different names at one position in different methods.
     */
    public static final class Builder<T> {
        private final List<RouteEntry<T>> routes = new ArrayList<>();
        private final Map<Method, Map<String, RouteEntry<T>>> byShape = new EnumMap<>(Method.class);

        private Builder() {
        }

        /** Adds a route; throws IllegalArgumentException for a bad pattern or a conflict, naming both routes. */
        public Builder<T> add(Method method, String pattern, T value) {
            Objects.requireNonNull(method, "a route needs a method");
            Objects.requireNonNull(value, () -> "route " + method + " " + pattern + " needs a value");
            RouteEntry<T> route = new RouteEntry<>(method, RoutePattern.parse(pattern), value);
            RouteEntry<T> earlier = byShape.computeIfAbsent(method, m -> new HashMap<>())
                    .putIfAbsent(route.pattern().shape(), route);
            if (earlier != null && earlier.pattern().text().equals(pattern)) {
                throw new IllegalArgumentException("route " + route + " is defined twice; remove one of them");
            }
            if (earlier != null) {
                throw new IllegalArgumentException("route " + route + " conflicts with " + earlier
                        + ": the same path pattern with different parameter names; use the same names in both");
            }
            routes.add(route);
            return this;
        }

        /** The table of every route added so far; the builder may go on and build another. */
        public RouteTable<T> build() {
            @SuppressWarnings("unchecked")
            RouteTree<T>[] trees = (RouteTree<T>[]) new RouteTree<?>[METHODS.length];
            Map<String, Match<T>[]> exactPaths = new LinkedHashMap<>();
            for (RouteEntry<T> route : routes) {
                int i = route.method().ordinal();
                if (route.pattern().isStatic()) {
                    exactPaths.computeIfAbsent(route.pattern().text(), text -> matchArray())[i] =
                            new Match<>(route, NO_VALUES);
                } else {
                    if (trees[i] == null) {
                        trees[i] = new RouteTree<>();
                    }
                    trees[i].add(route);
                }
            }
            List<StaticRoutes.ExactPath<T>> paths = new ArrayList<>(exactPaths.size());
            exactPaths.forEach((text, byMethod) ->
                    paths.add(new StaticRoutes.ExactPath<>(text, byMethod, allow(text, byMethod, trees))));
            return new RouteTable<>(new StaticRoutes<>(paths), trees);
        }
    }

    /**
     * A route that matched, with the raw (still percent-encoded) values its parameters took.
     * A pattern ending in {@code *} reports what the wildcard took as a last parameter named
     * {@code "*"}, possibly empty. Matches of exact paths are made once and shared.
     */
    public static final class Match<T> {
        private final RouteEntry<T> route;
        /** Filled by the tree as its search unwinds; never changed once the match is returned. */
        final String[] values;

        Match(RouteEntry<T> route, String[] values) {
            this.route = route;
            this.values = values;
        }

        /** What the caller added with the route. */
        public T value() {
            return route.value();
        }

        /** The pattern as added, e.g. {@code /users/{id}}: a label for logs and metrics. */
        public String pattern() {
            return route.pattern().text();
        }

        public int paramCount() {
            return values.length;
        }

        public String paramName(int index) {
            return route.pattern().names().get(index);
        }

        /** The raw value of the parameter at {@code index}, in pattern order. */
        public String paramValue(int index) {
            return values[index];
        }

        /** The raw value of the named parameter; empty when the pattern has no such name. */
        public Optional<String> param(String name) {
            List<String> names = route.pattern().names();
            for (int i = 0; i < values.length; i++) {
                if (names.get(i).equals(name)) {
                    return Optional.of(values[i]);
                }
            }
            return Optional.empty();
        }

        @Override
        public String toString() {
            StringJoiner params = new StringJoiner(", ", " {", "}").setEmptyValue("");
            for (int i = 0; i < values.length; i++) {
                params.add(paramName(i) + "=" + values[i]);
            }
            return route + params.toString();
        }
    }
}
