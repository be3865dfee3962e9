package dev.surge.bench.compare;

import dev.surge.bench.results.BenchResults;
import dev.surge.bench.results.Figure;
import dev.surge.bench.results.Series;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Real results files, as `surge bench routes` and `surge bench codec` (JMH) wrote them. */
class ResultsFormatTest {

    static Path resource(String name) {
        try {
            return Path.of(ResultsFormatTest.class.getResource("/results/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Series find(BenchResults r, String row, String figure) {
        return r.series().stream().filter(s -> s.row().equals(row) && s.figure().name().equals(figure))
                .findFirst().orElseThrow(() -> new AssertionError("no " + row + " " + figure));
    }

    @Test
    void readsEveryRoundOfARoutesRun() throws Exception {
        BenchResults r = BenchResults.read(resource("routes-20261128T080112Z.json"));
        assertEquals(BenchResults.Kind.SURGE_BENCH, r.kind());
        // 3 servers x 2 modes x 6 figures.
        assertEquals(36, r.series().size());
        List<String> rows = r.series().stream().map(Series::row).distinct().toList();
        assertEquals(List.of("surge/keepalive", "surge/pipelined", "surge-vt/keepalive", "surge-vt/pipelined",
                "surge-json/keepalive", "surge-json/pipelined"), rows);
        Series cpu = find(r, "surge/keepalive", "cpu_us_per_request");
        assertArrayEquals(new double[] {11.81, 11.734}, cpu.samples());
        assertEquals(11.772, cpu.median(), 1e-9); // the file's own median
        assertEquals(Figure.Better.LOWER, cpu.figure().better());
        assertEquals(Figure.Better.HIGHER, find(r, "surge/keepalive", "requests_per_s").figure().better());
        // wrk printed no p99 in one of the two pipelined rounds: one value, not a zero.
        assertArrayEquals(new double[] {6280}, find(r, "surge/pipelined", "p99_us").samples());
        assertEquals(0, find(r, "surge-vt/pipelined", "p99_us").size());
    }

    @Test
    void readsEveryIterationOfAJmhRun() throws Exception {
        BenchResults r = BenchResults.read(resource("codec-20261128T075025Z.json"));
        assertEquals(BenchResults.Kind.JMH, r.kind());
        assertEquals(10, r.series().size()); // 5 benchmarks x (time, gc.alloc.rate.norm)
        Series time = find(r, "CodecBenchmark.surge16ReqPerRead", "time");
        assertEquals("ns/op", time.figure().unit());
        assertEquals(8, time.size());
        assertEquals(349.4928609861491, time.samples()[0], 0);
        Series alloc = find(r, "CodecBenchmark.surge16ReqPerRead", "gc.alloc.rate.norm");
        assertEquals("B/op", alloc.figure().unit());
        assertEquals(8, alloc.size());
        assertEquals(15.658184349639722, alloc.samples()[0], 0);
    }
}
