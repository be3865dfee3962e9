package dev.surge.http.routing;

import dev.surge.http.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Patterns the builder refuses, and conflicts between routes: each error names what to fix. */
class RoutePatternTest {

    private static IllegalArgumentException refused(String pattern) {
        return assertThrows(IllegalArgumentException.class,
                () -> RouteTable.<String>builder().add(Method.GET, pattern, "x"), pattern);
    }

    static Stream<Arguments> badPatterns() {
        return Stream.of(
                Arguments.of("users", "must start with '/'"),
                Arguments.of("", "must start with '/'"),
                Arguments.of("/file-{id}.txt", "a parameter must be a whole segment"),
                Arguments.of("/files/{id", "a parameter must be a whole segment"),
                Arguments.of("/files/id}", "a parameter must be a whole segment"),
                Arguments.of("/files/{a}{b}", "parameter name 'a}{b' is not valid"),
                Arguments.of("/users/{}", "a parameter needs a name"),
                Arguments.of("/users/{1id}", "parameter name '1id' is not valid"),
                Arguments.of("/users/{user-id}", "parameter name 'user-id' is not valid"),
                Arguments.of("/users/{ id}", "parameter name ' id' is not valid"),
                Arguments.of("/a/{id}/b/{id}", "parameter {id} appears twice"),
                Arguments.of("/files/*/meta", "'*' must be the last segment"),
                Arguments.of("/files/*.txt", "'*' is allowed only as the whole last segment"),
                Arguments.of("/files*", "'*' is allowed only as the whole last segment"),
                Arguments.of("/search?q=1", "remove the query"),
                Arguments.of("/page#top", "remove the fragment"),
                Arguments.of("/a b", "character U+0020 may not appear"),
                Arguments.of("/a%zz", "'%' must start an escape of two hex digits"),
                Arguments.of("/a%2", "'%' must start an escape of two hex digits"),
                Arguments.of("/a%", "'%' must start an escape of two hex digits"),
                Arguments.of("/a\"b", "character '\"' may not appear in a path; write it percent-encoded (%22)"),
                Arguments.of("/a<b>", "character '<' may not appear"),
                Arguments.of("/a\\b", "character '\\' may not appear"),
                Arguments.of("/caf\u00e9", "character U+00E9 may not appear"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badPatterns")
    void refusesBadPatternsSayingWhatToFix(String pattern, String expected) {
        IllegalArgumentException e = refused(pattern);
        assertTrue(e.getMessage().startsWith("route pattern \"" + pattern + "\": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @ParameterizedTest(name = "control {0}")
    @ValueSource(chars = {'\t', '\n', '\r', '\u0000', '\u007f'})
    void refusesControlCharacters(char c) {
        IllegalArgumentException e = refused("/a" + c + "b");
        assertTrue(e.getMessage().contains(String.format("U+%04X may not appear", (int) c)), e.getMessage());
    }

    @Test
    void refusesNullPatternMethodAndValue() {
        assertEquals("route pattern null: a pattern must start with '/', like /users/{id}", refused(null).getMessage());
        assertThrows(NullPointerException.class, () -> RouteTable.<String>builder().add(null, "/a", "x"));
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> RouteTable.<String>builder().add(Method.GET, "/a", null));
        assertEquals("route GET /a needs a value", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/", "/users", "/users/", "/users/{id}", "/users/{id}/posts/{postId}", "/files/*",
        "/*", "/api/v1/*", "/a//b", "/%7Euser/%2Fx", "/a-b_c.d~e!$&'()+,;=:@", "/{_x9}/{Y}/*"})
    void acceptsGoodPatterns(String pattern) {
        assertNotNull(RouteTable.<String>builder().add(Method.GET, pattern, "x").build());
    }

    @Test
    void patternPartsKeepSlashesInLiterals() {
        RoutePattern p = RoutePattern.parse("/users/{id}/posts/*");
        assertEquals(List.of(new RoutePattern.Literal("/users/"), new RoutePattern.Param("id"),
                new RoutePattern.Literal("/posts/"), new RoutePattern.Wildcard()), p.parts());
        assertEquals(List.of("id", "*"), p.names());
        assertEquals("/users/{}/posts/*", p.shape());
        assertEquals(List.of(new RoutePattern.Literal("/")), RoutePattern.parse("/").parts());
    }

    @Test
    void sameRouteTwiceNamesIt() {
        var builder = RouteTable.<String>builder().add(Method.GET, "/a", "1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder.add(Method.GET, "/a", "2"));
        assertEquals("route GET /a is defined twice; remove one of them", e.getMessage());
        builder.add(Method.GET, "/users/{id}", "3");
        e = assertThrows(IllegalArgumentException.class, () -> builder.add(Method.GET, "/users/{id}", "4"));
        assertTrue(e.getMessage().startsWith("route GET /users/{id} is defined twice"), e.getMessage());
    }

    @Test
    void differentParameterNamesAtOnePlaceConflictNamingBothRoutes() {
        var builder = RouteTable.<String>builder().add(Method.GET, "/users/{id}", "1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder.add(Method.GET, "/users/{name}", "2"));
        assertTrue(e.getMessage().startsWith("route GET /users/{name} conflicts with GET /users/{id}: "
                + "the same path pattern with different parameter names"), e.getMessage());
        builder.add(Method.GET, "/a/{x}/b/*", "3");
        e = assertThrows(IllegalArgumentException.class, () -> builder.add(Method.GET, "/a/{y}/b/*", "4"));
        assertTrue(e.getMessage().contains("GET /a/{y}/b/* conflicts with GET /a/{x}/b/*"), e.getMessage());
    }

    @Test
    void whatIsNotAConflict() {
        RouteTable<String> table = RouteTable.<String>builder()
                .add(Method.GET, "/users/{id}", "get")
                .add(Method.PUT, "/users/{name}", "put")
                .add(Method.GET, "/users/me", "me")
                .add(Method.GET, "/users/{id}/posts", "posts")
                .add(Method.GET, "/users/{name}/friends", "friends")
                .add(Method.GET, "/users/*", "rest")
                .add(Method.GET, "/users/", "slash")
                .build();
        assertEquals("me", table.find(Method.GET, "/users/me").value());
        assertEquals("get", table.find(Method.GET, "/users/7").value());
        assertEquals("put", table.find(Method.PUT, "/users/7").value());
        assertEquals("slash", table.find(Method.GET, "/users/").value());
        assertEquals("rest", table.find(Method.GET, "/users/7/x").value());
    }
}
