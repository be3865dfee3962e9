package dev.surge.config;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

/** A flag's duration, in {@link Durations}' grammar, for picocli. */
public final class DurationConverter implements ITypeConverter<Duration> {
    /** For picocli, which makes one for each flag that names it. */
    public DurationConverter() {
    }

    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
