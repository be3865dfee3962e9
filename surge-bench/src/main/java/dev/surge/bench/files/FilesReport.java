package dev.surge.bench.files;

import dev.surge.bench.report.Medians;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SequencedSet;
import java.util.function.Function;

/**
 * A {@code ./surge bench files} run: its samples, folded into a {@link FileRow} per kind of file
 * (small, then large) and server (in the order round 1 measured them), with ratios to Surge.
 */
public record FilesReport(Map<String, String> parameters, List<FileRow> rows, List<FileSample> samples) {
    public static final List<String> KINDS = List.of("small", "large");

    public FilesReport {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        rows = List.copyOf(rows);
        samples = List.copyOf(samples);
    }

    public static FilesReport of(Map<String, String> parameters, List<FileSample> samples) {
        SequencedSet<String> servers = new LinkedHashSet<>();
        samples.forEach(s -> servers.add(s.server()));
        List<FileRow> rows = new ArrayList<>();
        for (String kind : KINDS) {
            for (String server : servers) {
                List<FileSample> rounds = samples.stream()
                        .filter(s -> s.kind().equals(kind) && s.server().equals(server)).toList();
                if (!rounds.isEmpty()) {
                    List<Double> cpu = values(rounds, FileSample::cpu);
                    rows.add(new FileRow(kind, server, Medians.median(values(rounds, FileSample::rate)),
                            Medians.median(values(rounds, FileSample::p50)), Medians.median(values(rounds, FileSample::p99)),
                            Medians.median(cpu), Medians.lowest(cpu), Medians.highest(cpu)));
                }
            }
        }
        return new FilesReport(parameters, rows, samples);
    }

    /** The samples of {@code file}; a malformed line is an {@link IllegalArgumentException} naming it. */
    public static List<FileSample> read(Path file) throws IOException {
        List<FileSample> samples = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isEmpty()) {
                try {
                    samples.add(FileSample.parse(lines.get(i)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
                }
            }
        }
        return samples;
    }

    /** The rate over Surge's for the same kind of file (higher is better); empty without both. */
    public OptionalDouble rateRatio(FileRow row) {
        return ratio(row, FileRow::rate);
    }

    /** The CPU over Surge's for the same kind of file (lower is better); empty without both. */
    public OptionalDouble cpuRatio(FileRow row) {
        return ratio(row, FileRow::cpu);
    }

    private OptionalDouble ratio(FileRow row, Function<FileRow, OptionalDouble> figure) {
        OptionalDouble v = figure.apply(row);
        OptionalDouble base = rows.stream().filter(r -> r.server().equals("surge") && r.kind().equals(row.kind()))
                .map(figure).findFirst().orElse(OptionalDouble.empty());
        if (v.isEmpty() || base.isEmpty() || !(v.getAsDouble() > 0) || !(base.getAsDouble() > 0)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(v.getAsDouble() / base.getAsDouble());
    }

    private static List<Double> values(List<FileSample> rounds, Function<FileSample, OptionalDouble> figure) {
        List<Double> values = new ArrayList<>();
        rounds.forEach(s -> figure.apply(s).ifPresent(values::add));
        return values;
    }
}
