package dev.surge.bench.html;

import dev.surge.bench.results.JsonTree;
import dev.surge.bench.results.ResultsException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the HTML report draws from a {@code surge bench peers} or {@code routes} results file: the
 * result rows (medians per server and mode), each with its rounds' values, plus the run's
 * parameters and machine. A missing number (wrk printed no p99) stays empty, never zero.
 */
record PeerRun(String kind, Map<String, String> parameters, Map<String, String> machine, List<Result> results) {

    static final List<String> MODES = List.of("keepalive", "pipelined", "close");

    /** One server in one mode: the medians, and the successful rounds' values behind them. */
    record Result(String server, String mode, String status, int rounds, int roundsOk, OptionalDouble rps,
                  OptionalDouble p50, OptionalDouble p99, OptionalDouble cpu, OptionalDouble cpuMin,
                  OptionalDouble cpuMax, OptionalDouble user, OptionalDouble sys, OptionalDouble cpuRatio,
                  OptionalDouble rpsRatio, OptionalDouble errors, List<Double> cpuSamples,
                  List<Double> p50Samples, List<Double> p99Samples) {
    }

    /** The servers in the order of the file. */
    List<String> servers() {
        return results.stream().map(Result::server).distinct().toList();
    }

    /** The modes the run measured, in the order of {@link #MODES}. */
    List<String> modes() {
        return MODES.stream().filter(m -> results.stream().anyMatch(r -> r.mode.equals(m))).toList();
    }

    /** The result of {@code server} in {@code mode}, or null where the run has none. */
    Result result(String server, String mode) {
        return results.stream().filter(r -> r.server.equals(server) && r.mode.equals(mode)).findFirst().orElse(null);
    }

    static PeerRun read(Path file) throws ResultsException {
        if (!(JsonTree.read(file) instanceof Map<?, ?> root) || !(root.get("results") instanceof List<?> rows)) {
            throw new ResultsException(file + ": not a surge bench peers/routes results file (an object with \"results\")");
        }
        Map<String, Map<String, List<List<Double>>>> samples = new LinkedHashMap<>();
        for (Object o : JsonTree.list(root, "samples")) {
            if (o instanceof Map<?, ?> s && "ok".equals(JsonTree.text(s, "status", "ok"))) {
                List<List<Double>> values = samples.computeIfAbsent(JsonTree.text(s, "server", ""), k -> new LinkedHashMap<>())
                        .computeIfAbsent(JsonTree.text(s, "mode", ""), k -> List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
                add(values.get(0), JsonTree.number(s, "cpu_us_per_request"));
                add(values.get(1), JsonTree.number(s, "p50_us"));
                add(values.get(2), JsonTree.number(s, "p99_us"));
            }
        }
        List<Result> results = new ArrayList<>();
        for (Object o : rows) {
            if (!(o instanceof Map<?, ?> r) || JsonTree.text(r, "server", null) == null) {
                throw new ResultsException(file + ": a result without a \"server\"");
            }
            String server = JsonTree.text(r, "server", "");
            String mode = JsonTree.text(r, "mode", "");
            List<List<Double>> s = samples.getOrDefault(server, Map.of()).getOrDefault(mode, List.of(List.of(), List.of(), List.of()));
            OptionalDouble errors = sum(JsonTree.number(r, "non_2xx"), JsonTree.number(r, "socket_errors"));
            results.add(new Result(server, mode, JsonTree.text(r, "status", "ok"),
                    (int) JsonTree.number(r, "rounds").orElse(0), (int) JsonTree.number(r, "rounds_ok").orElse(0),
                    JsonTree.number(r, "requests_per_s"), JsonTree.number(r, "p50_us"), JsonTree.number(r, "p99_us"),
                    JsonTree.number(r, "cpu_us_per_request"), JsonTree.number(r, "cpu_us_per_request_min"),
                    JsonTree.number(r, "cpu_us_per_request_max"), JsonTree.number(r, "user_us_per_request"),
                    JsonTree.number(r, "sys_us_per_request"), JsonTree.number(r, "cpu_ratio_to_surge"),
                    JsonTree.number(r, "rps_ratio_to_surge"), errors, List.copyOf(s.get(0)), List.copyOf(s.get(1)),
                    List.copyOf(s.get(2))));
        }
        return new PeerRun(kind(file, root), strings(JsonTree.object(root, "parameters")),
                strings(JsonTree.object(root, "machine")), results);
    }

    /** {@code routes} from {@code routes-20261128T080112Z.json}, else the file's own "benchmark". */
    private static String kind(Path file, Map<?, ?> root) {
        Matcher m = Pattern.compile("^([a-z][a-z0-9]*)-").matcher(String.valueOf(file.getFileName()));
        return m.find() ? m.group(1) : JsonTree.text(root, "benchmark", "peers");
    }

    private static Map<String, String> strings(Map<?, ?> object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : v instanceof Double d && d == Math.rint(d)
                ? String.valueOf(d.longValue()) : String.valueOf(v)));
        return out;
    }

    private static void add(List<Double> to, OptionalDouble v) {
        v.ifPresent(to::add);
    }

    private static OptionalDouble sum(OptionalDouble a, OptionalDouble b) {
        return a.isEmpty() && b.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(a.orElse(0) + b.orElse(0));
    }
}
