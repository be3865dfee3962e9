package dev.surge.bench.flood;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What one load client of {@code ./surge bench flood} ({@code dev.surge.bench.Flood}) printed:
 * {@code key=value} lines, such as {@code connected=50000}, {@code errors=0},
 * {@code send_end_ms=<epoch ms>} and {@code latency_p99_ms=1580.2}.
 */
record FloodClient(Map<String, String> figures) {
    /** Wall-clock instants: they place the clients' phases against each other, and mean nothing printed. */
    static final List<String> INSTANTS = List.of("send_start_ms", "send_end_ms", "first_answer_ms");

    FloodClient {
        figures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }

    static FloodClient read(Path file) throws IOException {
        Map<String, String> figures = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                figures.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return new FloodClient(figures);
    }

    /** The whole number under {@code key}; empty when the client did not print it. */
    OptionalLong count(String key) {
        String v = figures.get(key);
        if (v == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a whole number: '" + v + "'");
        }
    }

    /** The report as the client printed it, without the instants. */
    String text() {
        StringBuilder out = new StringBuilder();
        figures.forEach((k, v) -> {
            if (!INSTANTS.contains(k)) {
                out.append(k).append('=').append(v).append('\n');
            }
        });
        return out.toString();
    }
}
