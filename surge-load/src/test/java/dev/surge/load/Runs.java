package dev.surge.load;

import dev.surge.client.ClientRequest;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/** Load runs for tests: options with the flags' defaults, run without a progress line. */
final class Runs {
    private Runs() {
    }

    static LoadOptions closed(URI uri, int connections, Duration duration) {
        return closed(uri, connections, duration, Duration.ZERO);
    }

    static LoadOptions closed(URI uri, int connections, Duration duration, Duration warmup) {
        return new LoadOptions(ClientRequest.get(uri), connections, duration, warmup, 1, 0, 1, Duration.ofSeconds(5), 0, null, null, 0, "auto");
    }

    static LoadOptions open(URI uri, int connections, Duration duration, double rate) {
        return open(uri, connections, duration, Duration.ZERO, rate);
    }

    static LoadOptions open(URI uri, int connections, Duration duration, Duration warmup, double rate) {
        return new LoadOptions(ClientRequest.get(uri), connections, duration, warmup, 1, rate, 1, Duration.ofSeconds(5), 0, null, null, 0, "auto");
    }

    static LoadResult run(LoadOptions options) throws Exception {
        return LoadRun.run(options, second -> { });
    }

    /** The latency at each of {@code percentiles}, in ms. */
    static List<Double> millis(LoadResult r, double... percentiles) {
        return java.util.Arrays.stream(percentiles).mapToObj(p -> r.total().latency.getValueAtPercentile(p) / 1000.0).toList();
    }
}
