package dev.surge.bench.peers;

import dev.surge.bench.report.KeyValues;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The results file of a peers, routes or metrics run, as a JSON tree: {@code benchmark},
 * {@code parameters}, {@code machine}, {@code results} (a row per server and mode) and
 * {@code samples} (every round). {@code ./surge bench compare} and {@code html} read it
 * ({@code BenchResults}, {@code PeerRun}); a figure without a value is null, never 0.
 */
public final class PeerJson {

    private PeerJson() {
    }

    public static Map<String, Object> tree(PeerReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("benchmark", report.kind());
        root.put("parameters", KeyValues.typed(report.parameters()));
        root.put("machine", KeyValues.typed(report.machine()));
        List<Object> results = new ArrayList<>();
        for (PeerRow r : report.rows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("server", r.server());
            row.put("mode", r.mode());
            row.put("status", r.status());
            row.put("rounds", r.rounds());
            row.put("rounds_ok", r.roundsOk());
            row.put("requests_per_s", value(r.rps()));
            row.put("p50_us", value(r.p50()));
            row.put("p99_us", value(r.p99()));
            row.put("cpu_us_per_request", value(r.cpu()));
            row.put("cpu_us_per_request_min", value(r.cpuMin()));
            row.put("cpu_us_per_request_max", value(r.cpuMax()));
            row.put("user_us_per_request", value(r.user()));
            row.put("sys_us_per_request", value(r.sys()));
            row.put("cpu_ratio_to_surge", value(report.cpuRatio(r)));
            row.put("rps_ratio_to_surge", value(report.rpsRatio(r)));
            row.put("requests", value(r.requests()));
            row.put("non_2xx", value(r.non2xx()));
            row.put("socket_errors", value(r.socketErrors()));
            results.add(row);
        }
        root.put("results", results);
        List<Object> samples = new ArrayList<>();
        for (PeerSample s : report.samples()) {
            Map<String, Object> sample = new LinkedHashMap<>();
            sample.put("round", s.round());
            sample.put("position", s.position());
            sample.put("server", s.server());
            sample.put("mode", s.mode());
            sample.put("status", s.status());
            sample.put("requests_per_s", value(s.rps()));
            sample.put("p50_us", value(s.p50()));
            sample.put("p99_us", value(s.p99()));
            sample.put("cpu_us_per_request", value(s.cpu()));
            sample.put("user_us_per_request", value(s.user()));
            sample.put("sys_us_per_request", value(s.sys()));
            sample.put("requests", value(s.requests()));
            sample.put("non_2xx", value(s.non2xx()));
            sample.put("socket_errors", value(s.socketErrors()));
            samples.add(sample);
        }
        root.put("samples", samples);
        return root;
    }

    private static Object value(OptionalDouble v) {
        return v.isPresent() ? v.getAsDouble() : null;
    }

    private static Object value(OptionalLong v) {
        return v.isPresent() ? v.getAsLong() : null;
    }
}
