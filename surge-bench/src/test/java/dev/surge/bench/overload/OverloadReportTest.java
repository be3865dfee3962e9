package dev.surge.bench.overload;

import dev.surge.bench.results.JsonTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.surge.bench.report.Fixtures.assertSameJson;
import static dev.surge.bench.report.Fixtures.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The overload reports, against what jq wrote from the same run directory: the samples of real
 * runs of each scenario (slowloris 214318Z, overload 135938Z with a failed round added, sigterm
 * 213029Z, memory 182125Z with two failing rounds), every verdict but sigterm's a FAIL.
 */
class OverloadReportTest {

    private record Outcome(int code, String err) {
    }

    private static Outcome run(Path runDir, Path out) {
        CommandLine cli = OverloadReportCommand.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("--run", runDir.toString(), "--json", out.resolve("r.json").toString(),
                "--markdown", out.resolve("r.md").toString());
        return new Outcome(code, err.toString());
    }

    @Test
    void writesWhatJqWroteFromTheSameSamples(@TempDir Path dir) throws Exception {
        Outcome o = run(resource("overload/run"), dir);
        assertEquals(0, o.code(), o.err());
        assertEquals(Files.readString(resource("overload/expected.md")), Files.readString(dir.resolve("r.md")));
        assertSameJson(JsonTree.read(resource("overload/expected.json")), JsonTree.read(dir.resolve("r.json")));
    }

    @Test
    void theSlowlorisRatioIsTheMedianOfTheRoundsOwnRatios() throws Exception {
        List<Map<?, ?>> samples = Values.objects(JsonTree.readLines(resource("overload/run/slowloris.jsonl")));
        Map<String, Object> s = SlowlorisSummary.of(samples);
        // Rounds 0.792, 0.841, 0.687: the median 0.792; the ratio of the medians would be 0.783.
        assertEquals(Arrays.asList(0.792, 0.841, 0.687), s.get("round_ratios"));
        assertEquals(0.792, s.get("ratio"));
        assertEquals(0.783, s.get("ratio_of_medians"));
        assertEquals(false, s.get("pass"), "0.792 is under the 0.90 target");
    }

    /** jq stopped here: it cannot add a failed round's reason ("server did not start") to the others' counts. */
    @Test
    void aSigtermRoundThatDidNotRunFailsTheScenarioAndAddsNothing(@TempDir Path dir) throws Exception {
        Path runDir = copyRun(dir);
        Files.writeString(runDir.resolve("sigterm.jsonl"), Files.readString(runDir.resolve("sigterm.jsonl"))
                + "{\"round\":4,\"failed\":\"server did not start\"}\n");
        Path out = Files.createDirectory(dir.resolve("out"));
        assertEquals(0, run(runDir, out).code());
        Map<?, ?> summary = (Map<?, ?>) Values.at(JsonTree.read(out.resolve("r.json")), "sigterm", "summary");
        assertEquals(4L, summary.get("rounds"));
        assertEquals(0L, summary.get("failed"));
        assertEquals(false, summary.get("pass"));
        String md = Files.readString(out.resolve("r.md"));
        assertTrue(md.contains("| 4 | failed: server did not start | | | | | | | |\n"), md);
        assertTrue(md.contains("exit status 0 within the grace period: **FAIL**."), md);
    }

    @Test
    void aRouteWhoseEveryRoundFailedHasNoFiguresAndFails() {
        List<Map<String, Object>> summary = OpenLoopSummary.of(List.of(
                Map.of("round", 1, "route", "/json", "failed", "no capacity measured")));
        assertEquals(1, summary.size());
        assertEquals(0, summary.getFirst().get("rounds"));
        assertEquals(null, summary.getFirst().get("goodput_pct_of_peak"));
        assertEquals(false, summary.getFirst().get("pass"));
    }

    @Test
    void onlyA503MayRefuse() {
        assertTrue(OpenLoopSummary.only503("200:1011113,503:69786"));
        assertTrue(OpenLoopSummary.only503("-"));
        assertFalse(OpenLoopSummary.only503("200:10,500:1"));
        assertFalse(OpenLoopSummary.only503("429:3"));
    }

    @Test
    void aScenarioThatDidNotRunHasNoSection(@TempDir Path dir) throws Exception {
        Path runDir = copyRun(dir);
        Files.delete(runDir.resolve("memory.jsonl"));
        Files.delete(runDir.resolve("overload.jsonl"));
        Path out = Files.createDirectory(dir.resolve("out"));
        assertEquals(0, run(runDir, out).code());
        Map<?, ?> root = (Map<?, ?>) JsonTree.read(out.resolve("r.json"));
        assertEquals(List.of("benchmark", "parameters", "machine", "slowloris", "sigterm"), List.copyOf(root.keySet()));
        assertFalse(Files.readString(out.resolve("r.md")).contains("### Memory"));
    }

    @Test
    void aBrokenSampleLineIsNamed(@TempDir Path dir) throws Exception {
        Path runDir = copyRun(dir);
        Files.writeString(runDir.resolve("memory.jsonl"), "{\"round\":1}\n{\"round\":\n");
        Path out = Files.createDirectory(dir.resolve("out"));
        Outcome o = run(runDir, out);
        assertEquals(2, o.code());
        assertTrue(o.err().contains("memory.jsonl:2: not valid JSON"), o.err());
    }

    private static Path copyRun(Path dir) throws Exception {
        Path runDir = Files.createDirectory(dir.resolve("run"));
        try (var files = Files.list(resource("overload/run"))) {
            for (Path f : files.toList()) {
                Files.copy(f, runDir.resolve(f.getFileName()));
            }
        }
        return runDir;
    }
}
