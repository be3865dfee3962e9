package dev.surge.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The --html report: one self-contained page (inline CSS and SVG, nothing fetched, no script)
 * with the figures and two plots: latency by percentile on HdrHistogram's log scale
 * (x = 1 / (1 - percentile), so 90 %, 99 %, 99.9 % ... are evenly spaced), and requests/s and
 * p99 per second over the run.
 */
final class HtmlReport {
    private static final int W = 760;
    private static final int H = 320;
    private static final int LEFT = 70;
    private static final int RIGHT = 70;
    private static final int TOP = 20;
    private static final int BOTTOM = 40;

    private HtmlReport() {
    }

    static String render(LoadResult r) {
        LoadOptions o = r.options();
        Snapshot t = r.total();
        StringBuilder b = new StringBuilder(16384);
        b.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>surge load report</title>\n<style>")
                .append("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse}")
                .append("td{padding:2px 12px 2px 0}svg{border:1px solid #ddd;margin:8px 0}.axis{stroke:#888}")
                .append(".grid{stroke:#eee}text{font-size:11px;fill:#444}.warn{color:#b00}")
                .append("</style></head><body>\n");
        b.append("<h1>surge load</h1>\n<p>").append(esc(o.request().method() + " " + o.request().uri())).append(" &mdash; ")
                .append(esc(TextReport.mode(o))).append(", ").append(o.connections()).append(" connection(s), ")
                .append(o.threads()).append(" thread(s)</p>\n<table>\n");
        row(b, "requests", Format.count(t.responses) + " in " + String.format(Locale.ROOT, "%.2f s", r.seconds()));
        row(b, "requests/s", Format.count(r.rps()));
        row(b, "throughput", Format.bytes(t.bytes / r.seconds()) + "/s");
        StringBuilder p = new StringBuilder();
        for (double q : TextReport.PERCENTILES) {
            p.append("p").append(TextReport.label(q)).append(' ').append(Format.micros(t.latency.getValueAtPercentile(q))).append(" &nbsp; ");
        }
        row(b, "latency", p + "max " + Format.micros(t.latency.getMaxValue()));
        StringBuilder s = new StringBuilder();
        for (int code = 0; code < t.statuses.length; code++) {
            if (t.statuses[code] > 0) {
                s.append(code).append(": ").append(Format.count(t.statuses[code])).append(" &nbsp; ");
            }
        }
        row(b, "status", s.toString());
        StringBuilder e = new StringBuilder();
        for (ErrorKind k : ErrorKind.values()) {
            e.append(k.label()).append(' ').append(Format.count(t.errors[k.ordinal()])).append(" &nbsp; ");
        }
        row(b, "errors", e + "non-2xx " + Format.count(t.non2xx()));
        if (o.openLoop()) {
            row(b, "schedule", (r.fellBehind() ? "<span class=\"warn\">" : "<span>") + "sent " + Format.count(t.sent) + " of "
                    + Format.count(r.scheduled()) + " scheduled" + (r.fellBehind() ? "; " + Format.count(r.backlog())
                    + " due were never sent: the connections could not keep up; add -c" : "") + "</span>");
        }
        b.append("</table>\n<h2>Latency by percentile</h2>\n");
        percentilePlot(b, t.latency);
        b.append("<h2>Requests/s and p99 over time</h2>\n");
        timelinePlot(b, r.timeline());
        return b.append("</body></html>\n").toString();
    }

    private static void percentilePlot(StringBuilder b, Histogram h) {
        // Up to 99.9999 %, and no further than the samples reach: beyond 1 - 1/N is one sample.
        double decades = Math.max(1, Math.min(6, Math.ceil(Math.log10(Math.max(10, h.getTotalCount())))));
        double maxX = Math.pow(10, decades);
        List<double[]> points = new ArrayList<>();
        if (h.getTotalCount() > 0) {
            for (HistogramIterationValue v : h.percentiles(5)) {
                double q = v.getPercentileLevelIteratedTo() / 100;
                double x = q >= 1 ? maxX : Math.min(maxX, 1 / (1 - q));
                points.add(new double[] {x, v.getValueIteratedTo() / 1000.0});
            }
        }
        double maxY = niceMax(points.stream().mapToDouble(pt -> pt[1]).max().orElse(1));
        svgOpen(b);
        for (int d = 0; d <= decades; d++) {
            double x = LEFT + (W - LEFT - RIGHT) * d / decades;
            b.append(line(x, TOP, x, H - BOTTOM, "grid")).append(text(x, H - BOTTOM + 16, percentLabel(d), "middle"));
        }
        yAxis(b, maxY, "ms", LEFT, "end");
        StringBuilder poly = new StringBuilder();
        for (double[] pt : points) {
            poly.append(String.format(Locale.ROOT, "%.1f,%.1f ", LEFT + (W - LEFT - RIGHT) * Math.log10(pt[0]) / decades, y(pt[1], maxY)));
        }
        b.append("<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"").append(poly).append("\"/>\n");
        b.append(text(W / 2.0, H - 6, "percentile", "middle"));
        b.append("</svg>\n");
    }

