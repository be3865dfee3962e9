package dev.surge.http.routing;

import dev.surge.http.Method;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static dev.surge.http.Method.DELETE;
import static dev.surge.http.Method.GET;
import static dev.surge.http.Method.HEAD;
import static dev.surge.http.Method.OPTIONS;
import static dev.surge.http.Method.PATCH;
import static dev.surge.http.Method.POST;
import static dev.surge.http.Method.PUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Lookups by String path: what matches, with which values, and which route wins. */
class RouteTableTest {

    private static RouteTable<String> table(Object... methodPatternValue) {
        RouteTable.Builder<String> builder = RouteTable.builder();
        for (int i = 0; i < methodPatternValue.length; i += 3) {
            builder.add((Method) methodPatternValue[i], (String) methodPatternValue[i + 1],
                    (String) methodPatternValue[i + 2]);
        }
        return builder.build();
    }

    private static String value(RouteTable<String> table, Method method, String path) {
        RouteTable.Match<String> match = table.find(method, path);
        return match == null ? null : match.value();
    }

    @Test
    void staticPathsIncludingRoot() {
        var t = table(GET, "/", "root", GET, "/users", "users", POST, "/users", "create", GET, "/a/b/c", "abc");
        assertEquals("root", value(t, GET, "/"));
        assertEquals("users", value(t, GET, "/users"));
        assertEquals("create", value(t, POST, "/users"));
        assertEquals("abc", value(t, GET, "/a/b/c"));
        assertNull(value(t, PUT, "/users"));
        assertNull(value(t, HEAD, "/users"), "HEAD is not served by GET in the table");
        assertNull(value(t, GET, "/a/b"));
        assertNull(value(t, GET, ""));
        RouteTable.Match<String> match = t.find(GET, "/users");
        assertEquals(0, match.paramCount());
        assertEquals("/users", match.pattern());
        assertSame(match, t.find(GET, "/users"), "a static match is made once, at build time");
    }

    @Test
    void parametersTakeOneNonEmptySegment() {
        var t = table(GET, "/users/{id}", "user", GET, "/users/{id}/posts/{postId}", "post");
        RouteTable.Match<String> m = t.find(GET, "/users/42");
        assertEquals("user", m.value());
        assertEquals(Optional.of("42"), m.param("id"));
        assertEquals(Optional.empty(), m.param("postId"));
        m = t.find(GET, "/users/42/posts/p-7");
        assertEquals("post", m.value());
        assertEquals(2, m.paramCount());
        assertEquals("id", m.paramName(0));
        assertEquals("42", m.paramValue(0));
        assertEquals("postId", m.paramName(1));
        assertEquals("p-7", m.paramValue(1));
        assertEquals("GET /users/{id}/posts/{postId} {id=42, postId=p-7}", m.toString());
        assertNull(t.find(GET, "/users/"), "an empty segment is no parameter value");
        assertNull(t.find(GET, "/users//posts/1"));
        assertNull(t.find(GET, "/users/42/posts"));
        assertNull(t.find(GET, "/users/42/posts/"));
        assertNull(t.find(GET, "/users/42/posts/1/x"));
    }

    @Test
    void wildcardTakesTheRestEvenEmptyOrWithSlashes() {
        var t = table(GET, "/files/*", "files", GET, "/*", "any", GET, "/api/v1/*", "v1");
        RouteTable.Match<String> m = t.find(GET, "/files/a/b/c.txt");
        assertEquals("files", m.value());
        assertEquals(Optional.of("a/b/c.txt"), m.param("*"));
        assertEquals("*", m.paramName(0));
        assertEquals(Optional.of(""), t.find(GET, "/files/").param("*"));
        assertEquals(Optional.of("//x/"), t.find(GET, "/files///x/").param("*"));
        assertEquals("any", value(t, GET, "/files"), "/files/* needs the slash; /* takes it");
        assertEquals(Optional.of("files"), t.find(GET, "/files").param("*"));
        assertEquals(Optional.of(""), t.find(GET, "/").param("*"));
        assertEquals("v1", value(t, GET, "/api/v1/users/7"));
        assertEquals(Optional.of("api/v2/x"), t.find(GET, "/api/v2/x").param("*"));
    }

    @Test
    void parametersBeforeAWildcard() {
        var t = table(GET, "/repos/{owner}/{repo}/contents/*", "contents");
        RouteTable.Match<String> m = t.find(GET, "/repos/me/surge/contents/src/Main.java");
        assertEquals(3, m.paramCount());
        assertEquals("me", m.paramValue(0));
        assertEquals("surge", m.paramValue(1));
        assertEquals("src/Main.java", m.paramValue(2));
        assertEquals(Optional.of("src/Main.java"), m.param("*"));
    }

    @Test
    void literalBeatsParameterBeatsWildcard() {
        var t = table(GET, "/users/me", "me", GET, "/users/{id}", "id", GET, "/users/*", "rest",
                GET, "/users/mine", "mine");
        assertEquals("me", value(t, GET, "/users/me"));
        assertEquals("mine", value(t, GET, "/users/mine"));
        assertEquals("id", value(t, GET, "/users/m"), "a prefix of a literal is a parameter value");
        assertEquals("id", value(t, GET, "/users/mee"));
        assertEquals("id", value(t, GET, "/users/you"));
        assertEquals("rest", value(t, GET, "/users/you/x"));
        assertEquals("rest", value(t, GET, "/users/"));
    }

