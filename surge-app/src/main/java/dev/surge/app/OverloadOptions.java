package dev.surge.app;

import dev.surge.config.DurationConverter;
import dev.surge.web.App;
import dev.surge.web.overload.ConcurrencyLimit;
import dev.surge.web.overload.MemoryGuard;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.time.Duration;

/** The flags of {@code surge run} that protect the service from overload: deadlines, concurrency limit, memory guard. */
final class OverloadOptions {

    @Option(names = "--request-timeout", defaultValue = "30s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "answer 503 to a request still running this long after it arrived, e.g. 500ms, 30s, 2m;"
                    + " off for none (default: ${DEFAULT-VALUE})")
    Duration requestTimeout;

    @Option(names = "--concurrency-limit", defaultValue = "off", converter = Limit.class, paramLabel = "auto|off|N",
            description = "cap on requests in flight on virtual threads, the excess answered 503: auto (adaptive,"
                    + " follows latency), a fixed number, or off (default: ${DEFAULT-VALUE})")
    ConcurrencyLimit concurrencyLimit;

    @Option(names = "--memory-shed-at", defaultValue = "90%", converter = Share.class, paramLabel = "PERCENT",
            description = "shed new requests (503) and close new connections while the heap after GC is over this"
                    + " share of its maximum; off for never (default: ${DEFAULT-VALUE})")
    double heapShedAt;

    @Option(names = "--direct-shed-at", defaultValue = "90%", converter = Share.class, paramLabel = "PERCENT",
            description = "shed new requests (503) and close new connections while direct buffer memory is over"
                    + " this share of its maximum; off for never (default: ${DEFAULT-VALUE})")
    double directShedAt;

    @Option(names = "--memory-cut-timeouts-at", defaultValue = "50%", converter = Share.class, paramLabel = "PERCENT",
            description = "from this share of the heap after GC or of direct memory up to the shed watermark, idle"
                    + " keep-alive and header timeouts shrink in proportion, to a tenth at the watermark;"
                    + " off for never (default: ${DEFAULT-VALUE})")
    double cutTimeoutsAt;

    /** Sets the flags' deadlines and limits on {@code app}. */
    App applyTo(App app) {
        return app.requestTimeout(requestTimeout).concurrencyLimit(concurrencyLimit)
                .memoryGuard(MemoryGuard.shedAt(heapShedAt, directShedAt).cuttingTimeoutsFrom(cutTimeoutsAt));
    }

    /** {@code auto}, {@code off} or a number. */
    static final class Limit implements CommandLine.ITypeConverter<ConcurrencyLimit> {
        @Override
        public ConcurrencyLimit convert(String value) {
            try {
                return ConcurrencyLimit.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code 90%} (or {@code 90}) as 0.9; {@code off} as 0. */
    static final class Share implements CommandLine.ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            String v = value.trim();
            if (v.equals("off")) {
                return 0.0;
            }
            try {
                double percent = Double.parseDouble(v.endsWith("%") ? v.substring(0, v.length() - 1) : v);
                if (percent >= 1 && percent <= 100) {
                    return percent / 100;
                }
            } catch (NumberFormatException e) {
                // Refused below.
            }
            throw new CommandLine.TypeConversionException("'" + value
                    + "' is not a share of memory: give 1% to 100%, or off");
        }
    }
}
