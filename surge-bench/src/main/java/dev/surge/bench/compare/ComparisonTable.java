package dev.surge.bench.compare;

import dev.surge.bench.results.Figure;
import dev.surge.bench.results.Series;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a {@link Comparison} as text that is also Markdown: one table per figure, with the
 * columns padded so that it reads aligned in a terminal. Like benchstat, a change that the test
 * does not call significant shows {@code ~}; the change in percent is shown all the same.
 */
public final class ComparisonTable {
    private static final String[] HEADER = {"row", "old", "new", "change", "verdict", "p", "n"};
    private static final boolean[] RIGHT = {false, true, true, true, false, true, false};

    private ComparisonTable() {
    }

    public static String render(Comparison c) {
        StringBuilder out = new StringBuilder();
        out.append("old: ").append(c.old().file()).append('\n');
        out.append("new: ").append(c.now().file()).append('\n');
        out.append(String.format(Locale.ROOT, "%s; medians; two-sided Mann-Whitney U on every round's or"
                + " iteration's value, significant at p < %s%n", c.old().kind().description(), alpha(c.alpha())));
        for (Map.Entry<String, String[]> d : Comparison.differences(c.old(), c.now()).entrySet()) {
            out.append("note: the runs differ in ").append(d.getKey()).append(": ").append(d.getValue()[0])
                    .append(" -> ").append(d.getValue()[1]).append('\n');
        }
        Map<Figure, List<Comparison.Row>> byFigure = new LinkedHashMap<>();
        for (Comparison.Row r : c.rows()) {
            byFigure.computeIfAbsent(r.figure(), k -> new ArrayList<>()).add(r);
        }
        Map<String, Double> tooFew = new LinkedHashMap<>(); // "n1+n2" -> the smallest possible p
        byFigure.forEach((figure, rows) -> {
            out.append('\n').append(figure.heading()).append("\n\n");
            List<String[]> cells = new ArrayList<>();
            cells.add(HEADER);
            for (Comparison.Row r : rows) {
                boolean few = r.tooFew(c.alpha());
                String n = r.old().map(s -> String.valueOf(s.size())).orElse("-") + "+"
                        + r.now().map(s -> String.valueOf(s.size())).orElse("-");
                if (few) {
                    tooFew.put(r.significance().n1() + "+" + r.significance().n2(), r.significance().smallestP());
                    n += " *";
                }
                cells.add(new String[] {r.name(), median(r.old()), median(r.now()), percent(r.changePercent()),
                        r.verdict(c.alpha()), Double.isNaN(r.significance().p()) ? "-" : fmtP(r.significance().p()), n});
            }
            table(out, cells);
        });
        if (!tooFew.isEmpty()) {
            out.append('\n');
            tooFew.forEach((n, smallest) -> out.append(String.format(Locale.ROOT, "* n=%s: too few samples for the"
                    + " test ever to reach p < %s (the smallest two-sided p the exact test can give is %s); run more"
                    + " rounds (4 a side can reach 0.029).%n", n, alpha(c.alpha()), fmtP(smallest))));
        }
        return out.toString();
    }

    private static void table(StringBuilder out, List<String[]> cells) {
        int[] width = new int[HEADER.length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], Math.max(row[i].length(), 3));
            }
        }
        for (int r = 0; r < cells.size(); r++) {
            line(out, cells.get(r), width);
            if (r == 0) {
                String[] rule = new String[HEADER.length];
                for (int i = 0; i < rule.length; i++) {
                    rule[i] = RIGHT[i] ? "-".repeat(width[i] - 1) + ":" : "-".repeat(width[i]);
                }
                line(out, rule, width);
            }
        }
    }

    private static void line(StringBuilder out, String[] row, int[] width) {
        out.append('|');
        for (int i = 0; i < row.length; i++) {
            String pad = " ".repeat(width[i] - row[i].length());
            out.append(' ').append(RIGHT[i] ? pad + row[i] : row[i] + pad).append(" |");
        }
        out.append('\n');
    }

    private static String median(Optional<Series> s) {
        return s.map(Series::median).map(ComparisonTable::number).orElse("-");
    }

    /** Four significant digits or so, never in exponent form: 713125, 11.77, 1.258. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        double a = Math.abs(v);
        String f = a >= 1000 ? "%.0f" : a >= 100 ? "%.1f" : a >= 10 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, f, v);
    }

    static String percent(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%+.2f%%", v);
    }

    private static String alpha(double alpha) {
        return java.math.BigDecimal.valueOf(alpha).stripTrailingZeros().toPlainString();
    }

    static String fmtP(double p) {
        return p < 0.001 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.3f", p);
    }
}
