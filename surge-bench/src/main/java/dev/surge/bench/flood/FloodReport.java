package dev.surge.bench.flood;

import dev.surge.bench.report.Decimals;
import dev.surge.bench.report.MarkdownTable;

import java.util.List;
import java.util.OptionalLong;

/**
 * A flood run: what the clients counted, summed over them, and the servers' memory (summed over
 * them, in KiB) at three moments: no connections, the connections open and idle, every request in
 * flight. The differences divided by the connections or requests are what one costs.
 *
 * @param asked     the connections asked for
 * @param fileLimit the open-file limit of one process
 * @param processes server processes, and as many load clients
 * @param delayMs   how long each handler slept
 * @param java      the JDK's version line
 * @param cpus      the machine's CPUs
 * @param rssKib    resident memory at the three moments
 * @param heapKib   live heap after a full GC at the three moments
 */
record FloodReport(long asked, long fileLimit, int processes, long delayMs, String java, int cpus, long[] rssKib,
                   long[] heapKib, List<FloodClient> clients) {

    long total(String key) {
        return clients.stream().mapToLong(c -> c.count(key).orElse(0)).sum();
    }

    /** Whether the run did what it was asked: every connection made and no error. */
    boolean complete() {
        return total("errors") == 0 && total("connected") == asked;
    }

    /** Every request went out before the first answer came back: all were in flight at once. */
    boolean allInFlightAtOnce() {
        OptionalLong firstAnswer = clients.stream().map(c -> c.count("first_answer_ms"))
                .filter(v -> v.isPresent() && v.getAsLong() > 0).mapToLong(OptionalLong::getAsLong).min();
        return firstAnswer.isPresent() && lastSend() < firstAnswer.getAsLong();
    }

    private long firstSend() {
        return clients.stream().mapToLong(c -> c.count("send_start_ms").orElse(Long.MAX_VALUE)).min().orElse(0);
    }

    private long lastSend() {
        return clients.stream().mapToLong(c -> c.count("send_end_ms").orElse(0)).max().orElse(0);
    }

    /** Bytes per connection or request between two readings in KiB, "0" when there were none. */
    static String per(long fromKib, long toKib, long n) {
        return Decimals.fixed(n > 0 ? (toKib - fromKib) * 1024.0 / n : 0, 0);
    }

    String markdown() {
        long connected = total("connected");
        long answered = total("answered");
        StringBuilder out = new StringBuilder("# surge bench flood\n\n");
        out.append(connected).append(" connections (of ").append(asked).append(" asked; open-file limit ")
                .append(fileLimit).append(" a process) to ").append(processes).append(" server process(es) on one port,\n")
                .append("one GET /delay/").append(delayMs).append(" each, sent by ").append(processes)
                .append(" load client(s) together; each server: one event loop on one CPU,\n")
                .append(java).append(". ").append(cpus).append(" CPUs.\n\n");
        out.append(new MarkdownTable(List.of("answered", "200s", "errors", "all in flight at once", "sending took"),
                List.of("--:", "--:", "--:", "---", "--:"))
                .row(Long.toString(answered), Long.toString(total("status_200")), Long.toString(total("errors")),
                        allInFlightAtOnce() ? "yes: every request was sent before the first answer came"
                                : "no: answers began before the last request was sent",
                        (lastSend() - firstSend()) + " ms")).append('\n');
        out.append(new MarkdownTable(List.of("server memory (all servers)", "no connections", "connections idle",
                "requests in flight"), List.of("---", "--:", "--:", "--:"))
                .row("resident (VmRSS) KiB", Long.toString(rssKib[0]), Long.toString(rssKib[1]), Long.toString(rssKib[2]))
                .row("live heap after GC KiB", Long.toString(heapKib[0]), Long.toString(heapKib[1]),
                        Long.toString(heapKib[2]))).append('\n');
        out.append(new MarkdownTable(List.of("per", "resident bytes", "live heap bytes"), List.of("---", "--:", "--:"))
                .row("idle connection", per(rssKib[0], rssKib[1], connected), per(heapKib[0], heapKib[1], connected))
                .row("in-flight request (beyond its connection)", per(rssKib[1], rssKib[2], answered),
                        per(heapKib[1], heapKib[2], answered))
                .row("in-flight request with its connection", per(rssKib[0], rssKib[2], answered),
                        per(heapKib[0], heapKib[2], answered))).append('\n');
        out.append("Each load client's report (latencies are the client's: they include its own queueing):\n");
        for (FloodClient c : clients) {
            out.append("\n```\n").append(c.text()).append("```\n");
        }
        return out.toString();
    }
}
