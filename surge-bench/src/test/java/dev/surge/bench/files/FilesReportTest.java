package dev.surge.bench.files;

import dev.surge.bench.results.BenchResults;
import dev.surge.bench.results.JsonTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.surge.bench.report.Fixtures.assertSameJson;
import static dev.surge.bench.report.Fixtures.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The files reports, against what awk wrote from the samples of a real 5-round run (files-20261128T093139Z). */
class FilesReportTest {

    private static int run(Path samples, Path parameters, Path dir, StringWriter err) {
        CommandLine cli = FilesReportCommand.commandLine();
        cli.setErr(new PrintWriter(err));
        return cli.execute("--samples", samples.toString(), "--parameters", parameters.toString(),
                "--json", dir.resolve("r.json").toString(), "--markdown", dir.resolve("r.md").toString());
    }

    @Test
    void writesWhatAwkWroteFromTheSameSamples(@TempDir Path dir) throws Exception {
        StringWriter err = new StringWriter();
        assertEquals(0, run(resource("files/samples.tsv"), resource("files/parameters.tsv"), dir, err), err.toString());
        assertEquals(Files.readString(resource("files/expected.md")), Files.readString(dir.resolve("r.md")));
        assertSameJson(JsonTree.read(resource("files/expected.json")), JsonTree.read(dir.resolve("r.json")));
        // Still a results file that compare accepts (it has "results").
        assertEquals(BenchResults.Kind.SURGE_BENCH, BenchResults.read(dir.resolve("r.json")).kind());
    }

    @Test
    void anEvenCountOfRoundsTakesTheMeanOfTheMiddleTwo(@TempDir Path dir) throws Exception {
        Path samples = dir.resolve("samples.tsv");
        Files.writeString(samples, """
                small	1	surge	1000000.5	900	2000	10.000	8000000	0	0
                large	1	surge	1500.0	-	-	600.0	6	0	0
                small	1	nginx	800000.0	1000	3000	12.000	6400000	0	0
                large	1	nginx	1000.0	-	-	500.0	6	0	0
                small	2	nginx	900000.0	1100	3100	11.000	7200000	0	0
                large	2	nginx	1100.0	-	-	550.0	6	0	0
                small	2	surge	1200000.5	950	2100	9.000	9600000	0	0
                large	2	surge	1700.0	-	-	700.0	6	0	0
                """);
        Path parameters = dir.resolve("p.tsv");
        Files.writeString(parameters, "rounds\t2\nconnections\t64\nduration_s\t3\ndownloads\t2\n");
        assertEquals(0, run(samples, parameters, dir, new StringWriter()));
        String md = Files.readString(dir.resolve("r.md"));
        // 1100000.5 is written out (awk's %.6g printed 1.1e+06), the latency of the large file is "-".
        assertTrue(md.contains("| surge | 1100000 | 925 | 2050 | 9.50 (9.00-10.00) | 1.00 | 1.00 |"), md);
        assertTrue(md.contains("| nginx | 850000 | 1050 | 3050 | 11.50 (11.00-12.00) | 0.77 | 1.21 |"), md);
        assertTrue(md.contains("| nginx | 1050 | 525 (500-550) | 0.66 | 0.81 |"), md);
        Map<?, ?> first = (Map<?, ?>) JsonTree.list((Map<?, ?>) JsonTree.read(dir.resolve("r.json")), "results").get(3);
        assertEquals("large", first.get("kind"));
        assertEquals(null, first.get("p50_us"));
    }

    @Test
    void aMalformedSampleNamesItsLine(@TempDir Path dir) throws Exception {
        Path samples = dir.resolve("samples.tsv");
        Files.writeString(samples, "small\t1\tsurge\t100\t1\t1\t1\t1\t0\n");
        StringWriter err = new StringWriter();
        assertEquals(2, run(samples, resource("files/parameters.tsv"), dir, err));
        assertTrue(err.toString().contains("samples.tsv:1: 10 tab-separated columns expected, 9 found"), err.toString());
    }
}
