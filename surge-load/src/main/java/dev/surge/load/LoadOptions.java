package dev.surge.load;

import dev.surge.client.ClientRequest;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One load run, as the command line describes it.
 *
 * @param request what every request is (method, URL, headers, body)
 * @param connections -c: connections (lanes) kept open
 * @param duration -d: how long to load and measure
 * @param warmup --warmup: how long to load before measuring (JIT, connection set-up), or zero
 * @param threads -t: event loops
 * @param rate --rate: requests per second for an open loop; 0 for a closed loop
 * @param pipeline --pipeline: requests in flight per connection
 * @param timeout --timeout: a response slower than this is an error
 * @param requests --requests: stop after this many; 0 for no limit
 * @param json --json: where to write the JSON report, or null
 * @param html --html: where to write the HTML report, or null
 * @param cpuOf --cpu-of: a process whose CPU time to report for the measured window, or 0
 * @param transport --transport: auto (epoll, else NIO), epoll, io_uring or nio
 */
record LoadOptions(ClientRequest request, int connections, Duration duration, Duration warmup, int threads, double rate, int pipeline,
                   Duration timeout, long requests, Path json, Path html, long cpuOf, String transport) {

    LoadOptions {
        if (connections < 1 || threads < 1 || pipeline < 1) {
            throw new IllegalArgumentException("-c, -t and --pipeline must be at least 1");
        }
        if (threads > connections) {
            threads = connections; // a loop without a connection would only idle
        }
        if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("--rate must be a positive number of requests per second");
        }
        if (duration.isZero() || duration.isNegative() || timeout.isZero() || timeout.isNegative() || warmup.isNegative()) {
            throw new IllegalArgumentException("-d and --timeout must be positive durations");
        }
    }

    boolean openLoop() {
        return rate > 0;
    }
}
