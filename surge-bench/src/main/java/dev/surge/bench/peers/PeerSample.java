package dev.surge.bench.peers;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One server measured in one mode in one round: a line of the samples file that
 * {@code bench/peers/measure.sh} appends to, tab-separated,
 * <pre>
 * round position server mode status rps p50_us p99_us cpu_us_per_req user_us_per_req sys_us_per_req requests non_2xx socket_errors
 * </pre>
 * {@code position} is the server's place in that round's order (0 = first), kept so that order
 * effects can be looked for. {@code status} is "ok" or why the round failed; a failed round has
 * "-" for every figure, and a figure the load generator did not print (wrk's p99 under
 * pipelining, at times) is "-" in a round that succeeded.
 */
public record PeerSample(int round, int position, String server, String mode, String status,
                         OptionalDouble rps, OptionalDouble p50, OptionalDouble p99, OptionalDouble cpu,
                         OptionalDouble user, OptionalDouble sys,
                         OptionalLong requests, OptionalLong non2xx, OptionalLong socketErrors) {

    static final int COLUMNS = 14;

    public boolean ok() {
        return status.equals("ok");
    }

    /** The sample of one line; an {@link IllegalArgumentException} says which column is wrong. */
    public static PeerSample parse(String line) {
        List<String> c = List.of(line.split("\t", -1));
        if (c.size() != COLUMNS) {
            throw new IllegalArgumentException(COLUMNS + " tab-separated columns expected, " + c.size() + " found");
        }
        return new PeerSample(whole(c.get(0), "round"), whole(c.get(1), "position"), c.get(2), c.get(3), c.get(4),
                figure(c.get(5), "rps"), figure(c.get(6), "p50_us"), figure(c.get(7), "p99_us"),
                figure(c.get(8), "cpu_us_per_req"), figure(c.get(9), "user_us_per_req"),
                figure(c.get(10), "sys_us_per_req"), count(c.get(11), "requests"), count(c.get(12), "non_2xx"),
                count(c.get(13), "socket_errors"));
    }

    private static int whole(String text, String name) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a whole number: '" + text + "'");
        }
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
