package dev.surge.bench.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a run was made under, as the bench scripts write it: one {@code key<TAB>value} line per
 * fact (the parameters, and the machine: CPU model, kernel, tool versions). Order is kept; in
 * JSON a value that is a plain number becomes a number, everything else a string.
 */
public final class KeyValues {
    private static final Pattern NUMBER = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    private KeyValues() {
    }

    /** The facts of {@code file}, in its order; a line without a tab is a key with an empty value. */
    public static Map<String, String> read(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isEmpty()) {
                int tab = line.indexOf('\t');
                out.put(tab < 0 ? line : line.substring(0, tab), tab < 0 ? "" : line.substring(tab + 1));
            }
        }
        return out;
    }

    /** The facts as JSON values: "64" the number 64, "2.0" the number 2.0, "AMD EPYC" a string. */
    public static Map<String, Object> typed(Map<String, String> facts) {
        Map<String, Object> out = new LinkedHashMap<>();
        facts.forEach((k, v) -> out.put(k, NUMBER.matcher(v).matches() ? new BigDecimal(v) : v));
        return out;
    }
}
