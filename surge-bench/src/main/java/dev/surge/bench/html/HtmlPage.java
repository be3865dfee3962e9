package dev.surge.bench.html;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

import static dev.surge.bench.html.Svg.escape;

/**
 * The self-contained HTML report of a peers or routes run: CPU per request as bars (one chart
 * per mode), latency per server, the table the Markdown report holds, and the run's parameters
 * and machine. Inline SVG and CSS only: no script, no font, nothing fetched, so it renders
 * offline, from a CI artifact or an e-mail attachment alike.
 */
final class HtmlPage {

    private HtmlPage() {
    }

    static String render(PeerRun run, String source) {
        String title = "surge bench " + run.kind() + " — " + run.parameters().getOrDefault("timestamp", source);
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>").append(escape(title))
                .append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;color:#222;margin:24px;max-width:1180px}\n")
                .append("h1{font-size:22px}h2{font-size:17px;margin-top:28px}p{max-width:900px;line-height:1.4}\n")
                .append(".charts{display:flex;flex-wrap:wrap;gap:12px}\n")
                .append("table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 7px}\n")
                .append("th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}\n")
                .append(".key{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:-1px}\n")
                .append(".bad{color:#c00}\n</style></head><body>\n");
        out.append("<h1>").append(escape(title)).append("</h1>\n");
        out.append("<p>Each server alone on one CPU, loaded by wrk on another, keep-alive and pipelined ×")
                .append(escape(run.parameters().getOrDefault("pipeline_depth", "?")))
                .append("; every number is the median of the rounds that succeeded (").append(escape(
                        run.parameters().getOrDefault("rounds", "?"))).append(" round(s), order rotating). From <code>")
                .append(escape(source)).append("</code>.</p>\n");
        out.append("<p>");
        for (String mode : run.modes()) {
            out.append("<span class=\"key\" style=\"background:").append(Svg.color(mode)).append("\"></span>")
                    .append(escape(Svg.mode(mode)));
        }
        out.append("</p>\n");

        out.append("<h2>CPU time per request</h2>\n<p>The server process's user + system time during the measured"
                + " run divided by the requests it answered: what a request costs, whatever the load generator's own"
                + " ceiling. Lower is better.</p>\n<div class=\"charts\">\n");
        for (String mode : run.modes()) {
            out.append(CpuChart.render(run, mode, Svg.mode(mode)));
        }
        out.append("</div>\n");

        out.append("<h2>Latency per server</h2>\n<p>wrk's p50 and p99 (with its coordinated-omission correction) on a"
                + " logarithmic axis shared by every server; large dots are medians, small ones single rounds. Pipelined,"
                + " wrk times each batch, so those figures are rough; \"no p99\" marks a percentile wrk did not print.</p>\n")
                .append("<div class=\"charts\">\n");
        double[] range = LatencyChart.range(run);
        for (String server : run.servers()) {
            out.append(LatencyChart.render(run, server, range));
        }
        out.append("</div>\n");

        out.append("<h2>Table</h2>\n<table>\n<tr><th>server</th><th>mode</th><th>requests/s</th><th>p50 ms</th>"
                + "<th>p99 ms</th><th>CPU µs/request (min–max)</th><th>user µs</th><th>sys µs</th><th>CPU ×surge</th>"
                + "<th>rps ×surge</th><th>errors</th><th>status</th></tr>\n");
        for (PeerRun.Result r : run.results()) {
            boolean ok = r.status().equals("ok");
            out.append("<tr><td>").append(escape(r.server())).append("</td><td>").append(escape(r.mode())).append("</td>")
                    .append(cell(r.rps(), "%.0f", 1)).append(cell(r.p50(), "%.2f", 1000)).append(cell(r.p99(), "%.2f", 1000))
                    .append("<td class=\"n\">").append(cpuSpread(r)).append("</td>")
                    .append(cell(r.user(), "%.2f", 1)).append(cell(r.sys(), "%.2f", 1))
                    .append(cell(r.cpuRatio(), "%.2f", 1)).append(cell(r.rpsRatio(), "%.2f", 1))
                    .append(cell(r.errors(), "%.0f", 1)).append(ok ? "<td>" : "<td class=\"bad\">")
                    .append(escape((ok ? "ok " : "") + (ok ? r.roundsOk() + "/" + r.rounds() : r.status() + " ("
                            + r.roundsOk() + "/" + r.rounds() + " ok)"))).append("</td></tr>\n");
        }
        out.append("</table>\n");

        out.append("<h2>Parameters and machine</h2>\n<table>\n");
        for (Map<String, String> m : java.util.List.of(run.parameters(), run.machine())) {
            m.forEach((k, v) -> out.append("<tr><th>").append(escape(k)).append("</th><td>").append(escape(v))
                    .append("</td></tr>\n"));
        }
        out.append("</table>\n</body></html>\n");
        return out.toString();
    }

    private static String cell(OptionalDouble v, String format, double divisor) {
        return "<td class=\"n\">" + (v.isPresent() ? String.format(Locale.ROOT, format, v.getAsDouble() / divisor) : "-")
                + "</td>";
    }

    private static String cpuSpread(PeerRun.Result r) {
        if (r.cpu().isEmpty()) {
            return "-";
        }
        String median = String.format(Locale.ROOT, "%.2f", r.cpu().getAsDouble());
        if (r.roundsOk() < 2 || r.cpuMin().isEmpty() || r.cpuMax().isEmpty()) {
            return median;
        }
        return median + String.format(Locale.ROOT, " (%.2f–%.2f)", r.cpuMin().getAsDouble(), r.cpuMax().getAsDouble());
    }
}
