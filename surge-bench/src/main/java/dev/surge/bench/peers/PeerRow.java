package dev.surge.bench.peers;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One server in one mode over every round: the medians of the rounds that succeeded, the lowest
 * and highest CPU per request beside them, and requests and errors summed. A figure no round
 * had is empty. {@code status} is "ok" when every round succeeded, else the first failure's
 * reason.
 */
public record PeerRow(String server, String mode, String status, int roundsOk, int rounds,
                      OptionalDouble rps, OptionalDouble p50, OptionalDouble p99, OptionalDouble cpu,
                      OptionalDouble cpuMin, OptionalDouble cpuMax, OptionalDouble user, OptionalDouble sys,
                      OptionalLong requests, OptionalLong non2xx, OptionalLong socketErrors) {

    /** Non-2xx answers and socket errors together; empty when no round succeeded. */
    public OptionalLong errors() {
        return non2xx.isPresent() ? OptionalLong.of(non2xx.getAsLong() + socketErrors.orElse(0)) : OptionalLong.empty();
    }

    /** "ok 3/3", "ok 2/3, FAILED: wrk failed" or "FAILED 0/3: exited before answering". */
    public String verdict() {
        String counted = roundsOk + "/" + rounds;
        if (status.equals("ok")) {
            return "ok " + counted;
        }
        return (roundsOk > 0 ? "ok " + counted + ", FAILED: " : "FAILED " + counted + ": ") + status;
    }
}
