package dev.surge.bench.compare;

import dev.surge.bench.results.JsonTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.surge.bench.compare.ResultsFormatTest.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `surge bench compare` end to end: its table, its JSON, and one line and exit 2 on bad input. */
class CompareCommandTest {

    private record Result(int code, String out, String err) {
    }

    private static Result run(Object... args) {
        CommandLine cli = CompareCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] strings = java.util.Arrays.stream(args).map(String::valueOf).toArray(String[]::new);
        return new Result(cli.execute(strings), out.toString(), err.toString());
    }

    /** A surge bench results file with one row whose CPU per request takes these values, one per round. */
    private static Path results(Path dir, String name, double... cpu) throws Exception {
        StringBuilder samples = new StringBuilder();
        for (int i = 0; i < cpu.length; i++) {
            samples.append(i == 0 ? "" : ",").append(String.format(java.util.Locale.ROOT,
                    "{\"round\": %d, \"server\": \"surge\", \"mode\": \"keepalive\", \"status\": \"ok\","
                            + " \"requests_per_s\": 80000, \"cpu_us_per_request\": %s}", i + 1, cpu[i]));
        }
        Path file = dir.resolve(name);
        Files.writeString(file, "{\"benchmark\": \"peers\", \"results\": [{\"server\": \"surge\", \"mode\": \"keepalive\"}],"
                + " \"samples\": [" + samples + "]}");
        return file;
    }

    private static String line(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    }

    @Test
    void callsAClearSlowdownWorseAndNoiseNotSignificant(@TempDir Path dir) throws Exception {
        Path old = results(dir, "old.json", 11.8, 11.7, 12.1, 11.9, 12.0);
        Path slower = results(dir, "slower.json", 13.1, 12.9, 13.4, 13.0, 12.8);
        Path same = results(dir, "same.json", 11.75, 12.05, 11.65, 11.95, 11.85);

        Result r = run(old, slower);
        assertEquals(0, r.code(), r.err());
        String cpu = r.out().substring(r.out().indexOf("cpu_us_per_request"));
        String row = line(cpu, "| surge/keepalive");
        assertTrue(row.matches("\\| surge/keepalive +\\| +11\\.90 \\| +13\\.00 \\| +\\+9\\.24% \\| worse +\\| +0\\.008 \\| 5\\+5 +\\|"), row);

        r = run(old, same);
        row = line(r.out().substring(r.out().indexOf("cpu_us_per_request")), "| surge/keepalive");
        assertTrue(row.contains("| ~ "), row);
        assertTrue(row.contains("-0.42%"), row);
        // requests/s did not move at all: p = 1.
        row = line(r.out().substring(r.out().indexOf("requests_per_s")), "| surge/keepalive");
        assertTrue(row.contains("| ~ ") && row.contains("1.000"), row);
    }

    @Test
    void saysWhenTooFewRoundsCanNeverBeSignificant(@TempDir Path dir) throws Exception {
        Result r = run(results(dir, "a.json", 10, 11, 12), results(dir, "b.json", 20, 21, 22));
        assertEquals(0, r.code());
        String row = line(r.out().substring(r.out().indexOf("cpu_us_per_request")), "| surge/keepalive");
        assertTrue(row.contains("| ~ ") && row.contains("0.100") && row.contains("3+3 *"), row);
        assertTrue(r.out().contains("* n=3+3: too few samples for the test ever to reach p < 0.05"), r.out());
    }

    @Test
    void comparesRealRunsAndListsAddedRows(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("cmp.json");
        Result r = run(resource("codec-20261128T075025Z.json"), resource("routes-20261128T080112Z.json"));
        assertEquals(2, r.code());

        // The routes file against itself: nothing changed anywhere.
        r = run(resource("routes-20261128T080112Z.json"), resource("routes-20261128T080112Z.json"), "--json", json);
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains("| better ") || r.out().contains("| worse "), r.out());
        Map<?, ?> tree = (Map<?, ?>) JsonTree.read(json);
        List<?> rows = (List<?>) tree.get("rows");
        assertEquals(36, rows.size());
        Map<?, ?> first = (Map<?, ?>) rows.get(0);
        assertEquals("surge/keepalive", first.get("row"));
        assertEquals("requests_per_s", first.get("figure"));
        assertEquals(0.0, ((Number) first.get("change_percent")).doubleValue());
        assertEquals("~", first.get("verdict"));
        assertEquals(Boolean.TRUE, first.get("too_few_samples"));

        // A JMH run against a copy without one benchmark: that row is "added" in the newer.
        Path fewer = dir.resolve("fewer.json");
        List<?> codec = (List<?>) JsonTree.read(resource("codec-20261128T075025Z.json"));
        try (var out = Files.newOutputStream(fewer)) {
            JsonTree.write(codec.stream().filter(b -> !((Map<?, ?>) b).get("benchmark").toString()
                    .endsWith("surgeJson16ReqPerRead")).toList(), out);
        }
        r = run(fewer, resource("codec-20261128T075025Z.json"));
        assertEquals(0, r.code(), r.err());
        String row = line(r.out(), "| CodecBenchmark.surgeJson16ReqPerRead");
        assertTrue(row.contains("| added ") && row.contains("-+8"), row);
        row = line(r.out(), "| CodecBenchmark.surge16ReqPerRead");
        assertTrue(row.contains("| ~ ") && row.contains("+0.00%") && row.contains("8+8"), row);
    }

    @Test
    void notesWhereTheRunsWereNotMadeAlike(@TempDir Path dir) throws Exception {
        Path routes = resource("routes-20261128T080112Z.json");
        Map<String, Object> tree = new java.util.LinkedHashMap<>();
        ((Map<?, ?>) JsonTree.read(routes)).forEach((k, v) -> tree.put((String) k, v));
        Map<String, Object> machine = new java.util.LinkedHashMap<>();
        ((Map<?, ?>) tree.get("machine")).forEach((k, v) -> machine.put((String) k, v));
        machine.put("cpu_model", "Intel(R) Xeon(R) Processor");
        tree.put("machine", machine);
        Path other = dir.resolve("other-machine.json");
        try (var out = Files.newOutputStream(other)) {
            JsonTree.write(tree, out);
        }
        Result r = run(routes, other);
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("note: the runs differ in cpu_model: AMD EPYC -> Intel(R) Xeon(R) Processor"),
                r.out().lines().filter(l -> l.startsWith("note:")).toList());
        assertTrue(run(routes, routes).out().lines().noneMatch(l -> l.startsWith("note:")));
    }

    @Test
    void badInputGetsOneLineAndExitCode2(@TempDir Path dir) throws Exception {
        Path routes = resource("routes-20261128T080112Z.json");
        Path notJson = Files.writeString(dir.resolve("notes.json"), "hello");
        Path otherShape = Files.writeString(dir.resolve("other.json"), "{\"rows\": []}");
        Path notJmh = Files.writeString(dir.resolve("array.json"), "[{\"name\": 1}]");
        for (Object[] args : List.of(
                new Object[] {routes, dir.resolve("missing.json")},
                new Object[] {notJson, routes},
                new Object[] {routes, otherShape},
                new Object[] {notJmh, resource("codec-20261128T075025Z.json")},
                new Object[] {routes, resource("codec-20261128T075025Z.json")},
                new Object[] {routes, routes, "--alpha", "2"})) {
            Result r = run(args);
            assertEquals(2, r.code(), java.util.Arrays.toString(args));
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("compare: "), r.err());
            assertEquals("", r.out());
        }
        assertTrue(run(routes, resource("codec-20261128T075025Z.json")).err()
                .contains("holds surge bench results (results/samples) but"));
        assertEquals(2, run(routes).code()); // NEW.json missing: picocli's usage error
    }
}
