package dev.surge.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.Locale;

/**
 * The --json report: every figure of the text report, the whole percentile distribution (as
 * HdrHistogram's percentile spectrum) and the per-second timeline. Latencies are in µs.
 */
final class JsonReport {
    private JsonReport() {
    }

    static String render(LoadResult r) {
        LoadOptions o = r.options();
        Snapshot t = r.total();
        Histogram h = t.latency;
        StringBuilder j = new StringBuilder(4096).append("{\n");
        field(j, "url", str(o.request().uri().toString()));
        field(j, "method", str(o.request().method()));
        field(j, "mode", str(o.openLoop() ? "open" : "closed"));
        field(j, "connections", o.connections());
        field(j, "threads", o.threads());
        field(j, "pipeline", o.pipeline());
        field(j, "rate", o.openLoop() ? num(o.rate()) : "null");
        field(j, "durationSeconds", num(o.duration().toNanos() / 1e9));
        field(j, "elapsedSeconds", num(r.seconds()));
        field(j, "transport", str(r.transport()));
        field(j, "requests", t.responses);
        field(j, "rps", num(r.rps()));
        field(j, "bytes", t.bytes);
        field(j, "bytesPerSecond", num(t.bytes / r.seconds()));
        field(j, "sent", t.sent);
        field(j, "scheduled", r.scheduled());
        field(j, "backlog", r.backlog());
        field(j, "fellBehind", r.fellBehind());
        latency(j, "latencyMicros", h);
        // Apart by status: under overload, what was served and how fast refusals came are two stories.
        latency(j, "latency2xxMicros", t.latency2xx());
        latency(j, "latencyNon2xxMicros", t.non2xxLatency);
        j.append("  \"statuses\": {");
        String sep = "";
        for (int code = 0; code < t.statuses.length; code++) {
            if (t.statuses[code] > 0) {
                j.append(sep).append('"').append(code).append("\": ").append(t.statuses[code]);
                sep = ", ";
            }
        }
        j.append("},\n  \"errors\": {");
        for (ErrorKind k : ErrorKind.values()) {
            j.append('"').append(k.label()).append("\": ").append(t.errors[k.ordinal()]).append(", ");
        }
        j.append("\"non2xx\": ").append(t.non2xx()).append(", \"total\": ").append(t.errorCount()).append("},\n");
        field(j, "newConnectionErrors", t.newConnectionErrors);
        j.append("  \"client\": {\"cpuMicrosPerResponse\": ")
                .append(r.cpuNanos() < 0 || t.responses == 0 ? "null" : num(r.cpuNanos() / 1000.0 / t.responses))
                .append(", \"allocatedBytesPerResponse\": ")
                .append(r.allocatedBytes() < 0 || t.responses == 0 ? "null" : num((double) r.allocatedBytes() / t.responses))
                .append("},\n");
        if (r.watched() != null) {
            j.append("  \"cpuOf\": {\"pid\": ").append(o.cpuOf()).append(", \"userTicks\": ").append(r.watched().user())
                    .append(", \"systemTicks\": ").append(r.watched().system()).append("},\n");
        }
        j.append("  \"distribution\": [");
        sep = "\n    ";
        if (h.getTotalCount() > 0) {
            for (HistogramIterationValue v : h.percentiles(5)) {
                j.append(sep).append("{\"percentile\": ").append(num(v.getPercentileLevelIteratedTo()))
                        .append(", \"micros\": ").append(v.getValueIteratedTo())
                        .append(", \"count\": ").append(v.getTotalCountToThisValue()).append('}');
                sep = ",\n    ";
            }
        }
        j.append("\n  ],\n  \"timeline\": [");
        sep = "\n    ";
        for (Second s : r.timeline()) {
            j.append(sep).append("{\"second\": ").append(s.second()).append(", \"rps\": ").append(num(s.rps()))
                    .append(", \"p50Micros\": ").append(s.p50Micros()).append(", \"p99Micros\": ").append(s.p99Micros())
                    .append(", \"errors\": ").append(s.errors()).append(", \"non2xx\": ").append(s.non2xx()).append('}');
            sep = ",\n    ";
        }
        return j.append("\n  ]\n}\n").toString();
    }

    /** One latency summary: its count, min, mean, stdev, the report's percentiles and max, in µs. */
    private static void latency(StringBuilder j, String name, Histogram h) {
        j.append("  \"").append(name).append("\": {\"count\": ").append(h.getTotalCount());
        j.append(", \"min\": ").append(h.getTotalCount() == 0 ? 0 : h.getMinValue());
        j.append(", \"mean\": ").append(num(h.getMean())).append(", \"stdev\": ").append(num(h.getStdDeviation()));
        for (double q : TextReport.PERCENTILES) {
            j.append(", \"p").append(TextReport.label(q)).append("\": ").append(h.getValueAtPercentile(q));
        }
        j.append(", \"max\": ").append(h.getMaxValue()).append("},\n");
    }

    private static void field(StringBuilder j, String name, Object value) {
        j.append("  \"").append(name).append("\": ").append(value).append(",\n");
    }

    static String num(double d) {
        return Double.isFinite(d) ? String.format(Locale.ROOT, "%.3f", d) : "null";
    }

    static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
