package dev.surge.bench.report;

import dev.surge.bench.results.JsonTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReadableJsonTest {

    @Test
    void aRowOfPlainValuesOnOneLineAndNestingIndented() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("server", "surge");
        row.put("p99_us", null);
        row.put("cpu", 11.772);
        row.put("requests", 12_000_000L);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("benchmark", "peers");
        root.put("results", List.of(row));
        root.put("empty", List.of());
        assertEquals("""
                {
                  "benchmark": "peers",
                  "results": [
                    {"server": "surge", "p99_us": null, "cpu": 11.772, "requests": 12000000}
                  ],
                  "empty": []
                }
                """, ReadableJson.write(root));
    }

    @Test
    void readsBackAsWrittenEscapesIncluded(@TempDir Path dir) throws Exception {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("java_opts", "-Dx=\"a b\" \\ c\td\n");
        facts.put("cpu_model", "AMD EPYC 7B13 µ");
        facts.put("ratio", 0.79);
        facts.put("big", 1.2e7);
        facts.put("depth", new BigDecimal("2.0"));
        facts.put("nan", Double.NaN);
        facts.put("pass", false);
        facts.put("nested", Map.of("list", new ArrayList<>(Arrays.asList(1L, null, "x"))));
        Path file = dir.resolve("r.json");
        Files.writeString(file, ReadableJson.write(facts));
        Map<?, ?> back = (Map<?, ?>) JsonTree.read(file);
        assertEquals("-Dx=\"a b\" \\ c\td\n", back.get("java_opts"));
        assertEquals("AMD EPYC 7B13 µ", back.get("cpu_model"));
        assertEquals(0.79, ((Number) back.get("ratio")).doubleValue());
        assertEquals(1.2e7, ((Number) back.get("big")).doubleValue());
        assertEquals(2.0, ((Number) back.get("depth")).doubleValue());
        assertEquals(null, back.get("nan"));
        assertEquals(false, back.get("pass"));
        assertEquals(Arrays.asList(1L, null, "x"), ((List<?>) ((Map<?, ?>) back.get("nested")).get("list"))
                .stream().map(v -> v instanceof Number n ? (Object) n.longValue() : v).toList());
        // No exponent form anywhere: 1.2e7 is written out.
        assertEquals(true, Files.readString(file).contains("\"big\": 12000000,"));
    }
}
