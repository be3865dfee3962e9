package dev.surge.bench.peers;

import dev.surge.bench.report.Decimals;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * A peers, routes or metrics run as its reports show it: the rows (see {@link PeerSamples}),
 * the samples behind them, and what the run was made under ({@code parameters}: the flags;
 * {@code machine}: CPU, kernel, tool versions), each in the order the script wrote them.
 *
 * <p>Each row is also given as a ratio of Surge's row in the same mode (CPU per request: lower
 * is better; requests/s: higher). Ratios of medians, not medians of per-round ratios: Surge and
 * its peer were not measured at the same moment, so pairing them by round would pair nothing.
 */
public record PeerReport(String kind, Map<String, String> parameters, Map<String, String> machine,
                         List<PeerRow> rows, List<PeerSample> samples) {
    /** The server every other is measured against. */
    public static final String BASELINE = "surge";

    public PeerReport {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        machine = Collections.unmodifiableMap(new LinkedHashMap<>(machine));
        rows = List.copyOf(rows);
        samples = List.copyOf(samples);
    }

    public static PeerReport of(String kind, Map<String, String> parameters, Map<String, String> machine,
                                List<PeerSample> samples) {
        return new PeerReport(kind, parameters, machine, PeerSamples.summarize(samples), samples);
    }

    /** CPU per request over Surge's in the same mode, to the hundredth; empty without both. */
    public OptionalDouble cpuRatio(PeerRow row) {
        return ratio(row, PeerRow::cpu);
    }

    /** Requests/s over Surge's in the same mode, to the hundredth; empty without both. */
    public OptionalDouble rpsRatio(PeerRow row) {
        return ratio(row, PeerRow::rps);
    }

    private OptionalDouble ratio(PeerRow row, Function<PeerRow, OptionalDouble> figure) {
        OptionalDouble v = figure.apply(row);
        OptionalDouble base = rows.stream()
                .filter(r -> r.server().equals(BASELINE) && r.mode().equals(row.mode()) && r.roundsOk() > 0)
                .map(figure).findFirst().orElse(OptionalDouble.empty());
        if (v.isEmpty() || base.isEmpty() || base.getAsDouble() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Decimals.round(v.getAsDouble() / base.getAsDouble(), 2));
    }
}
