package dev.surge.bench.files;

import dev.surge.bench.report.Decimals;
import dev.surge.bench.report.MarkdownTable;

import java.util.List;
import java.util.OptionalDouble;

/** The Markdown report of a files run: the 16 KiB table, then the 1 GiB one, each with ratios to Surge. */
public final class FilesMarkdown {

    private FilesMarkdown() {
    }

    public static String render(FilesReport report) {
        var p = report.parameters();
        StringBuilder out = new StringBuilder();
        out.append("## Static files: Surge and nginx, one pinned core each (").append(p.getOrDefault("rounds", "?"))
                .append(" rounds, medians)\n\n");
        out.append("16 KiB file, wrk keep-alive, ").append(p.getOrDefault("connections", "?")).append(" connections, ")
                .append(p.getOrDefault("duration_s", "?")).append(" s per run:\n\n");
        MarkdownTable small = new MarkdownTable(
                List.of("server", "req/s", "p50 µs", "p99 µs", "CPU µs/req (min-max)", "req/s vs Surge", "CPU vs Surge"),
                List.of("---", "--:", "--:", "--:", "--:", "--:", "--:"));
        MarkdownTable large = new MarkdownTable(
                List.of("server", "MiB/s", "CPU ms/GiB (min-max)", "MiB/s vs Surge", "CPU vs Surge"),
                List.of("---", "--:", "--:", "--:", "--:"));
        for (FileRow r : report.rows()) {
            String rate = Decimals.fixed(report.rateRatio(r), 2);
            String cpu = Decimals.fixed(report.cpuRatio(r), 2);
            if (r.kind().equals("small")) {
                small.row(r.server(), Decimals.fixed(r.rate(), 0), plain(r.p50()), plain(r.p99()), spread(r, 2), rate, cpu);
            } else if (r.kind().equals("large")) {
                large.row(r.server(), Decimals.fixed(r.rate(), 0), spread(r, 0), rate, cpu);
            }
        }
        out.append(small).append('\n');
        out.append("1 GiB file, ").append(p.getOrDefault("downloads", "?"))
                .append(" curl downloads one after another per round:\n\n");
        return out.append(large).toString();
    }

    /** "20.72 (17.55-23.70)". */
    private static String spread(FileRow r, int places) {
        return Decimals.fixed(r.cpu(), places) + " (" + Decimals.fixed(r.cpuMin(), places) + "-"
                + Decimals.fixed(r.cpuMax(), places) + ")";
    }

    private static String plain(OptionalDouble v) {
        return v.isPresent() ? Decimals.plain(v.getAsDouble()) : Decimals.NONE;
    }
}
