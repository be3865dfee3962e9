package dev.surge.app;

import dev.surge.config.DurationConverter;
import dev.surge.config.SizeConverter;
import dev.surge.http.ConnectionLimits;
import picocli.CommandLine.Option;

import java.time.Duration;

/** The flags of {@code surge run} that bound connections and slow clients, and the shutdown grace. */
final class ConnectionFlags {

    @Option(names = "--max-connections", paramLabel = "N",
            description = "open connections; more are closed at accept (default: 90%% of the open-file limit)")
    Integer maxConnections;

    @Option(names = "--max-pipelined", defaultValue = "32", paramLabel = "N",
            description = "responses one connection may have waiting before it stops parsing (default: ${DEFAULT-VALUE})")
    int maxPipelined;

    @Option(names = "--idle-timeout", defaultValue = "60s", converter = DurationConverter.class,
            description = "close a keep-alive connection idle this long; 0 is off (default: ${DEFAULT-VALUE})")
    Duration idleTimeout;

    @Option(names = "--header-timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "a request head must arrive whole within this, else 408; 0 is off (default: ${DEFAULT-VALUE})")
    Duration headerTimeout;

    @Option(names = "--min-body-rate", defaultValue = "240", converter = SizeConverter.class, paramLabel = "BYTES",
            description = "bytes per second a request body must average once the header timeout has passed, else 408; 0 is off (default: ${DEFAULT-VALUE})")
    int minBodyRate;

    @Option(names = "--write-timeout", defaultValue = "30s", converter = DurationConverter.class,
            description = "close a connection whose client reads none of its pending output this long; 0 is off (default: ${DEFAULT-VALUE})")
    Duration writeTimeout;

    @Option(names = "--write-buffer", defaultValue = "64KiB", converter = SizeConverter.class, paramLabel = "SIZE",
            description = "unsent output above which a connection stops reading until its client catches up (default: ${DEFAULT-VALUE})")
    int writeBuffer;

    @Option(names = "--shutdown-grace", defaultValue = "30s", converter = DurationConverter.class,
            description = "on SIGTERM, finish the requests in progress and exit within this (default: ${DEFAULT-VALUE})")
    Duration shutdownGrace;

    ConnectionLimits limits() {
        return new ConnectionLimits(maxConnections == null ? ConnectionLimits.defaultMaxConnections() : maxConnections,
                maxPipelined, idleTimeout, headerTimeout, minBodyRate, writeTimeout, writeBuffer);
    }
}
