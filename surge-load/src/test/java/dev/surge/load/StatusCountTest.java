package dev.surge.load;

import dev.surge.junit.ScriptedServer;
import com.dslplatform.json.DslJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Counting, checked exactly against a server that answers a known mix to exactly 100 requests:
 * every 4th a 500, ten 404s, one reset, one malformed response, one never answered (a
 * timeout), the rest 200. Run through the command line, so the JSON and HTML reports are
 * checked on the way.
 */
class StatusCountTest {

    private static byte[] answer(int n) {
        if (n == 5) {
            return ScriptedServer.RESET;
        }
        if (n == 9) {
            return "HELLO\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        }
        if (n == 13) {
            return ScriptedServer.HOLD;
        }
        if (n % 4 == 3) {
            return ScriptedServer.response(500, "boom");
        }
        if (n % 10 == 4) {
            return ScriptedServer.response(404, "nothing here");
        }
        return ScriptedServer.response(200, "fine");
    }

    @Test
    void countsStatusesAndErrorsExactly(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("run.json");
        Path html = dir.resolve("run.html");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (ScriptedServer server = new ScriptedServer(StatusCountTest::answer)) {
            code = Main.execute(new String[] {"http://127.0.0.1:" + server.port() + "/mix", "-c", "2", "-t", "1", "-n", "100",
                "-d", "20s", "--timeout", "1s", "--json", json.toString(), "--html", html.toString()},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(100, server.requests.get(), "requests the server saw");
        }
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));

        byte[] bytes = Files.readAllBytes(json);
        @SuppressWarnings("unchecked")
        Map<String, Object> report = new DslJson<>().deserialize(Map.class, bytes, bytes.length);
        assertEquals(Map.of("200", 62L, "404", 10L, "500", 25L), longs(report.get("statuses")));
        assertEquals(Map.of("connect", 0L, "read", 1L, "timeout", 1L, "reset", 1L, "non2xx", 35L, "total", 3L),
                longs(report.get("errors")));
        assertEquals(97L, ((Number) report.get("requests")).longValue());
        assertEquals(62L, count(report, "latency2xxMicros"), "2xx latencies");
        assertEquals(35L, count(report, "latencyNon2xxMicros"), "non-2xx latencies");
        assertEquals(97L, count(report, "latencyMicros"), "all latencies");
        assertEquals(100L, ((Number) report.get("sent")).longValue());
        assertFalse(((java.util.List<?>) report.get("distribution")).isEmpty(), "the percentile distribution");
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("200: 62, 404: 10, 500: 25"), text);
        assertTrue(text.contains("connect 0, read 1, timeout 1, reset 1, non-2xx 35"), text);

        String page = Files.readString(html);
        assertTrue(page.contains("<svg") && page.contains("<polyline"), "the plots are inline SVG");
        assertTrue(page.contains("Latency by percentile") && page.contains("Requests/s and p99 over time"));
        for (String fetch : new String[] {"src=", "href=", "<link", "@import", "url(", "<script"}) {
            assertFalse(page.contains(fetch), "the page fetches nothing, but has " + fetch);
        }
    }

    /**
     * A request that fails before its connection's first response is counted apart: a server
     * that refuses new connections (a full accept queue reset at shutdown) is not one that drops
     * requests it took. One connection at a time: the 1st request's connection is closed
     * unanswered (new), the 4th's after two answers (not new), the 5th's reset at once (new).
     */
    @Test
    void countsFailuresBeforeAConnectionsFirstResponseApart(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("run.json");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (ScriptedServer server = new ScriptedServer(n -> switch (n) {
            case 0, 3 -> ScriptedServer.CLOSE;
            case 4 -> ScriptedServer.RESET;
            default -> ScriptedServer.response(200, "fine");
        })) {
            code = Main.execute(new String[] {"http://127.0.0.1:" + server.port() + "/", "-c", "1", "-t", "1", "-n", "10",
                "-d", "20s", "--json", json.toString()},
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(5, server.connections.get(), "connections the server saw: the reachability check, then four");
        }
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        byte[] bytes = Files.readAllBytes(json);
        @SuppressWarnings("unchecked")
        Map<String, Object> report = new DslJson<>().deserialize(Map.class, bytes, bytes.length);
        assertEquals(Map.of("200", 7L), longs(report.get("statuses")));
        assertEquals(Map.of("connect", 0L, "read", 2L, "timeout", 0L, "reset", 1L, "non2xx", 0L, "total", 3L),
                longs(report.get("errors")));
        assertEquals(2L, ((Number) report.get("newConnectionErrors")).longValue());
    }

    private static long count(Map<String, Object> report, String latency) {
        return ((Number) ((Map<?, ?>) report.get(latency)).get("count")).longValue();
    }

    private static Map<String, Long> longs(Object map) {
        Map<String, Long> out = new java.util.TreeMap<>();
        ((Map<?, ?>) map).forEach((k, v) -> out.put((String) k, ((Number) v).longValue()));
        return out;
    }
}
