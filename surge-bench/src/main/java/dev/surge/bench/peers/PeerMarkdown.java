package dev.surge.bench.peers;

import dev.surge.bench.report.Decimals;
import dev.surge.bench.report.MarkdownTable;

import java.util.List;
import java.util.Map;

/** The Markdown report of a peers, routes or metrics run: what was measured and how, the run's facts, the rows. */
public final class PeerMarkdown {
    private static final String METHOD = """
            GET on each server's path (see paths below), one server at a time pinned to one CPU, wrk
            pinned to another.
            Every server is measured once per round, in an order that rotates from round to round;
            each number is the median over the rounds that succeeded (the JSON holds every sample).
            CPU µs/request is the server process's user+system time during the measured run divided
            by the requests it answered, with the lowest and highest round in brackets; user and sys
            are the medians of each part alone, so they need not add up to the total exactly.
            ×surge columns are ratios of medians to Surge's in the same mode; errors (non-2xx and
            socket errors) are summed over the rounds. Each measured run follows a warm-up of two
            wrk runs, so JIT-compiled servers have also met connection teardown before it.
            Latency is wrk's (with its coordinated-omission correction); pipelined, wrk times each
            batch of requests, so those percentiles are rough, and "-" where wrk printed none.
            The close mode (--modes close) sends Connection: close on every request: each one is a
            new connection, its accept, the request and the close.
            """;

    private PeerMarkdown() {
    }

    public static String render(PeerReport report) {
        StringBuilder out = new StringBuilder();
        out.append("# surge bench ").append(report.kind()).append("\n\n").append(METHOD).append('\n');
        out.append("| | |\n|---|---|\n");
        facts(report.parameters(), out);
        facts(report.machine(), out);
        out.append('\n');
        MarkdownTable table = new MarkdownTable(
                List.of("server", "mode", "requests/s", "p50 ms", "p99 ms", "CPU µs/request (min–max)", "user µs",
                        "sys µs", "CPU ×surge", "rps ×surge", "errors", "status"),
                List.of("---", "---", "--:", "--:", "--:", "--:", "--:", "--:", "--:", "--:", "--:", "---"));
        for (PeerRow r : report.rows()) {
            table.row(r.server(), r.mode(), Decimals.fixed(r.rps(), 0), PeerTable.millis(r.p50()),
                    PeerTable.millis(r.p99()), PeerTable.cpuSpread(r, "–"), Decimals.fixed(r.user(), 2),
                    Decimals.fixed(r.sys(), 2), Decimals.fixed(report.cpuRatio(r), 2),
                    Decimals.fixed(report.rpsRatio(r), 2), PeerTable.count(r), r.verdict());
        }
        return out.append(table).toString();
    }

    private static void facts(Map<String, String> facts, StringBuilder out) {
        facts.forEach((k, v) -> out.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    }
}
