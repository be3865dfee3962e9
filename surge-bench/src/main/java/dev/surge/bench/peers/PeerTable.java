package dev.surge.bench.peers;

import dev.surge.bench.report.Decimals;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The table {@code ./surge bench peers} prints when it is done: one padded line per row, ASCII
 * only ("us", "-") so that it lines up in any terminal.
 */
public final class PeerTable {
    private static final String LINE = "%-9s %-10s %11s %7s %7s %-20s %6s %6s %9s %9s %7s  %s%n";

    private PeerTable() {
    }

    public static String render(PeerReport report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, LINE, "server", "mode", "requests/s", "p50 ms", "p99 ms",
                "CPU us/req (min-max)", "user", "sys", "CPU/surge", "rps/surge", "errors", "status"));
        for (PeerRow r : report.rows()) {
            out.append(String.format(Locale.ROOT, LINE, r.server(), r.mode(), Decimals.fixed(r.rps(), 0),
                    millis(r.p50()), millis(r.p99()), cpuSpread(r, "-"), Decimals.fixed(r.user(), 2),
                    Decimals.fixed(r.sys(), 2), Decimals.fixed(report.cpuRatio(r), 2),
                    Decimals.fixed(report.rpsRatio(r), 2), count(r), r.verdict()));
        }
        return out.toString();
    }

    /** µs as milliseconds to the hundredth. */
    static String millis(OptionalDouble micros) {
        return micros.isPresent() ? Decimals.fixed(micros.getAsDouble() / 1000, 2) : Decimals.NONE;
    }

    /** "5.12 (4.90-5.60)": the median and the rounds' spread; the bare median for one round. */
    static String cpuSpread(PeerRow r, String dash) {
        if (r.cpu().isEmpty()) {
            return Decimals.NONE;
        }
        if (r.roundsOk() < 2) {
            return Decimals.fixed(r.cpu(), 2);
        }
        return Decimals.fixed(r.cpu(), 2) + " (" + Decimals.fixed(r.cpuMin(), 2) + dash + Decimals.fixed(r.cpuMax(), 2) + ")";
    }

    static String count(PeerRow r) {
        return r.errors().isPresent() ? Long.toString(r.errors().getAsLong()) : Decimals.NONE;
    }
}
