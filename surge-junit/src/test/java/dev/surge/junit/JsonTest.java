package dev.surge.junit;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON reader takes what the JDK's thread dump writes, and refuses broken text saying where. */
class JsonTest {

    @Test
    void readsObjectsArraysStringsAndLiterals() {
        Object value = Json.parse(" {\"a\": [1, -2.5e3, true, false, null], \"b\": {}, \"c\": [], \"d\": \"x\"} ");
        assertEquals(Map.of("a", Arrays.asList("1", "-2.5e3", true, false, null), "b", Map.of(), "c", List.of(),
                "d", "x"), value);
    }

    @Test
    void readsEscapes() {
        // Thread dumps escape slashes: "java.base\/java.lang.Thread.run(Thread.java:1474)".
        assertEquals("a\"b\\c/d\n\te\u00e9", Json.parse("\"a\\\"b\\\\c\\/d\\n\\te\\u00e9\""));
    }

    @Test
    void brokenTextIsRefusedWithItsOffset() {
        for (String broken : List.of("{\"a\" 1}", "[1, 2", "\"open", "{} x", "tru", "")) {
            var e = assertThrows(IllegalArgumentException.class, () -> Json.parse(broken), broken);
            assertTrue(e.getMessage().startsWith("bad JSON at offset "), e.getMessage());
        }
    }
}
