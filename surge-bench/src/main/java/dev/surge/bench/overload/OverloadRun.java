package dev.surge.bench.overload;

import dev.surge.bench.results.JsonTree;
import dev.surge.bench.results.ResultsException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@code ./surge bench overload} run collected in its run directory: {@code parameters.json}
 * and {@code machine.json}, and per scenario that ran, one JSON object per measurement in
 * {@code <scenario>.jsonl} (slowloris, overload, sigterm, memory), plus the server's file limit in
 * {@code slowloris-server.json}. A scenario that did not run has no file and no section.
 */
record OverloadRun(Map<?, ?> parameters, Map<?, ?> machine, List<Map<?, ?>> slowloris, Map<?, ?> slowlorisServer,
                   List<Map<?, ?>> overload, List<Map<?, ?>> sigterm, List<Map<?, ?>> memory) {

    static OverloadRun read(Path dir) throws ResultsException {
        return new OverloadRun(object(dir.resolve("parameters.json")), object(dir.resolve("machine.json")),
                samples(dir, "slowloris"), optionalObject(dir.resolve("slowloris-server.json")),
                samples(dir, "overload"), samples(dir, "sigterm"), samples(dir, "memory"));
    }

    /** The results file: the run's facts, then per scenario that ran its samples and summary. */
    Map<String, Object> tree() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("benchmark", "overload");
        root.put("parameters", parameters);
        root.put("machine", machine);
        if (!slowloris.isEmpty()) {
            Map<String, Object> section = new LinkedHashMap<>();
            section.put("samples", slowloris);
            section.put("server", slowlorisServer);
            section.put("summary", SlowlorisSummary.of(slowloris));
            root.put("slowloris", section);
        }
        if (!overload.isEmpty()) {
            root.put("overload", section(overload, OpenLoopSummary.of(overload)));
        }
        if (!sigterm.isEmpty()) {
            root.put("sigterm", section(sigterm, SigtermSummary.of(sigterm)));
        }
        if (!memory.isEmpty()) {
            root.put("memory", section(memory, MemorySummary.of(memory)));
        }
        return root;
    }

    private static Map<String, Object> section(List<Map<?, ?>> samples, Object summary) {
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("samples", samples);
        section.put("summary", summary);
        return section;
    }

    private static Map<?, ?> object(Path file) throws ResultsException {
        if (JsonTree.read(file) instanceof Map<?, ?> m) {
            return m;
        }
        throw new ResultsException(file + ": not a JSON object");
    }

    private static Map<?, ?> optionalObject(Path file) throws ResultsException {
        return Files.exists(file) && JsonTree.read(file) instanceof Map<?, ?> m ? m : Map.of();
    }

    private static List<Map<?, ?>> samples(Path dir, String scenario) throws ResultsException {
        Path file = dir.resolve(scenario + ".jsonl");
        return Files.exists(file) ? Values.objects(JsonTree.readLines(file)) : List.of();
    }
}
