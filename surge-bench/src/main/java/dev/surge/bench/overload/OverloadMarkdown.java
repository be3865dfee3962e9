package dev.surge.bench.overload;

import dev.surge.bench.report.Decimals;
import dev.surge.bench.report.MarkdownTable;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static dev.surge.bench.overload.Values.at;
import static dev.surge.bench.overload.Values.number;
import static dev.surge.bench.overload.Values.objects;
import static dev.surge.bench.overload.Values.ratio;
import static dev.surge.bench.overload.Values.sum;
import static dev.surge.bench.overload.Values.truthy;

/**
 * The Markdown report of an overload results file: per scenario a table of its rounds, the
 * summary, and the verdict against the target. Figures are rounded to the hundredth and
 * microseconds shown as milliseconds; a figure without a value is "-".
 */
final class OverloadMarkdown {

    private OverloadMarkdown() {
    }

    static String render(Map<?, ?> results) {
        Object p = results.get("parameters");
        StringBuilder out = new StringBuilder();
        line(out, "## surge bench overload: " + s(at(results, "machine", "commit")) + " (" + s(at(p, "rounds"))
                + " round(s), " + s(at(p, "timestamp")) + ")\n");
        line(out, "Server: reference service on CPU " + s(at(p, "server_cpu")) + " (ActiveProcessorCount=1), args `"
                + s(at(p, "server_args")) + "`; load on CPU(s) " + s(at(p, "load_cpus")) + ".\n");
        if (truthy(results.get("slowloris"))) {
            slowloris(p, results.get("slowloris"), out);
        }
        if (truthy(results.get("overload"))) {
            openLoop(p, results.get("overload"), out);
        }
        if (truthy(results.get("sigterm"))) {
            sigterm(p, results.get("sigterm"), out);
        }
        if (truthy(results.get("memory"))) {
            memory(p, results.get("memory"), out);
        }
        return out.toString();
    }

    private static void slowloris(Object p, Object section, StringBuilder out) {
        Object sl = at(p, "slowloris");
        Object warmup = at(sl, "warmup_s");
        line(out, "### Slowloris: " + s(at(sl, "connections")) + " connections (a header byte every "
                + s(at(sl, "interval_s")) + " s) beside " + s(at(p, "good_connections"))
                + " good keep-alive connections on /plaintext, " + s(at(p, "duration_s")) + " s runs, after "
                + s(truthy(warmup) ? warmup : 0) + " s of the attack unmeasured (JIT warm-up)\n");
        MarkdownTable table = new MarkdownTable(List.of("round", "alone req/s", "with req/s", "with/alone",
                "alone p99 ms", "with p99 ms", "server CPU µs/req alone / with", "load CPU % alone / with",
                "slowloris CPU %", "slowloris open", "server open files",
                "slowloris conns ended by server / 408s / refused"), List.of("--:", "--:", "--:", "--:", "--:", "--:",
                "--:", "--:", "--:", "--:", "--:", "--:"));
        Map<Double, List<Map<?, ?>>> rounds = objects((List<?>) at(section, "samples")).stream()
                .collect(Collectors.groupingBy(x -> Objects.requireNonNullElse(number(x, "round"), 0.0), TreeMap::new,
                        Collectors.toList()));
        for (List<Map<?, ?>> round : rounds.values()) {
            Map<?, ?> a = round.stream().filter(x -> "alone".equals(x.get("mode"))).findFirst().orElse(null);
            Map<?, ?> w = round.stream().filter(x -> "with".equals(x.get("mode"))).findFirst().orElse(null);
            Object attack = at(w, "slowloris");
            table.row(s(round.getFirst().get("round")), f(at(a, "rps")), f(at(w, "rps")),
                    f(ratio(number(w, "rps"), number(a, "rps"))), ms(at(a, "p99_us")), ms(at(w, "p99_us")),
                    f(at(a, "cpu_us_per_request")) + " / " + f(at(w, "cpu_us_per_request")),
                    f(at(a, "load_cpu_pct")) + " / " + f(at(w, "load_cpu_pct")), f(at(w, "slowloris_cpu_pct")),
                    f(at(w, "slowloris_open_before")), f(at(w, "server_open_files")),
                    f(truthy(attack) ? sum(java.util.Arrays.asList(at(attack, "closed_by_server"), at(attack, "resets"))) : null)
                            + " / " + f(at(attack, "answers_408")) + " / "
                            + f(truthy(attack) ? sum(java.util.Arrays.asList(at(attack, "connect_failures"),
                                    at(attack, "connect_timeouts"))) : null));
        }
        Object sum = at(section, "summary");
        table.row("**median**", f(at(sum, "alone_rps")), f(at(sum, "with_rps")), "**" + f(at(sum, "ratio")) + "**",
                ms(at(sum, "alone_p99_us")), ms(at(sum, "with_p99_us")),
                f(at(sum, "alone_cpu_us_per_request")) + " / " + f(at(sum, "with_cpu_us_per_request")), "",
                f(at(sum, "slowloris_cpu_pct")), f(at(sum, "slowloris_open")), "", "");
        out.append(table).append('\n');
        line(out, "Target " + s(at(sum, "target")) + ", no errors on the good connections: **"
                + verdict(at(sum, "pass")) + "** (good-connection errors: " + s(at(sum, "good_errors"))
                + "). The server CPU per good request, alone over with the attack (median of the rounds): "
                + f(at(sum, "cpu_ratio")) + " (the share of its throughput the server could keep were it the only"
                + " limit; the attack itself runs on the load CPU, beside the good clients).\n");
    }

