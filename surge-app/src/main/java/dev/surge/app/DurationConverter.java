package dev.surge.app;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations such as {@code 250ms}, {@code 10s}, {@code 1.5m} or {@code 1h}; a plain number is seconds; {@code 0} or {@code off} is zero. */
final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern FORMAT = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

    @Override
    public Duration convert(String value) {
        String v = value.trim();
        if (v.equals("off")) {
            return Duration.ZERO;
        }
        Matcher m = FORMAT.matcher(v);
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not a duration; write e.g. 250ms, 10s, 2m, 1h, or 0 for off");
        }
        double millis = Double.parseDouble(m.group(1)) * switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> 1;
            case "s" -> 1e3;
            case "m" -> 60e3;
            default -> 3600e3;
        };
        if (millis > 7 * 24 * 3600e3) {
            throw new TypeConversionException("'" + value + "' is too long: at most 7 days");
        }
        return Duration.ofMillis(Math.round(millis));
    }
}