    private static void timelinePlot(StringBuilder b, List<Second> timeline) {
        double maxRps = niceMax(timeline.stream().mapToDouble(Second::rps).max().orElse(1));
        double maxP99 = niceMax(timeline.stream().mapToDouble(s -> s.p99Micros() / 1000.0).max().orElse(1));
        int n = Math.max(1, timeline.size());
        svgOpen(b);
        yAxis(b, maxRps, "", LEFT, "end");
        yAxis(b, maxP99, "ms", W - RIGHT, "start");
        StringBuilder rps = new StringBuilder();
        StringBuilder p99 = new StringBuilder();
        for (Second s : timeline) {
            double x = LEFT + (W - LEFT - RIGHT) * (s.second() / (double) n);
            rps.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y(s.rps(), maxRps)));
            p99.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y(s.p99Micros() / 1000.0, maxP99)));
        }
        for (int i = 0; i <= Math.min(n, 10); i++) {
            double sec = Math.round(n * i / (double) Math.min(n, 10));
            double x = LEFT + (W - LEFT - RIGHT) * sec / n;
            b.append(text(x, H - BOTTOM + 16, String.format(Locale.ROOT, "%.0fs", sec), "middle"));
        }
        b.append("<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"").append(rps).append("\"/>\n");
        b.append("<polyline fill=\"none\" stroke=\"#d62728\" stroke-width=\"2\" points=\"").append(p99).append("\"/>\n");
        b.append(text(LEFT + 10, TOP + 12, "req/s", "start").replace("<text", "<text style=\"fill:#1f77b4\""));
        b.append(text(W - RIGHT - 10, TOP + 12, "p99 (ms, right axis)", "end").replace("<text", "<text style=\"fill:#d62728\""));
        b.append(text(W / 2.0, H - 6, "seconds", "middle"));
        b.append("</svg>\n");
    }

    private static void svgOpen(StringBuilder b) {
        b.append(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n", W, H, W, H));
        b.append(line(LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM, "axis")).append(line(LEFT, TOP, LEFT, H - BOTTOM, "axis"));
    }

    private static void yAxis(StringBuilder b, double max, String unit, double x, String anchor) {
        for (int i = 0; i <= 4; i++) {
            double v = max * i / 4;
            double yy = y(v, max);
            if (anchor.equals("end")) {
                b.append(line(LEFT, yy, W - RIGHT, yy, "grid"));
            }
            b.append(text(anchor.equals("end") ? x - 6 : x + 6, yy + 4, fmt(v) + (i == 4 && !unit.isEmpty() ? " " + unit : ""), anchor));
        }
    }

    private static double y(double v, double max) {
        return H - BOTTOM - (H - TOP - BOTTOM) * (v / max);
    }

    private static String percentLabel(int decade) {
        if (decade == 0) {
            return "0%";
        }
        return decade == 1 ? "90%" : "99" + (decade > 2 ? "." + "9".repeat(decade - 2) : "") + "%";
    }

    private static double niceMax(double v) {
        if (!(v > 0)) {
            return 1;
        }
        double mag = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * mag >= v) {
                return m * mag;
            }
        }
        return 10 * mag;
    }

    private static String fmt(double v) {
        if (v == 0) {
            return "0";
        }
        return v >= 100 ? Format.count(v) : new java.math.BigDecimal(String.format(Locale.ROOT, "%.3g", v)).stripTrailingZeros().toPlainString();
    }

    private static String line(double x1, double y1, double x2, double y2, String cls) {
        return String.format(Locale.ROOT, "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n", cls, x1, y1, x2, y2);
    }

    private static String text(double x, double y, String s, String anchor) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>\n", x, y, anchor, esc(s));
    }

    private static void row(StringBuilder b, String name, String html) {
        b.append("<tr><td><b>").append(name).append("</b></td><td>").append(html).append("</td></tr>\n");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