    private static void openLoop(Object p, Object section, StringBuilder out) {
        Object ov = at(p, "overload");
        String peaks = at(ov, "peak_connections") instanceof List<?> l
                ? l.stream().map(OverloadMarkdown::s).collect(Collectors.joining(", ")) : "";
        line(out, "### Open-loop overload: " + s(at(ov, "factor")) + "x the closed-loop peak for " + s(at(ov, "seconds"))
                + " s over " + s(at(ov, "open_connections")) + " connections (peak: the best of closed loops of "
                + peaks + " connections)\n");
        MarkdownTable table = new MarkdownTable(List.of("route", "round", "peak 2xx/s (conns)", "offered req/s",
                "sent req/s (x peak)", "load CPU %", "goodput 2xx/s", "% of peak", "2xx p99 ms", "p99 ms (all)",
                "statuses", "errors c/r/t/r", "server CPU µs/req", "OOM"), List.of("---", "--:", "--:", "--:", "--:",
                "--:", "--:", "--:", "--:", "--:", "---", "---", "--:", "--:"));
        List<Map<?, ?>> samples = objects((List<?>) at(section, "samples"));
        for (Map<?, ?> x : samples) {
            if (!truthy(x.get("failed"))) {
                table.row(s(x.get("route")), s(x.get("round")), f(at(x, "peak", "rps_2xx")) + " ("
                                + s(at(x, "peak", "connections")) + ")", f(x.get("offered_rps")),
                        f(x.get("sent_rps")) + " (" + f(x.get("sent_x_peak")) + ")", f(x.get("load_cpu_pct")),
                        f(x.get("goodput_rps")), f(x.get("goodput_pct_of_peak")), ms(x.get("p99_2xx_us")),
                        ms(x.get("p99_us")), s(x.get("statuses")), s(at(x, "errors", "connect")) + "/"
                                + s(at(x, "errors", "read")) + "/" + s(at(x, "errors", "timeout")) + "/"
                                + s(at(x, "errors", "reset")), f(x.get("cpu_us_per_request")),
                        s(x.get("out_of_memory_errors")));
            }
        }
        for (Map<?, ?> x : samples) {
            if (truthy(x.get("failed"))) {
                table.row(s(x.get("route")), s(x.get("round")), "failed: " + s(x.get("failed")), "", "", "", "", "", "",
                        "", "", "", "", "");
            }
        }
        out.append(table).append('\n');
        List<Map<?, ?>> summaries = objects((List<?>) at(section, "summary"));
        for (Map<?, ?> r : summaries) {
            line(out, "- " + s(r.get("route")) + ": sent " + f(r.get("sent_x_peak")) + "x the peak (load CPU "
                    + f(r.get("load_cpu_pct")) + " %), median goodput " + f(r.get("goodput_pct_of_peak"))
                    + " % of peak, 2xx p99 " + ms(r.get("p99_2xx_us")) + " ms, errors " + s(r.get("errors"))
                    + ", only 503 besides 2xx: " + s(r.get("only_503")) + ", OutOfMemoryError: "
                    + s(r.get("out_of_memory_errors")) + ": **" + verdict(r.get("pass")) + "**");
        }
        line(out, "\nTarget: " + s(summaries.isEmpty() ? null : summaries.getFirst().get("target")) + ". A load"
                + " generator near 100 % CPU that sent less than the offered rate was itself a limit: its lag counts"
                + " in the latency (from when each request fell due).\n");
    }