    @Test
    void backtracksOutOfALiteralThatDeadEnds() {
        var t = table(GET, "/users/me/settings", "settings", GET, "/users/{id}/posts", "posts",
                GET, "/users/{id}/posts/{post}/edit", "edit", GET, "/users/me/posts/latest/{what}", "latest",
                GET, "/*", "fallback");
        RouteTable.Match<String> m = t.find(GET, "/users/me/posts");
        assertEquals("posts", m.value());
        assertEquals(Optional.of("me"), m.param("id"));
        assertEquals("settings", value(t, GET, "/users/me/settings"));
        assertEquals("latest", value(t, GET, "/users/me/posts/latest/x"));
        m = t.find(GET, "/users/me/posts/other/edit");
        assertEquals("edit", m.value(), "literal 'me' dead-ends at 'other', so the parameters take it");
        assertEquals(Optional.of("me"), m.param("id"));
        assertEquals(Optional.of("other"), m.param("post"));
        m = t.find(GET, "/users/me/set");
        assertEquals("fallback", m.value());
        assertEquals(Optional.of("users/me/set"), m.param("*"));
    }

    @Test
    void staticTableIsTriedBeforeTheTree() {
        var t = table(GET, "/users/{id}", "param", GET, "/users/new", "static", POST, "/users/new", "post");
        assertEquals("static", value(t, GET, "/users/new"));
        assertEquals("post", value(t, POST, "/users/new"));
        assertEquals("param", value(t, GET, "/users/old"));
        assertNull(value(t, POST, "/users/old"));
    }

    @Test
    void trailingSlashIsSignificant() {
        var t = table(GET, "/users", "no-slash", GET, "/teams/", "slash", GET, "/x/{id}", "x");
        assertEquals("no-slash", value(t, GET, "/users"));
        assertNull(value(t, GET, "/users/"));
        assertEquals("slash", value(t, GET, "/teams/"));
        assertNull(value(t, GET, "/teams"));
        assertEquals("x", value(t, GET, "/x/1"));
        assertNull(value(t, GET, "/x/1/"));
    }

    @Test
    void percentEncodedPathsStayRaw() {
        var t = table(GET, "/caf%C3%A9", "cafe", GET, "/users/{name}", "user", GET, "/files/*", "file");
        assertEquals("cafe", value(t, GET, "/caf%C3%A9"));
        assertNull(value(t, GET, "/caf%c3%a9"), "escapes are compared as written, not decoded");
        assertEquals(Optional.of("J%C3%BCrgen%20M"), t.find(GET, "/users/J%C3%BCrgen%20M").param("name"));
        assertEquals(Optional.of("a%2Fb"), t.find(GET, "/users/a%2Fb").param("name"), "%2F is no separator");
        assertEquals(Optional.of("a%20b/c"), t.find(GET, "/files/a%20b/c").param("*"));
    }

    @Test
    void eachMethodHasItsOwnTreeAndNames() {
        var t = table(GET, "/items/{id}", "get", PUT, "/items/{itemId}", "put", DELETE, "/items/{key}/x", "del");
        assertEquals(Optional.of("5"), t.find(GET, "/items/5").param("id"));
        assertEquals(Optional.of("5"), t.find(PUT, "/items/5").param("itemId"));
        assertEquals(Optional.empty(), t.find(PUT, "/items/5").param("id"));
        assertEquals(Optional.of("5"), t.find(DELETE, "/items/5/x").param("key"));
        assertNull(t.find(DELETE, "/items/5"));
        assertNull(t.find(PATCH, "/items/5"));
    }

    @Test
    void allowedListsEveryMethodWhosePatternMatches() {
        var t = table(GET, "/users", "list", POST, "/users", "create",
                GET, "/users/{id}", "get", DELETE, "/users/{id}", "delete", PUT, "/users/me", "put-me",
                PATCH, "/users/*", "patch", POST, "/forms/x", "post-only", OPTIONS, "/opt", "opt");
        assertEquals(Optional.of("GET, HEAD, POST, OPTIONS"), t.allowed("/users"));
        assertEquals(Optional.of("GET, HEAD, DELETE, OPTIONS, PATCH"), t.allowed("/users/7"));
        assertEquals(Optional.of("GET, HEAD, PUT, DELETE, OPTIONS, PATCH"), t.allowed("/users/me"),
                "a static path's Allow counts the tree routes that match it too");
        assertEquals(Optional.of("OPTIONS, PATCH"), t.allowed("/users/7/x"));
        assertEquals(Optional.of("POST, OPTIONS"), t.allowed("/forms/x"));
        assertEquals(Optional.of("OPTIONS"), t.allowed("/opt"));
        assertEquals(Optional.empty(), t.allowed("/nowhere"));
        assertEquals(Optional.empty(), t.allowed(""));
        assertSame(t.allowed("/users").get(), t.allowed("/users").get(), "precomputed for a static path");
    }

    @Test
    void emptyTableFindsNothing() {
        RouteTable<String> t = RouteTable.<String>builder().build();
        assertNull(t.find(GET, "/"));
        assertEquals(Optional.empty(), t.allowed("/"));
    }

    @Test
    void builderKeepsGoingAfterBuild() {
        RouteTable.Builder<String> builder = RouteTable.<String>builder().add(GET, "/a", "a");
        RouteTable<String> first = builder.build();
        RouteTable<String> second = builder.add(GET, "/b/{x}", "b").build();
        assertNull(first.find(GET, "/b/1"), "a built table does not change");
        assertEquals("b", value(second, GET, "/b/1"));
        assertEquals("a", value(second, GET, "/a"));
    }
}
