package dev.surge.bench.files;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One server serving one kind of file in one round: a line of the samples file that
 * {@code bench/files.sh} appends to, tab-separated,
 * <pre>
 * kind round server rate p50_us p99_us cpu count non_2xx socket_errors
 * </pre>
 * For {@code small} (the 16 KiB file under wrk) the rate is requests/s, the CPU µs per request
 * and the count requests; for {@code large} (1 GiB downloads with curl) the rate is MiB/s, the
 * CPU ms per GiB, the count downloads, and there is no latency ("-").
 */
public record FileSample(String kind, int round, String server, OptionalDouble rate, OptionalDouble p50,
                         OptionalDouble p99, OptionalDouble cpu, OptionalLong count, OptionalLong non2xx,
                         OptionalLong socketErrors) {

    static final int COLUMNS = 10;

    /** The sample of one line; an {@link IllegalArgumentException} says which column is wrong. */
    public static FileSample parse(String line) {
        List<String> c = List.of(line.split("\t", -1));
        if (c.size() != COLUMNS) {
            throw new IllegalArgumentException(COLUMNS + " tab-separated columns expected, " + c.size() + " found");
        }
        int round;
        try {
            round = Integer.parseInt(c.get(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("round is not a whole number: '" + c.get(1) + "'");
        }
        return new FileSample(c.get(0), round, c.get(2), figure(c.get(3), "rate"), figure(c.get(4), "p50_us"),
                figure(c.get(5), "p99_us"), figure(c.get(6), "cpu"), count(c.get(7), "count"),
                count(c.get(8), "non_2xx"), count(c.get(9), "socket_errors"));
    }

    private static OptionalDouble figure(String text, String name) {
        if (text.equals("-")) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is neither a number nor '-': '" + text + "'");
        }
    }

    private static OptionalLong count(String text, String name) {
        if (text.equals("-")) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is neither a whole number nor '-': '" + text + "'");
        }
    }
}
