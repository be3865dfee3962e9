package dev.surge.bench.compare;

import dev.surge.bench.results.BenchResults;
import dev.surge.bench.results.Figure;
import dev.surge.bench.results.Series;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Old and new runs side by side, figure by figure and row by row: the medians, the change, and
 * whether the change stands out from the spread of the repeated runs (two-sided Mann-Whitney U).
 * Rows in one file only are kept, as added or removed.
 */
public record Comparison(BenchResults old, BenchResults now, double alpha, List<Row> rows) {

    public Comparison {
        rows = List.copyOf(rows);
    }

    /** One row of one figure; {@code old} or {@code now} is empty for a removed or an added row. */
    public record Row(String name, Figure figure, Optional<Series> old, Optional<Series> now,
                      MannWhitney.Significance significance) {

        /** The change of the medians in percent; NaN where it has no meaning. */
        public double changePercent() {
            if (old.isEmpty() || now.isEmpty()) {
                return Double.NaN;
            }
            double o = old.get().median();
            double n = now.get().median();
            return o == 0 ? Double.NaN : (n - o) / Math.abs(o) * 100;
        }

        /** {@code better}, {@code worse}, {@code ~} (not significant), {@code added}, {@code removed} or {@code no samples}. */
        public String verdict(double alpha) {
            if (old.isEmpty()) {
                return "added";
            }
            if (now.isEmpty()) {
                return "removed";
            }
            if (old.get().size() == 0 || now.get().size() == 0) {
                return "no samples";
            }
            if (!significance.significant(alpha)) {
                return "~";
            }
            boolean up = now.get().median() > old.get().median();
            return up == (figure.better() == Figure.Better.HIGHER) ? "better" : "worse";
        }

        /** Whether both sides have samples, but too few for the test ever to reach {@code alpha}. */
        public boolean tooFew(double alpha) {
            return significance.n1() > 0 && significance.n2() > 0 && significance.tooFew(alpha);
        }
    }

    /** Compares two results files of one kind, at significance level {@code alpha}. */
    public static Comparison of(BenchResults old, BenchResults now, double alpha) {
        if (old.kind() != now.kind()) {
            throw new IllegalArgumentException("files of different kinds: " + old.kind() + ", " + now.kind());
        }
        // Figures in the order first met, old file first; within each, old rows then added ones.
        Map<String, Figure> figures = new LinkedHashMap<>();
        Map<String, Series> oldByKey = new LinkedHashMap<>();
        Map<String, Series> newByKey = new LinkedHashMap<>();
        for (Series s : old.series()) {
            figures.putIfAbsent(figureKey(s.figure()), s.figure());
            oldByKey.put(key(s), s);
        }
        for (Series s : now.series()) {
            figures.putIfAbsent(figureKey(s.figure()), s.figure());
            newByKey.put(key(s), s);
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Figure> f : figures.entrySet()) {
            List<String> names = new ArrayList<>();
            for (Series s : old.series()) {
                if (figureKey(s.figure()).equals(f.getKey())) {
                    names.add(s.row());
                }
            }
            for (Series s : now.series()) {
                if (figureKey(s.figure()).equals(f.getKey()) && !names.contains(s.row())) {
                    names.add(s.row());
                }
            }
            for (String name : names) {
                Optional<Series> o = Optional.ofNullable(oldByKey.get(name + "\n" + f.getKey()));
                Optional<Series> n = Optional.ofNullable(newByKey.get(name + "\n" + f.getKey()));
                double[] none = new double[0];
                MannWhitney.Significance sig = MannWhitney.test(o.map(Series::samples).orElse(none),
                        n.map(Series::samples).orElse(none));
                rows.add(new Row(name, f.getValue(), o, n, sig));
            }
        }
        return new Comparison(old, now, alpha, rows);
    }

    /**
     * The recorded conditions (machine, JDK, run lengths) that differ between the two runs, each
     * as {old, new}; a condition one file lacks is not a difference. The test judges the spread
     * of the samples, not whether the runs were made alike: this is what a reader needs for that.
     */
    public static Map<String, String[]> differences(BenchResults old, BenchResults now) {
        Map<String, String[]> out = new LinkedHashMap<>();
        old.conditions().forEach((k, v) -> {
            String n = now.conditions().get(k);
            if (n != null && !n.equals(v)) {
                out.put(k, new String[] {v.isEmpty() ? "(none)" : v, n.isEmpty() ? "(none)" : n});
            }
        });
        return out;
    }

    private static String figureKey(Figure f) {
        return f.name() + "\n" + f.unit();
    }

    private static String key(Series s) {
        return s.row() + "\n" + figureKey(s.figure());
    }
}
