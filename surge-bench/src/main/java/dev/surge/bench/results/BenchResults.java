package dev.surge.bench.results;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The repeated measurements of one results file, whichever tool wrote it: a {@code surge bench}
 * run (an object with {@code results} and {@code samples}) or JMH's JSON (a top-level array).
 */
public record BenchResults(Kind kind, Path file, List<Series> series, Map<String, String> conditions) {

    /** Which tool wrote the file; two files compare only when they are of one kind. */
    public enum Kind {
        SURGE_BENCH("surge bench results (results/samples)"),
        JMH("JMH results (a JSON array)");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /**
     * {@code conditions}: what the run was made under and the file records (CPU model, JDK, run
     * lengths...), by name, so that a comparison can say where two runs were not made alike.
     */
    public BenchResults {
        series = List.copyOf(series);
        conditions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(conditions));
    }

    /** Reads {@code file}, telling the two shapes apart by their top level. */
    public static BenchResults read(Path file) throws ResultsException {
        Object tree = JsonTree.read(file);
        if (tree instanceof List<?> array) {
            return new BenchResults(Kind.JMH, file, JmhFormat.series(file, array), JmhFormat.conditions(array));
        }
        if (tree instanceof Map<?, ?> object && object.containsKey("results")) {
            return new BenchResults(Kind.SURGE_BENCH, file, SurgeBenchFormat.series(file, object),
                    SurgeBenchFormat.conditions(object));
        }
        throw new ResultsException(file + ": neither surge bench results (an object with \"results\")"
                + " nor JMH results (a JSON array)");
    }
}
