package dev.surge.bench.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the series of JMH's JSON output ({@code -rf json}): one row per benchmark (its class and
 * method, plus its {@code @Param} values), with every measured iteration of every fork from
 * {@code rawData} (sample mode keeps only a histogram, so its rows have no samples): the primary score and, where {@code -prof gc} ran, {@code gc.alloc.rate.norm}.
 */
final class JmhFormat {
    static final String ALLOC = "gc.alloc.rate.norm";

    private JmhFormat() {
    }

    static List<Series> series(Path file, List<?> array) throws ResultsException {
        List<Series> series = new ArrayList<>();
        for (Object o : array) {
            if (!(o instanceof Map<?, ?> run) || !(run.get("benchmark") instanceof String benchmark)
                    || !(run.get("primaryMetric") instanceof Map<?, ?> primary)) {
                throw new ResultsException(file + ": a JSON array, but not JMH's: an entry lacks"
                        + " \"benchmark\" or \"primaryMetric\"");
            }
            String row = rowName(benchmark, JsonTree.object(run, "params"));
            String mode = JsonTree.text(run, "mode", "");
            Figure.Better better = mode.equals("thrpt") ? Figure.Better.HIGHER : Figure.Better.LOWER;
            series.add(new Series(row, new Figure(primaryName(mode), JsonTree.text(primary, "scoreUnit", ""), better),
                    raw(primary)));
            if (JsonTree.object(run, "secondaryMetrics").get(ALLOC) instanceof Map<?, ?> alloc) {
                series.add(new Series(row, new Figure(ALLOC, JsonTree.text(alloc, "scoreUnit", "B/op"),
                        Figure.Better.LOWER), raw(alloc)));
            }
        }
        return series;
    }

    /** The JVM and the run lengths of the first benchmark (JMH runs them all alike unless told otherwise). */
    static Map<String, String> conditions(List<?> array) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (!array.isEmpty() && array.getFirst() instanceof Map<?, ?> first) {
            SurgeBenchFormat.copy(first, List.of("jdkVersion", "vmName", "vmVersion", "jvmArgs", "forks", "threads",
                    "warmupIterations", "warmupTime", "measurementIterations", "measurementTime"), out);
        }
        return out;
    }

    /** {@code dev.surge.bench.CodecBenchmark.surge1ReqPerRead} with params → {@code CodecBenchmark.surge1ReqPerRead[size=16]}. */
    private static String rowName(String benchmark, Map<?, ?> params) {
        int method = benchmark.lastIndexOf('.');
        int type = method > 0 ? benchmark.lastIndexOf('.', method - 1) : -1;
        String name = benchmark.substring(type + 1);
        if (params.isEmpty()) {
            return name;
        }
        List<String> pairs = new ArrayList<>();
        params.forEach((k, v) -> pairs.add(k + "=" + v));
        return name + "[" + String.join(",", pairs) + "]";
    }

    private static String primaryName(String mode) {
        return switch (mode) {
            case "thrpt" -> "throughput";
            case "avgt" -> "time";
            case "sample" -> "sampled time";
            case "ss" -> "single-shot time";
            default -> mode.isEmpty() ? "score" : mode;
        };
    }

    /** Every iteration of every fork, flattened; entries that are not numbers (JMH's "NaN") are left out. */
    private static double[] raw(Map<?, ?> metric) {
        List<Double> values = new ArrayList<>();
        for (Object fork : JsonTree.list(metric, "rawData")) {
            if (fork instanceof List<?> iterations) {
                for (Object v : iterations) {
                    if (v instanceof Number n && !Double.isNaN(n.doubleValue())) {
                        values.add(n.doubleValue());
                    }
                }
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
