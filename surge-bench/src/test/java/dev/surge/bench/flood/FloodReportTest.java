package dev.surge.bench.flood;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.surge.bench.report.Fixtures.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The flood report of two clients, against what bench/flood.sh wrote from the same output, with
 * one change: the clients' latency lines are kept (its grep for "_ms=" dropped them with the
 * wall-clock instants, under a sentence that promised latencies).
 */
class FloodReportTest {

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome run(Path dir, String asked, Path... clients) {
        CommandLine cli = FloodReportCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] fixed = {"--asked", asked, "--file-limit", "65536", "--processes", "2", "--delay", "1000",
                "--java", "openjdk version \"25.0.3\" 2026-04-21 LTS", "--cpus", "2", "--rss", "120000,560000,900000",
                "--heap", "8000,210000,450000", "--markdown", dir.resolve("flood.md").toString()};
        String[] args = new String[fixed.length + clients.length];
        System.arraycopy(fixed, 0, args, 0, fixed.length);
        for (int i = 0; i < clients.length; i++) {
            args[fixed.length + i] = clients[i].toString();
        }
        return new Outcome(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void writesWhatTheScriptWroteAndFailsForTheMissingConnections(@TempDir Path dir) throws Exception {
        Outcome o = run(dir, "100000", resource("flood/flood-0.out"), resource("flood/flood-1.out"));
        String expected = Files.readString(resource("flood/expected.md"));
        assertEquals(expected, Files.readString(dir.resolve("flood.md")));
        assertEquals(expected, o.out());
        // 99,998 of 100,000 connected and 8 timeouts: the run did not do what it was asked.
        assertEquals(1, o.code(), o.err());
    }

    @Test
    void perConnectionAndPerRequestBytes() {
        // (560000 - 120000) KiB over 99,998 connections.
        assertEquals("4506", FloodReport.per(120000, 560000, 99998));
        assertEquals("0", FloodReport.per(120000, 560000, 0));
    }

    @Test
    void aCompleteRunExitsZeroAndSaysWhenAnswersOverlappedTheSending(@TempDir Path dir) throws Exception {
        Path client = dir.resolve("c.out");
        Files.writeString(client, """
                connected=10
                send_start_ms=1000
                send_end_ms=1500
                first_answer_ms=1400
                status_200=10
                errors=0
                answered=10
                """);
        Outcome o = run(dir, "10", client);
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("| 10 | 10 | 0 | no: answers began before the last request was sent | 500 ms |"),
                o.out());
    }

    @Test
    void threeReadingsOfEachAreNeeded(@TempDir Path dir) {
        CommandLine cli = FloodReportCommand.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("--asked", "1", "--file-limit", "1", "--processes", "1", "--delay", "1", "--java", "j",
                "--cpus", "1", "--rss", "1,2", "--heap", "1,2,3", "--markdown", dir.resolve("m.md").toString(),
                dir.resolve("c.out").toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("three readings"), err.toString());
    }
}
