package dev.surge.bench.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Reads the series of a {@code surge bench} results file ({@code peers}, {@code routes}, or any
 * other with the same shape): one row per server and mode, named {@code server/mode}, with every
 * successful round's value of each figure from {@code samples}. A failed round, or a figure a
 * round lacks (wrk prints no p99 for some pipelined runs), is left out rather than counted as 0.
 * A row listed in {@code results} without any sample keeps its median as a single value.
 */
final class SurgeBenchFormat {
    static final List<Figure> FIGURES = List.of(Figure.REQUESTS_PER_S, Figure.P50_US, Figure.P99_US,
            Figure.CPU_US, Figure.USER_US, Figure.SYS_US);

    private SurgeBenchFormat() {
    }

    static List<Series> series(Path file, Map<?, ?> root) throws ResultsException {
        if (!(root.get("results") instanceof List<?> results)) {
            throw new ResultsException(file + ": \"results\" is not an array");
        }
        // row -> figure -> values, rows in the order the file lists them.
        Map<String, Map<Figure, List<Double>>> rows = new LinkedHashMap<>();
        for (Object o : results) {
            if (o instanceof Map<?, ?> result) {
                rows.computeIfAbsent(rowName(file, result), k -> new LinkedHashMap<>());
            }
        }
        boolean sampled = false;
        for (Object o : JsonTree.list(root, "samples")) {
            if (!(o instanceof Map<?, ?> sample)) {
                continue;
            }
            Map<Figure, List<Double>> row = rows.computeIfAbsent(rowName(file, sample), k -> new LinkedHashMap<>());
            sampled = true;
            if (!"ok".equals(JsonTree.text(sample, "status", "ok"))) {
                continue;
            }
            for (Figure f : FIGURES) {
                OptionalDouble v = JsonTree.number(sample, f.name());
                if (v.isPresent()) {
                    row.computeIfAbsent(f, k -> new ArrayList<>()).add(v.getAsDouble());
                }
            }
        }
        if (!sampled) {
            // No samples at all: each row's medians, as one value each.
            for (Object o : results) {
                if (o instanceof Map<?, ?> result) {
                    Map<Figure, List<Double>> row = rows.get(rowName(file, result));
                    for (Figure f : FIGURES) {
                        JsonTree.number(result, f.name()).ifPresent(v -> row.computeIfAbsent(f, k -> new ArrayList<>()).add(v));
                    }
                }
            }
        }
        List<Series> series = new ArrayList<>();
        rows.forEach((row, figures) -> {
            for (Figure f : FIGURES) {
                List<Double> values = figures.getOrDefault(f, List.of());
                series.add(new Series(row, f, values.stream().mapToDouble(Double::doubleValue).toArray()));
            }
        });
        return series;
    }

    /** The machine and the load's settings, as far as the file records them. */
    static Map<String, String> conditions(Map<?, ?> root) {
        Map<String, String> out = new LinkedHashMap<>();
        copy(JsonTree.object(root, "machine"), List.of("cpu_model", "nproc", "kernel", "java", "wrk"), out);
        copy(JsonTree.object(root, "parameters"), List.of("load", "rounds", "connections", "pipeline_depth", "warmup_s",
                "duration_s", "server_cpu", "load_cpu", "java_opts"), out);
        return out;
    }

    static void copy(Map<?, ?> from, List<String> keys, Map<String, String> to) {
        for (String k : keys) {
            Object v = from.get(k);
            if (v != null) {
                to.put(k, v instanceof Double d && d == Math.rint(d) ? String.valueOf(d.longValue()) : String.valueOf(v));
            }
        }
    }

    private static String rowName(Path file, Map<?, ?> entry) throws ResultsException {
        String server = JsonTree.text(entry, "server", null);
        if (server == null) {
            throw new ResultsException(file + ": a result or sample without a \"server\"");
        }
        String mode = JsonTree.text(entry, "mode", null);
        return mode == null ? server : server + "/" + mode;
    }
}