    private static void sigterm(Object p, Object section, StringBuilder out) {
        Object st = at(p, "sigterm");
        line(out, "### SIGTERM under load: " + s(at(st, "connections")) + " keep-alive connections on "
                + s(at(st, "path")) + " for " + s(at(st, "seconds")) + " s, SIGTERM at " + s(at(st, "at_s")) + " s, "
                + s(at(st, "grace_s")) + " s grace\n");
        MarkdownTable table = new MarkdownTable(List.of("round", "responses", "statuses", "lost (read/timeout/reset)",
                "failed on new connections", "refused connects", "exit status", "exit after s", "verdict"),
                List.of("--:", "--:", "---", "--:", "--:", "--:", "--:", "--:", "---"));
        for (Map<?, ?> x : objects((List<?>) at(section, "samples"))) {
            if (x.get("failed") instanceof String why) {
                table.row(s(x.get("round")), "failed: " + why, "", "", "", "", "", "", "");
            } else {
                table.row(s(x.get("round")), s(x.get("responses")), s(x.get("statuses")), s(x.get("lost")) + " ("
                                + s(at(x, "errors", "read")) + "/" + s(at(x, "errors", "timeout")) + "/"
                                + s(at(x, "errors", "reset")) + ")", s(x.get("failed_on_new_connections")),
                        s(x.get("refused_connects")), s(x.get("exit_code")), s(x.get("exit_after_s"))
                                + (truthy(x.get("killed_after_grace")) ? " (killed)" : ""), verdict(x.get("pass")));
            }
        }
        out.append(table);
        line(out, "\nTarget " + s(at(section, "summary", "target")) + ": **" + verdict(at(section, "summary", "pass"))
                + "**.\n");
    }

    private static void memory(Object p, Object section, StringBuilder out) {
        Object m = at(p, "memory");
        line(out, "### Memory: a connection flood, " + s(at(m, "connections")) + " slowloris connections (at most "
                + s(at(m, "rate")) + " new a second, a header byte every " + s(at(m, "interval_s")) + " s) against a "
                + s(at(m, "heap")) + " heap, beside 16 good keep-alive connections on /plaintext, "
                + s(at(m, "seconds")) + " s\n");
        MarkdownTable table = new MarkdownTable(List.of("round", "alive", "OutOfMemoryError lines", "shedding episodes",
                "good statuses", "good errors (connect)", "attack: peak open / opened / 408s / reset",
                "recovered after s", "verdict"), List.of("--:", "---", "--:", "--:", "---", "--:", "---", "--:", "---"));
        for (Map<?, ?> x : objects((List<?>) at(section, "samples"))) {
            if (x.get("failed") instanceof String why) {
                table.row(s(x.get("round")), "failed: " + why, "", "", "", "", "", "", "");
            } else {
                table.row(s(x.get("round")), truthy(x.get("alive")) ? "yes" : "no (exit " + s(x.get("exit_code")) + ")",
                        s(x.get("out_of_memory_lines")), s(x.get("shedding_episodes")), or(at(x, "good", "statuses")),
                        or(at(x, "good", "errors")) + " (" + or(at(x, "good", "connect_errors")) + ")",
                        or(at(x, "attack", "peak_open")) + " / " + or(at(x, "attack", "opened")) + " / "
                                + or(at(x, "attack", "answers_408")) + " / " + or(at(x, "attack", "resets")),
                        or(x.get("recovered_after_s")), verdict(x.get("pass")));
            }
        }
        out.append(table);
        line(out, "\nTarget " + s(at(section, "summary", "target")) + ": **" + verdict(at(section, "summary", "pass"))
                + "**.\n");
    }

    private static void line(StringBuilder out, String text) {
        out.append(text).append('\n');
    }

    /** A figure: "-" for none, a whole number as it is, else to the hundredth. */
    static String f(Object v) {
        if (v == null) {
            return Decimals.NONE;
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return Decimals.plain(d == Math.floor(d) ? d : Decimals.scaled(d, 2));
        }
        return s(v);
    }

    /** Microseconds as milliseconds to the hundredth; "-" for none. */
    static String ms(Object micros) {
        return micros instanceof Number n ? Decimals.plain(Decimals.scaled(n.doubleValue() / 1000, 2)) : Decimals.NONE;
    }

    static String verdict(Object pass) {
        return truthy(pass) ? "pass" : "FAIL";
    }

    /** A value as text, as the report has always printed it: a missing one reads "null". */
    static String s(Object v) {
        return switch (v) {
            case null -> "null";
            case Number n -> Decimals.plain(n.doubleValue());
            default -> String.valueOf(v);
        };
    }

    /** The value, or "-" where there is none. */
    private static String or(Object v) {
        return truthy(v) ? s(v) : Decimals.NONE;
    }
}
