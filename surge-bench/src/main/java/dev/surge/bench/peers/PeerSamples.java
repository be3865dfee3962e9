package dev.surge.bench.peers;

import dev.surge.bench.report.Decimals;
import dev.surge.bench.report.Medians;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.SequencedSet;
import java.util.function.Function;

/**
 * Folds the samples of every round into one {@link PeerRow} per server and mode. Rows come
 * server by server in the order the servers first appear in the samples (round 1 measures them
 * in the order they were asked for), and within a server in the order keep-alive, pipelined,
 * close. Medians are kept to the thousandth, as the samples are.
 */
public final class PeerSamples {
    /** The modes in the order reports show them. */
    public static final List<String> MODES = List.of("keepalive", "pipelined", "close");

    private PeerSamples() {
    }

    /** The samples of {@code file}; a malformed line is an {@link IllegalArgumentException} naming it. */
    public static List<PeerSample> read(Path file) throws IOException {
        List<PeerSample> samples = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) {
                continue;
            }
            try {
                samples.add(PeerSample.parse(lines.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return samples;
    }

    public static List<PeerRow> summarize(List<PeerSample> samples) {
        SequencedSet<String> servers = new LinkedHashSet<>();
        SequencedSet<String> modes = new LinkedHashSet<>(MODES);
        Map<String, List<PeerSample>> byRow = new LinkedHashMap<>();
        for (PeerSample s : samples) {
            servers.add(s.server());
            modes.add(s.mode());
            byRow.computeIfAbsent(s.server() + "\t" + s.mode(), k -> new ArrayList<>()).add(s);
        }
        List<PeerRow> rows = new ArrayList<>();
        for (String server : servers) {
            for (String mode : modes) {
                List<PeerSample> rounds = byRow.get(server + "\t" + mode);
                if (rounds != null) {
                    rows.add(row(server, mode, rounds));
                }
            }
        }
        return rows;
    }

    private static PeerRow row(String server, String mode, List<PeerSample> rounds) {
        List<PeerSample> ok = rounds.stream().filter(PeerSample::ok).toList();
        String status = ok.size() == rounds.size() ? "ok"
                : rounds.stream().filter(s -> !s.ok()).findFirst().orElseThrow().status();
        List<Double> cpu = values(ok, PeerSample::cpu);
        return new PeerRow(server, mode, status, ok.size(), rounds.size(),
                median(ok, PeerSample::rps), median(ok, PeerSample::p50), median(ok, PeerSample::p99),
                median(ok, PeerSample::cpu), Medians.lowest(cpu), Medians.highest(cpu),
                median(ok, PeerSample::user), median(ok, PeerSample::sys),
                sum(ok, PeerSample::requests), sum(ok, PeerSample::non2xx), sum(ok, PeerSample::socketErrors));
    }

    private static List<Double> values(List<PeerSample> ok, Function<PeerSample, OptionalDouble> figure) {
        List<Double> values = new ArrayList<>();
        ok.forEach(s -> figure.apply(s).ifPresent(values::add));
        return values;
    }

    private static OptionalDouble median(List<PeerSample> ok, Function<PeerSample, OptionalDouble> figure) {
        OptionalDouble m = Medians.median(values(ok, figure));
        return m.isPresent() ? OptionalDouble.of(Decimals.round(m.getAsDouble(), 3)) : m;
    }

    /** The sum over the rounds that succeeded (a "-" among them counts 0); empty when none did. */
    private static OptionalLong sum(List<PeerSample> ok, Function<PeerSample, OptionalLong> count) {
        return ok.isEmpty() ? OptionalLong.empty()
                : OptionalLong.of(ok.stream().mapToLong(s -> count.apply(s).orElse(0)).sum());
    }
}
