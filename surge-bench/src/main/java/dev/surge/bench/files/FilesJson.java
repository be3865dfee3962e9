package dev.surge.bench.files;

import dev.surge.bench.report.KeyValues;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The results file of a files run: {@code parameters}, a result per kind and server, the units
 * of each kind, and every sample. A figure without a value is null.
 */
public final class FilesJson {

    private FilesJson() {
    }

    public static Map<String, Object> tree(FilesReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("benchmark", "files");
        root.put("parameters", KeyValues.typed(report.parameters()));
        List<Object> results = new ArrayList<>();
        for (FileRow r : report.rows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kind", r.kind());
            row.put("server", r.server());
            row.put("rate", value(r.rate()));
            row.put("p50_us", value(r.p50()));
            row.put("p99_us", value(r.p99()));
            row.put("cpu", value(r.cpu()));
            row.put("cpu_min", value(r.cpuMin()));
            row.put("cpu_max", value(r.cpuMax()));
            results.add(row);
        }
        root.put("results", results);
        Map<String, Object> units = new LinkedHashMap<>();
        units.put("small", "rate req/s, cpu µs per request");
        units.put("large", "rate MiB/s, cpu ms per GiB");
        root.put("units", units);
        List<Object> samples = new ArrayList<>();
        for (FileSample s : report.samples()) {
            Map<String, Object> sample = new LinkedHashMap<>();
            sample.put("kind", s.kind());
            sample.put("round", s.round());
            sample.put("server", s.server());
            sample.put("rate", value(s.rate()));
            sample.put("p50_us", value(s.p50()));
            sample.put("p99_us", value(s.p99()));
            sample.put("cpu", value(s.cpu()));
            sample.put("count", value(s.count()));
            sample.put("non_2xx", value(s.non2xx()));
            sample.put("socket_errors", value(s.socketErrors()));
            samples.add(sample);
        }
        root.put("samples", samples);
        return root;
    }

    private static Object value(OptionalDouble v) {
        return v.isPresent() ? v.getAsDouble() : null;
    }

    private static Object value(OptionalLong v) {
        return v.isPresent() ? v.getAsLong() : null;
    }
}
