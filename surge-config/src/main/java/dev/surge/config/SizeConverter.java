package dev.surge.config;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A flag's size in bytes, held in an int, in {@link Sizes}' grammar, for picocli. */
public final class SizeConverter implements ITypeConverter<Integer> {
    /** For picocli, which makes one for each flag that names it. */
    public SizeConverter() {
    }

    @Override
    public Integer convert(String value) {
        try {
            return Sizes.parseInt(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
