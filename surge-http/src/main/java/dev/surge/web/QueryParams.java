package dev.surge.web;

import dev.surge.web.internal.PercentDecoding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a query string ({@code a=1&b=2&a=3}), decoded as an HTML form does:
 * {@code +} is a space and escapes are UTF-8. A parameter without {@code =} has the empty
 * value; empty pieces ({@code a=1&&b=2}) are skipped.
 */
final class QueryParams {
    private QueryParams() {
    }

    static List<String> values(String query, String name) {
        List<String> values = new ArrayList<>(1);
        forEach(query, (key, value) -> {
            if (key.equals(name)) {
                values.add(value);
            }
        });
        return values;
    }

    static Map<String, List<String>> all(String query) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        forEach(query, (key, value) -> all.computeIfAbsent(key, k -> new ArrayList<>(1)).add(value));
        return all;
    }

    private static void forEach(String query, java.util.function.BiConsumer<String, String> action) {
        int start = 0;
        while (start <= query.length() && !query.isEmpty()) {
            int end = query.indexOf('&', start);
            if (end < 0) {
                end = query.length();
            }
            if (end > start) {
                int eq = query.indexOf('=', start);
                if (eq < 0 || eq > end) {
                    action.accept(PercentDecoding.query(query.substring(start, end)), "");
                } else {
                    action.accept(PercentDecoding.query(query.substring(start, eq)),
                            PercentDecoding.query(query.substring(eq + 1, end)));
                }
            }
            start = end + 1;
        }
    }
}
