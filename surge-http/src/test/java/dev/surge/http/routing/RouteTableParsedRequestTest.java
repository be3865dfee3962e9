package dev.surge.http.routing;

import dev.surge.http.Method;
import dev.surge.junit.AllocatedBytes;
import dev.surge.junit.AllocationBudget;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.surge.http.Method.DELETE;
import static dev.surge.http.Method.GET;
import static dev.surge.http.Method.OPTIONS;
import static dev.surge.http.Method.POST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lookups with a request parsed from bytes: the same answers as by String, and an exact path
 * found in the receive buffer without allocating.
 */
class RouteTableParsedRequestTest {
    private static final RouteTable<String> TABLE = RouteTable.<String>builder()
            .add(GET, "/", "root")
            .add(GET, "/plaintext", "plaintext")
            .add(GET, "/json", "json")
            .add(POST, "/users", "create")
            .add(GET, "/users/me", "me")
            .add(GET, "/users/{id}", "user")
            .add(DELETE, "/users/{userId}", "delete")
            .add(GET, "/users/{id}/posts/{post}", "post")
            .add(GET, "/static/*", "static")
            .add(GET, "/caf%C3%A9/{x}", "cafe")
            .build();

    private static final List<String> PATHS = List.of("/", "/plaintext", "/json", "/users", "/users/me",
            "/users/7", "/users/7/posts/9", "/users/7/posts", "/static/", "/static/a/b.css", "/caf%C3%A9/%20",
            "/nowhere", "/plaintext/", "/users/", "/users//posts/1");

    private static String describe(RouteTable.Match<String> match) {
        if (match == null) {
            return "none";
        }
        StringBuilder text = new StringBuilder(match.value());
        for (int i = 0; i < match.paramCount(); i++) {
            text.append(' ').append(match.paramName(i)).append('=').append(match.paramValue(i));
        }
        return text.toString();
    }

    @Test
    void parsedRequestGivesTheSameAnswersAsItsPath() {
        for (String path : PATHS) {
            for (Method method : Method.values()) {
                try (ParsedPath parsed = new ParsedPath(method, path + "?q=1")) {
                    assertEquals(path, parsed.request().path());
                    assertEquals(describe(TABLE.find(method, path)), describe(TABLE.find(method, parsed.request())),
                            method + " " + path);
                    assertEquals(TABLE.allowed(path), TABLE.allowed(parsed.request()), path);
                }
            }
        }
        try (ParsedPath parsed = new ParsedPath(GET, "/users/7/posts/9")) {
            assertEquals("post id=7 post=9", describe(TABLE.find(GET, parsed.request())));
        }
    }

    @Test
    void staticMatchByParsedRequestIsTheSharedOne() {
        try (ParsedPath parsed = new ParsedPath(GET, "/json")) {
            assertSame(TABLE.find(GET, "/json"), TABLE.find(GET, parsed.request()));
            assertSame(TABLE.allowed("/json").get(), TABLE.allowed(parsed.request()).get());
        }
    }

    @Test
    void otherTargetForms() {
        try (ParsedPath parsed = new ParsedPath(GET, "http://example.com")) {
            assertEquals("root", TABLE.find(GET, parsed.request()).value(), "an empty absolute-form path is /");
        }
        try (ParsedPath parsed = new ParsedPath(GET, "http://example.com/users/5")) {
            assertEquals(Optional.of("5"), TABLE.find(GET, parsed.request()).param("id"));
        }
        try (ParsedPath parsed = new ParsedPath(OPTIONS, "*")) {
            assertNull(TABLE.find(OPTIONS, parsed.request()));
            assertNull(TABLE.find(GET, parsed.request()), "'*' is not the path /");
            assertEquals(Optional.empty(), TABLE.allowed(parsed.request()), "OPTIONS * is the caller's to answer");
        }
    }

    /** An exact path's lookup, by the hash the parser computed and the bytes in the receive buffer. */
    private static final AllocationBudget EXACT_LOOKUP = AllocationBudget.of(0, "lookup");

    @Test
    void anExactPathIsFoundWithoutAllocating() throws Exception {
        try (ParsedPath plaintext = new ParsedPath(GET, "/plaintext");
             ParsedPath user = new ParsedPath(GET, "/users/7")) {
            RouteTable.Match<String> shared = TABLE.find(GET, plaintext.request());
            assertEquals("plaintext", shared.value());
            EXACT_LOOKUP.assertOnThisThread(200_000, 20_000, () -> {
                if (TABLE.find(GET, plaintext.request()) != shared) {
                    throw new AssertionError("another match for /plaintext");
                }
            });
            // The meter must see allocation where there is some, or the zero above proves nothing:
            // a pattern's match makes the path String, the match and its values.
            double tree = AllocatedBytes.perOp(20_000, 20_000, () -> {
                if (TABLE.find(GET, user.request()) == null) {
                    throw new AssertionError("no match for /users/7");
                }
            });
            assertTrue(tree > 32, "tree lookups allocated only " + tree + " bytes each");
        }
    }
}
