package dev.surge.app;

import picocli.CommandLine;

import java.util.Locale;

/** Reads sizes such as {@code 8KiB}, {@code 16k}, {@code 8MiB}, {@code 1m} or {@code 4096}. */
final class ByteSize implements CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        String number = v;
        for (String[] suffix : new String[][]{{"kib", "1024"}, {"mib", "1048576"}, {"gib", "1073741824"},
                {"kb", "1024"}, {"mb", "1048576"}, {"gb", "1073741824"},
                {"k", "1024"}, {"m", "1048576"}, {"g", "1073741824"}, {"b", "1"}}) {
            if (v.endsWith(suffix[0])) {
                unit = Long.parseLong(suffix[1]);
                number = v.substring(0, v.length() - suffix[0].length()).trim();
                break;
            }
        }
        try {
            long bytes = Long.parseLong(number) * unit;
            if (bytes < 0 || bytes > Integer.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return (int) bytes;
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a size: use bytes or a unit, e.g. 16KiB or 8MiB");
        }
    }
}
