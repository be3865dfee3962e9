package dev.surge.bench.overload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static dev.surge.bench.overload.Values.median;
import static dev.surge.bench.overload.Values.number;
import static dev.surge.bench.overload.Values.ratio;
import static dev.surge.bench.overload.Values.sum;
import static dev.surge.bench.overload.Values.thousandths;

/**
 * The slowloris scenario over its rounds. A round is a pair of measurements, the good clients
 * alone and beside the attack, back to back: its ratio (with over alone) is the round's own, and
 * the summary's ratio is the median of the rounds' ratios, not a ratio of medians that may come
 * from different rounds (that one is kept beside it). The target: with / alone >= 0.90 and no
 * error on the good connections.
 */
final class SlowlorisSummary {
    static final String TARGET = "with / alone >= 0.90";
    static final double PASS_RATIO = 0.9;

    private SlowlorisSummary() {
    }

    static Map<String, Object> of(List<Map<?, ?>> samples) {
        List<Object> alone = figure(samples, "alone", "rps");
        List<Object> with = figure(samples, "with", "rps");
        Double aloneRps = median(alone);
        Double withRps = median(with);
        int lastRound = samples.stream().map(s -> number(s, "round")).filter(Objects::nonNull)
                .mapToInt(Double::intValue).max().orElse(0);
        List<Double> roundRatios = new ArrayList<>();
        List<Double> roundCpuRatios = new ArrayList<>();
        for (int r = 1; r <= lastRound; r++) {
            Map<?, ?> a = first(samples, r, "alone");
            Map<?, ?> w = first(samples, r, "with");
            roundRatios.add(thousandths(ratio(number(w, "rps"), number(a, "rps"))));
            // The server's CPU per good request alone over with the attack: the share of its
            // throughput the server could keep were it the only limit.
            roundCpuRatios.add(thousandths(ratio(number(a, "cpu_us_per_request"), number(w, "cpu_us_per_request"))));
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("alone_rps", aloneRps);
        s.put("with_rps", withRps);
        Double ratio = thousandths(median(roundRatios));
        s.put("ratio", ratio);
        s.put("ratio_of_medians", thousandths(ratio(withRps, aloneRps)));
        s.put("round_ratios", roundRatios);
        s.put("round_cpu_ratios", roundCpuRatios);
        s.put("alone_p99_us", median(figure(samples, "alone", "p99_us")));
        s.put("with_p99_us", median(figure(samples, "with", "p99_us")));
        s.put("alone_cpu_us_per_request", thousandths(median(figure(samples, "alone", "cpu_us_per_request"))));
        s.put("with_cpu_us_per_request", thousandths(median(figure(samples, "with", "cpu_us_per_request"))));
        s.put("slowloris_cpu_pct", median(figure(samples, "with", "slowloris_cpu_pct")));
        s.put("slowloris_open", median(figure(samples, "with", "slowloris_open_before")));
        Double goodErrors = sum(samples.stream().map(x -> x.get("errors") == null ? 0.0 : x.get("errors")).toList());
        s.put("good_errors", goodErrors);
        s.put("target", TARGET);
        s.put("cpu_ratio", thousandths(median(roundCpuRatios)));
        s.put("pass", ratio != null && ratio >= PASS_RATIO && goodErrors != null && goodErrors == 0);
        return s;
    }

    private static List<Object> figure(List<Map<?, ?>> samples, String mode, String key) {
        List<Object> out = new ArrayList<>();
        samples.stream().filter(s -> mode.equals(s.get("mode"))).forEach(s -> out.add(s.get(key)));
        return out;
    }

    private static Map<?, ?> first(List<Map<?, ?>> samples, int round, String mode) {
        return samples.stream().filter(s -> Objects.equals(number(s, "round"), (double) round) && mode.equals(s.get("mode")))
                .findFirst().orElse(null);
    }
}
