package dev.surge.bench.report;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The reports the bench scripts wrote with awk and jq before their arithmetic moved to Java
 * (at a8d3d5c), kept under src/test/resources as the yardstick for the Java that replaced them:
 * the inputs a run collected and the reports written from them.
 */
public final class Fixtures {

    private Fixtures() {
    }

    public static Path resource(String name) {
        URL url = Fixtures.class.getResource("/" + name);
        assertNotNull(url, "no test resource " + name);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The two JSON trees are alike: the same keys in the same order, the same strings, booleans
     * and nulls, and numbers equal as numbers (awk wrote 81000.000 where Java writes 81000).
     */
    public static void assertSameJson(Object expected, Object actual) {
        same(expected, actual, "$");
    }

    private static void same(Object expected, Object actual, String at) {
        switch (expected) {
            case null -> assertEquals(null, actual, at);
            case Number e -> {
                Number a = assertInstanceOf(Number.class, actual, at);
                assertEquals(e.doubleValue(), a.doubleValue(), Math.abs(e.doubleValue()) * 1e-12, at);
            }
            case Map<?, ?> e -> {
                Map<?, ?> a = assertInstanceOf(Map.class, actual, at);
                assertEquals(new ArrayList<>(e.keySet()), new ArrayList<>(a.keySet()), at + ": keys");
                e.forEach((k, v) -> same(v, a.get(k), at + "." + k));
            }
            case List<?> e -> {
                List<?> a = assertInstanceOf(List.class, actual, at);
                assertEquals(e.size(), a.size(), at + ": length");
                Iterator<?> ai = a.iterator();
                for (int i = 0; i < e.size(); i++) {
                    same(e.get(i), ai.next(), at + "[" + i + "]");
                }
            }
            default -> assertEquals(expected, actual, at);
        }
    }
}
