package dev.surge.bench.html;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTML report of a real routes run: a bar per server and mode, latency panels, and nothing fetched. */
class HtmlReportTest {

    private static Path routes() throws URISyntaxException {
        return Path.of(HtmlReportTest.class.getResource("/results/routes-20261128T080112Z.json").toURI());
    }

    private static int run(Path input, Path output, StringWriter err) {
        CommandLine cli = HtmlCommand.commandLine();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        return output == null ? cli.execute(input.toString()) : cli.execute(input.toString(), "-o", output.toString());
    }

    @Test
    void drawsABarPerServerAndModeWithNoNetworkResource(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("routes.html");
        assertEquals(0, run(routes(), out, new StringWriter()));
        String html = Files.readString(out);

        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<title>surge bench routes — 2026-11-28T08:01:12Z</title>"), html);
        // Six bars (3 servers x 2 modes), each titled with its server, mode and median.
        Matcher bars = Pattern.compile("<rect class=\"bar\"[^>]*><title>([^<]*)</title>").matcher(html);
        List<String> titles = bars.results().map(m -> m.group(1)).toList();
        assertEquals(List.of(
                "surge keep-alive: 11.772 µs/request, median of 2 round(s)",
                "surge-vt keep-alive: 13.825 µs/request, median of 2 round(s)",
                "surge-json keep-alive: 11.809 µs/request, median of 2 round(s)",
                "surge pipelined: 1.258 µs/request, median of 2 round(s)",
                "surge-vt pipelined: 1.690 µs/request, median of 2 round(s)",
                "surge-json pipelined: 1.177 µs/request, median of 2 round(s)"), titles);
        // Each round is a dot on its bar: 12 CPU samples.
        assertEquals(12, Pattern.compile("<title>a round: ").matcher(html).results().count());
        // A latency panel per server, and the missing pipelined p99s said as such.
        for (String server : List.of("surge", "surge-vt", "surge-json")) {
            assertTrue(html.contains("<title>" + server + " latency</title>"), server);
        }
        assertEquals(2, Pattern.compile(">no p99</text>").matcher(html).results().count());
        assertTrue(html.contains("<td class=\"n\">11.77 (11.73–11.81)</td>"), "the table's CPU cell");

        assertFalse(html.contains("http://") || html.contains("https://"), "a URL in the page");
        assertFalse(html.contains("<script") || html.contains("<link") || html.contains("src=")
                || html.contains("@import") || html.contains("url("), "an external resource");
    }

    @Test
    void onlyTheModesARunMeasuredAreDrawnTheCloseModeIncluded(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("peers-close.json");
        Files.writeString(in, """
                {"benchmark": "peers", "parameters": {"rounds": 1}, "results": [
                  {"server": "surge", "mode": "keepalive", "status": "ok", "rounds": 1, "rounds_ok": 1,
                   "requests_per_s": 1000, "p50_us": 500, "p99_us": 900, "cpu_us_per_request": 5.0},
                  {"server": "surge", "mode": "close", "status": "ok", "rounds": 1, "rounds_ok": 1,
                   "requests_per_s": 100, "p50_us": 600, "p99_us": 4000, "cpu_us_per_request": 55.0}],
                 "samples": []}
                """);
        assertEquals(0, run(in, null, new StringWriter()));
        String html = Files.readString(dir.resolve("peers-close.html"));
        List<String> titles = Pattern.compile("<rect class=\"bar\"[^>]*><title>([^<]*)</title>").matcher(html)
                .results().map(m -> m.group(1)).toList();
        assertEquals(List.of("surge keep-alive: 5.000 µs/request, median of 1 round(s)",
                "surge a connection per request: 55.000 µs/request, median of 1 round(s)"), titles);
        assertTrue(html.contains("<title>a connection per request</title>"), "the close mode's chart");
        assertFalse(html.contains("<title>pipelined</title>"), "a chart for a mode the run did not measure");
    }

    @Test
    void aFailedRowIsSaidNotDrawn(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("peers-x.json");
        Files.writeString(in, """
                {"benchmark": "peers", "parameters": {"rounds": 1}, "results": [
                  {"server": "surge", "mode": "keepalive", "status": "ok", "rounds": 1, "rounds_ok": 1,
                   "requests_per_s": 1000, "p50_us": 500, "p99_us": 900, "cpu_us_per_request": 5.0},
                  {"server": "nginx", "mode": "keepalive", "status": "exited before answering", "rounds": 1,
                   "rounds_ok": 0, "requests_per_s": null, "cpu_us_per_request": null}],
                 "samples": []}
                """);
        assertEquals(0, run(in, null, new StringWriter()));
        String html = Files.readString(dir.resolve("peers-x.html"));
        assertTrue(html.contains(">failed: exited before answering</text>"), html);
        assertEquals(1, Pattern.compile("<rect class=\"bar\"").matcher(html).results().count());
        assertTrue(html.contains("<title>surge bench peers — peers-x.json</title>"), html);
    }

    @Test
    void badInputGetsOneLineAndExitCode2(@TempDir Path dir) throws Exception {
        Path jmh = Files.writeString(dir.resolve("codec.json"), "[{\"benchmark\": \"x\"}]");
        for (Path in : List.of(dir.resolve("missing.json"), jmh)) {
            StringWriter err = new StringWriter();
            assertEquals(2, run(in, dir.resolve("out.html"), err));
            assertEquals(1, err.toString().lines().count(), err.toString());
            assertTrue(err.toString().startsWith("html: "), err.toString());
        }
        assertFalse(Files.exists(dir.resolve("out.html")));
    }
}
