package dev.surge.bench.peers;

import dev.surge.bench.results.BenchResults;
import dev.surge.bench.results.JsonTree;
import dev.surge.bench.results.Series;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.surge.bench.report.Fixtures.assertSameJson;
import static dev.surge.bench.report.Fixtures.resource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The peers reports end to end, against what awk wrote from the same inputs: {@code routes} is
 * a real routes run (2 rounds, wrk printed no p99 in some pipelined ones); {@code failures} has
 * a server that never started, one whose close mode always failed, failed rounds beside good
 * ones (even counts), and free text that JSON must escape.
 */
class PeerReportTest {

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome run(String... args) {
        CommandLine cli = PeerReportCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return new Outcome(cli.execute(args), out.toString(), err.toString());
    }

    private static Outcome report(String fixture, String kind, Path dir) {
        Path in = resource("peers/" + fixture);
        return run("--kind", kind, "--samples", in.resolve("samples.tsv").toString(),
                "--parameters", in.resolve("parameters.tsv").toString(), "--machine", in.resolve("machine.tsv").toString(),
                "--json", dir.resolve("r.json").toString(), "--markdown", dir.resolve("r.md").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"routes", "failures"})
    void writesWhatAwkWroteFromTheSameSamples(String fixture, @TempDir Path dir) throws Exception {
        Path expected = resource("peers/" + fixture);
        Outcome o = report(fixture, fixture.equals("routes") ? "routes" : "peers", dir);
        assertEquals(0, o.code(), o.err());
        assertEquals(Files.readString(expected.resolve("expected-table.txt")), o.out());
        assertEquals(Files.readString(expected.resolve("expected.md")), Files.readString(dir.resolve("r.md")));
        assertSameJson(JsonTree.read(expected.resolve("expected.json")), JsonTree.read(dir.resolve("r.json")));
    }

    @Test
    void theJsonReadsBackThroughCompareWithEveryRoundThatSucceeded(@TempDir Path dir) throws Exception {
        assertEquals(0, report("failures", "peers", dir).code());
        BenchResults r = BenchResults.read(dir.resolve("r.json"));
        assertEquals(BenchResults.Kind.SURGE_BENCH, r.kind());
        // surge/pipelined: round 3 failed; netty/close: every round failed; gin: only round 3 ran.
        assertArrayEquals(new double[] {1.25, 1.24}, cpu(r, "surge/pipelined").samples());
        assertEquals(1.245, cpu(r, "surge/pipelined").median(), 1e-12);
        assertEquals(0, cpu(r, "netty/close").size());
        assertArrayEquals(new double[] {13}, cpu(r, "gin/keepalive").samples());
        assertEquals("AMD EPYC 7B13 64-Core Processor", r.conditions().get("cpu_model"));
        assertEquals("-Xmx1g \"quoted\" \\ back", r.conditions().get("java_opts"));
    }

    private static Series cpu(BenchResults r, String row) {
        return r.series().stream().filter(s -> s.row().equals(row) && s.figure().name().equals("cpu_us_per_request"))
                .findFirst().orElseThrow();
    }

    @Test
    void theRowsOfFailedAndPartialRounds() throws Exception {
        List<PeerRow> rows = PeerSamples.summarize(PeerSamples.read(resource("peers/failures/samples.tsv")));
        assertEquals(List.of("surge", "surge", "surge", "netty", "netty", "netty", "gin", "gin", "gin"),
                rows.stream().map(PeerRow::server).toList());
        PeerRow nettyClose = rows.get(5);
        assertEquals("close", nettyClose.mode());
        assertEquals("FAILED 0/3: no Connection: close in its answer to one", nettyClose.verdict());
        assertTrue(nettyClose.cpu().isEmpty() && nettyClose.requests().isEmpty() && nettyClose.errors().isEmpty());
        PeerRow surgePipelined = rows.get(1);
        assertEquals("ok 2/3, FAILED: wrk failed", surgePipelined.verdict());
        // p99: "-" in round 1, 6000 in round 2: one value, not a mean with zero.
        assertEquals(6000, surgePipelined.p99().getAsDouble());
        assertEquals(705000.125, surgePipelined.rps().getAsDouble());
        // Errors are summed: netty keep-alive had 2 socket errors in round 1 and 5 non-2xx in round 2.
        assertEquals(7, rows.get(3).errors().getAsLong());
        assertEquals("ok 1/3, FAILED: port 18082 busy", rows.get(6).verdict());
    }

    @Test
    void aMalformedSampleNamesItsFileAndLine(@TempDir Path dir) throws Exception {
        Path samples = dir.resolve("samples.tsv");
        Files.writeString(samples, "1\t0\tsurge\tkeepalive\tok\t1\t1\t1\t1\t1\t1\t1\t0\t0\n"
                + "1\t1\tnetty\tkeepalive\tok\tfast\t1\t1\t1\t1\t1\t1\t0\t0\n");
        Files.writeString(dir.resolve("p.tsv"), "rounds\t1\n");
        Outcome o = run("--samples", samples.toString(), "--parameters", dir.resolve("p.tsv").toString(),
                "--machine", dir.resolve("p.tsv").toString(), "--json", dir.resolve("r.json").toString(),
                "--markdown", dir.resolve("r.md").toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("samples.tsv:2: rps is neither a number nor '-': 'fast'"), o.err());
    }

    @Test
    void ratiosAreToSurgeInTheSameMode() throws Exception {
        PeerReport report = PeerReport.of("peers", Map.of(), Map.of(),
                PeerSamples.read(resource("peers/failures/samples.tsv")));
        PeerRow nettyKeepalive = report.rows().get(3);
        // 10.2 / 11.6 and 89000 / 81000, to the hundredth.
        assertEquals(0.88, report.cpuRatio(nettyKeepalive).getAsDouble());
        assertEquals(1.10, report.rpsRatio(nettyKeepalive).getAsDouble());
        assertTrue(report.cpuRatio(report.rows().get(5)).isEmpty(), "no ratio without a value");
    }
}
