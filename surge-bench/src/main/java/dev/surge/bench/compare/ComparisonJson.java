package dev.surge.bench.compare;

import dev.surge.bench.results.Series;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link Comparison} as a JSON tree, for {@code --json}: every row with its numbers and samples. */
final class ComparisonJson {

    private ComparisonJson() {
    }

    static Map<String, Object> tree(Comparison c) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("old", c.old().file().toString());
        root.put("new", c.now().file().toString());
        root.put("kind", c.old().kind().name().toLowerCase(java.util.Locale.ROOT));
        root.put("test", "two-sided Mann-Whitney U (exact p without ties for n < 50, else normal"
                + " approximation with continuity correction)");
        root.put("alpha", c.alpha());
        Map<String, Object> differences = new LinkedHashMap<>();
        Comparison.differences(c.old(), c.now()).forEach((k, v) -> differences.put(k, List.of(v[0], v[1])));
        root.put("conditions_differ", differences);
        List<Object> rows = new ArrayList<>();
        for (Comparison.Row r : c.rows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("row", r.name());
            row.put("figure", r.figure().name());
            row.put("unit", r.figure().unit());
            row.put("better", r.figure().better().name().toLowerCase(java.util.Locale.ROOT));
            row.put("old_median", r.old().map(Series::median).map(ComparisonJson::number).orElse(null));
            row.put("new_median", r.now().map(Series::median).map(ComparisonJson::number).orElse(null));
            row.put("change_percent", number(r.changePercent()));
            row.put("p_value", number(r.significance().p()));
            row.put("significant", r.old().isPresent() && r.now().isPresent() && r.significance().significant(c.alpha()));
            row.put("too_few_samples", r.tooFew(c.alpha()));
            row.put("smallest_possible_p", number(r.significance().smallestP()));
            row.put("verdict", r.verdict(c.alpha()));
            row.put("old_samples", r.old().map(s -> samples(s.samples())).orElse(null));
            row.put("new_samples", r.now().map(s -> samples(s.samples())).orElse(null));
            rows.add(row);
        }
        root.put("rows", rows);
        return root;
    }

    private static Double number(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }

    private static List<Double> samples(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
