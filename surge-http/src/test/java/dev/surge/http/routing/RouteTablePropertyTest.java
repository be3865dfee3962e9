package dev.surge.http.routing;

import dev.surge.http.Method;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.StringJoiner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Generated routes, checked two ways: every route's own sample path finds that route, and any
 * path finds what a plain reference finds by trying every pattern segment by segment and
 * ranking the matches literal before parameter before wildcard.
 */
class RouteTablePropertyTest {
    /** Words that share prefixes, so the tree splits nodes; parameter samples start with 'q', never a word. */
    private static final String[] WORDS = {"users", "user", "u", "us", "api", "v1", "v2", "files", "a", "ab", "abc",
        "posts", "me", "x", "%7E", "b.c"};
    private static final Method[] METHODS = {Method.GET, Method.POST, Method.PUT, Method.DELETE};

    private record Generated(Method method, String pattern, String[] segments, String ownSample) {
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 2024})
    void generatedRoutesFindThemselvesAndAgreeWithTheReference(long seed) {
        Random random = new Random(seed);
        List<Generated> routes = generate(random, 300);
        RouteTable.Builder<Generated> builder = RouteTable.builder();
        routes.forEach(r -> builder.add(r.method(), r.pattern(), r));
        RouteTable<Generated> table = builder.build();

        for (Generated route : routes) {
            RouteTable.Match<Generated> match = table.find(route.method(), route.ownSample());
            assertNotNull(match, () -> route.method() + " " + route.ownSample() + " found nothing, wanted " + route.pattern());
            assertEquals(route.pattern(), match.value().pattern(), () -> "for " + route.ownSample());
            try (ParsedPath parsed = new ParsedPath(route.method(), route.ownSample())) {
                assertEquals(describe(match), describe(table.find(route.method(), parsed.request())), route.ownSample());
                assertEquals(table.allowed(route.ownSample()), table.allowed(parsed.request()));
            }
        }
        for (int i = 0; i < 2000; i++) {
            String path = samplePath(random, routes.get(random.nextInt(routes.size())), true);
            for (Method method : METHODS) {
                assertEquals(reference(routes, method, path), describe(table.find(method, path)), method + " " + path);
            }
            assertEquals(referenceAllow(routes, path), table.allowed(path), path);
        }
    }

    private static List<Generated> generate(Random random, int count) {
        List<Generated> routes = new ArrayList<>();
        Set<String> shapes = new HashSet<>();
        while (routes.size() < count) {
            Method method = METHODS[random.nextInt(METHODS.length)];
            int length = 1 + random.nextInt(5);
            String[] segments = new String[length];
            for (int i = 0; i < length; i++) {
                int kind = random.nextInt(10);
                segments[i] = i == length - 1 && kind == 0 ? "*"
                        : kind < 4 ? "{p" + i + "}" : WORDS[random.nextInt(WORDS.length)];
            }
            String pattern = "/" + String.join("/", segments);
            if (shapes.add(method + " " + RoutePattern.parse(pattern).shape())) {
                Generated unsampled = new Generated(method, pattern, segments, null);
                routes.add(new Generated(method, pattern, segments, samplePath(random, unsampled, false)));
            }
        }
        return routes;
    }

    /**
     * A path the route matches. Unless {@code anyValues}, parameters take values no literal has
     * and the wildcard takes nothing, so no other route can rank above this one.
     */
    private static String samplePath(Random random, Generated route, boolean anyValues) {
        StringJoiner path = new StringJoiner("/", "/", "");
        for (String segment : route.segments()) {
            if (segment.equals("*")) {
                String[] rests = {"", "x", "a/b", "users/q1/", "me/"};
                path.add(anyValues ? rests[random.nextInt(rests.length)] : "");
            } else if (segment.startsWith("{")) {
                boolean word = anyValues && random.nextBoolean();
                path.add(word ? WORDS[random.nextInt(WORDS.length)] : "q" + random.nextInt(100));
            } else {
                path.add(segment);
            }
        }
        return path.toString();
    }

    /** What the reference picks for {@code method} and {@code path}, described like {@link #describe}. */
    private static String reference(List<Generated> routes, Method method, String path) {
        String[] parts = path.substring(1).split("/", -1);
        Generated best = null;
        int[] bestRank = null;
        for (Generated route : routes) {
            int[] rank = route.method() == method ? rank(route.segments(), parts) : null;
            if (rank != null && (bestRank == null || Arrays.compare(rank, bestRank) < 0)) {
                best = route;
                bestRank = rank;
            }
        }
        if (best == null) {
            return "none";
        }
        StringBuilder text = new StringBuilder(best.pattern());
        for (int i = 0; i < best.segments().length; i++) {
            String segment = best.segments()[i];
            if (segment.equals("*")) {
                text.append(" *=").append(String.join("/", Arrays.copyOfRange(parts, i, parts.length)));
            } else if (segment.startsWith("{")) {
                text.append(' ').append(segment, 1, segment.length() - 1).append('=').append(parts[i]);
            }
        }
        return text.toString();
    }

    /** Per segment 0 for a literal, 1 for a parameter, 2 for the wildcard; null when the route does not match. */
    private static int[] rank(String[] segments, String[] parts) {
        int[] rank = new int[segments.length];
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.equals("*")) {
                rank[i] = 2;
                return parts.length > i ? rank : null;
            }
            if (i >= parts.length) {
                return null;
            }
            if (segment.startsWith("{")) {
                rank[i] = 1;
                if (parts[i].isEmpty()) {
                    return null;
                }
            } else if (!segment.equals(parts[i])) {
                return null;
            }
        }
        return parts.length == segments.length ? rank : null;
    }

    private static Optional<String> referenceAllow(List<Generated> routes, String path) {
        String[] parts = path.substring(1).split("/", -1);
        EnumSet<Method> methods = EnumSet.noneOf(Method.class);
        routes.stream().filter(r -> rank(r.segments(), parts) != null).forEach(r -> methods.add(r.method()));
        if (methods.isEmpty()) {
            return Optional.empty();
        }
        if (methods.contains(Method.GET)) {
            methods.add(Method.HEAD);
        }
        methods.add(Method.OPTIONS);
        StringJoiner allow = new StringJoiner(", ");
        methods.forEach(m -> allow.add(m.name()));
        return Optional.of(allow.toString());
    }

    private static String describe(RouteTable.Match<Generated> match) {
        if (match == null) {
            return "none";
        }
        StringBuilder text = new StringBuilder(match.value().pattern());
        for (int i = 0; i < match.paramCount(); i++) {
            text.append(' ').append(match.paramName(i)).append('=').append(match.paramValue(i));
        }
        return text.toString();
    }
}
