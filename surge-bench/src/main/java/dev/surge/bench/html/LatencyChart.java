package dev.surge.bench.html;

import java.util.List;
import java.util.Locale;

/**
 * One small latency plot per server: p50 and p99 in each mode on a logarithmic axis shared by
 * every server, so that panels compare at a glance. The medians are joined by a line; each
 * round's value is a faint dot behind them. A percentile wrk did not print is marked "no p99".
 */
final class LatencyChart {
    private static final double WIDTH = 230;
    private static final double HEIGHT = 250;
    private static final double LEFT = 52;
    private static final double RIGHT = 14;
    private static final double TOP = 30;
    private static final double BOTTOM = 30;

    private LatencyChart() {
    }

    /** The decades (in µs) that the shared axis spans, from every median and round. */
    static double[] range(PeerRun run) {
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (PeerRun.Result r : run.results()) {
            for (double v : values(r)) {
                if (v > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (hi == 0) {
            return new double[] {100, 10_000};
        }
        double a = roundDown(lo);
        double b = roundUp(hi);
        return new double[] {a, b > a ? b : a * 10};
    }

    /** The largest 1, 2 or 5 times a power of ten at or below {@code v}. */
    static double roundDown(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        return v >= 5 * p ? 5 * p : v >= 2 * p ? 2 * p : p;
    }

    /** The smallest 1, 2 or 5 times a power of ten at or above {@code v}. */
    static double roundUp(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        return v <= p ? p : v <= 2 * p ? 2 * p : v <= 5 * p ? 5 * p : 10 * p;
    }

    static String render(PeerRun run, String server, double[] range) {
        String title = server + " latency";
        Svg svg = new Svg(WIDTH, HEIGHT, title);
        svg.text(WIDTH / 2, 18, server, "middle", Svg.INK, "font-weight=\"600\"");
        double plotH = HEIGHT - TOP - BOTTOM;
        double lo = Math.log10(range[0]);
        double span = Math.log10(range[1]) - lo;
        java.util.function.DoubleUnaryOperator y = us -> TOP + plotH * (1 - (Math.log10(us) - lo) / span);
        for (double decade = Math.pow(10, Math.floor(Math.log10(range[0]) + 1e-9)); decade <= range[1] * 1.0001; decade *= 10) {
            for (int m : new int[] {1, 2, 5}) {
                double v = decade * m;
                if (v < range[0] * 0.9999 || v > range[1] * 1.0001) {
                    continue;
                }
                double yy = y.applyAsDouble(v);
                svg.line(LEFT, yy, WIDTH - RIGHT, yy, m == 1 ? "#bbb" : Svg.GRID, 1);
                svg.text(LEFT - 5, yy + 4, Svg.tick(v / 1000) + " ms", "end", Svg.INK, "font-size=\"10\"");
            }
        }
        double plotW = WIDTH - LEFT - RIGHT;
        double[] xs = {LEFT + plotW * 0.28, LEFT + plotW * 0.72};
        String[] names = {"p50", "p99"};
        for (int i = 0; i < 2; i++) {
            svg.text(xs[i], HEIGHT - 10, names[i], "middle", Svg.INK, "");
        }
        List<String> modes = run.modes();
        for (int k = 0; k < modes.size(); k++) {
            PeerRun.Result r = run.result(server, modes.get(k));
            if (r == null) {
                continue;
            }
            double shift = (k - (modes.size() - 1) / 2.0) * 16;
            String color = Svg.color(r.mode());
            double[] medians = {r.p50().orElse(Double.NaN), r.p99().orElse(Double.NaN)};
            List<List<Double>> rounds = List.of(r.p50Samples(), r.p99Samples());
            for (int i = 0; i < 2; i++) {
                for (double v : rounds.get(i)) {
                    if (v > 0) {
                        svg.circle(xs[i] + shift, y.applyAsDouble(v), 2.5, color, 0.45,
                                String.format(Locale.ROOT, "%s %s, a round: %.2f ms", Svg.mode(r.mode()), names[i], v / 1000));
                    }
                }
            }
            if (!Double.isNaN(medians[0]) && !Double.isNaN(medians[1])) {
                svg.line(xs[0] + shift, y.applyAsDouble(medians[0]), xs[1] + shift, y.applyAsDouble(medians[1]), color, 2);
            }
            for (int i = 0; i < 2; i++) {
                if (Double.isNaN(medians[i]) || medians[i] <= 0) {
                    svg.text(xs[i], TOP + plotH - 6 - 12 * k, "no " + names[i], "middle", color, "font-size=\"10\"");
                    continue;
                }
                double yy = y.applyAsDouble(medians[i]);
                svg.circle(xs[i] + shift, yy, 4.5, color, 1, String.format(Locale.ROOT, "%s %s: %.2f ms (median)",
                        Svg.mode(r.mode()), names[i], medians[i] / 1000));
                svg.text(xs[i] + shift + (k == 0 ? -8 : 8), yy + 4, String.format(Locale.ROOT, "%.2f", medians[i] / 1000),
                        k == 0 ? "end" : "start", color, "font-size=\"10\"");
            }
        }
        return svg.end();
    }

    private static double[] values(PeerRun.Result r) {
        return java.util.stream.Stream.of(List.of(r.p50().orElse(0), r.p99().orElse(0)), r.p50Samples(), r.p99Samples())
                .flatMap(List::stream).mapToDouble(Double::doubleValue).toArray();
    }
}
