package dev.surge.app;

import dev.surge.http.Transport;
import picocli.CommandLine;

/** Reads {@code --transport}; an unknown name gets the list of valid ones. */
final class TransportConverter implements CommandLine.ITypeConverter<Transport> {
    @Override
    public Transport convert(String value) {
        try {
            return Transport.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
