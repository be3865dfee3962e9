package dev.surge.load;

import dev.surge.config.Durations;
import dev.surge.junit.ScriptedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input gets exactly one line on stderr, saying what to fix, and exit code 2. */
class CommandLineTest {

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertOneLine(Outcome o, String expected) {
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().startsWith("surge load: ") && o.err().endsWith("\n") && o.err().indexOf('\n') == o.err().length() - 1,
                "one line: " + o.err());
        assertTrue(o.err().contains(expected), "'" + expected + "' in: " + o.err());
        assertFalse(o.err().contains("Exception") || o.err().contains("\tat "), o.err());
        assertEquals("", o.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://exa mple.com/              | is not a valid URL",
        "localhost:8080/plaintext          | scheme 'localhost' is not supported",
        "127.0.0.1/plaintext               | is not an absolute URL",
        "https://127.0.0.1/                | scheme 'https' is not supported",
        "http:///path                      | has no host",
    })
    void malformedUrls(String url, String expected) {
        assertOneLine(run(url.strip()), expected.strip());
    }

    @Test
    void badFlags() {
        assertOneLine(run("http://127.0.0.1:1/", "--frobnicate"), "Unknown option: '--frobnicate'");
        assertOneLine(run("http://127.0.0.1:1/", "-d", "10x"), "'10x' is not a duration");
        assertOneLine(run("http://127.0.0.1:1/", "-H", "NoColon"), "bad header 'NoColon': expected 'Name: value'");
        assertOneLine(run("http://127.0.0.1:1/", "-H", "Bad Name: x"), "header name 'Bad Name'");
        assertOneLine(run("http://127.0.0.1:1/", "-c", "0"), "-c, -t and --pipeline must be at least 1");
        assertOneLine(run("http://127.0.0.1:1/", "--rate", "0"), "--rate must be more than 0");
        assertOneLine(run("http://127.0.0.1:1/", "--body", "/no/such/file"), "cannot read --body /no/such/file");
        assertOneLine(run("http://127.0.0.1:1/", "-m", "get"), "a method is upper-case letters");
        assertOneLine(run(), "Missing required parameter: 'URL'");
        assertOneLine(run("http://127.0.0.1:1/", "-n", "100", "--warmup", "1s"), "--requests and --warmup do not go together");
        assertOneLine(run("http://127.0.0.1:1/", "--pipeline", "5000"), "--pipeline is at most 1024");
    }

    @Test
    void unknownTransports() throws Exception {
        try (ScriptedServer server = new ScriptedServer(n -> ScriptedServer.response(200, "ok"))) {
            assertOneLine(run("http://127.0.0.1:" + server.port() + "/", "--transport", "carrier-pigeon"),
                    "unknown transport 'carrier-pigeon'; use auto, epoll, io_uring or nio");
        }
    }

    @Test
    void unreachableServers() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        assertOneLine(run("http://127.0.0.1:" + port + "/", "-d", "1s"), "cannot connect to 127.0.0.1:" + port);
        assertOneLine(run("http://no-such-host.invalid/", "-d", "1s"), "unknown host 'no-such-host.invalid'");
    }

    /** A watched server that dies during the run (the point of some runs) costs its CPU figure, not the report. */
    @Test
    void aWatchedProcessThatEndsDuringTheRunLeavesTheReport() throws Exception {
        Process watched = new ProcessBuilder("cat").start(); // lives until it is ended
        Outcome o;
        try (ScriptedServer server = new ScriptedServer(n -> ScriptedServer.response(200, "ok"))) {
            Thread ender = Thread.ofVirtual().start(() -> {
                try {
                    while (server.requests.get() < 100) { // well into the measured window
                        Thread.sleep(10);
                    }
                    watched.destroy();
                    watched.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            o = run("http://127.0.0.1:" + server.port() + "/", "-c", "1", "-t", "1", "-d", "2s", "--cpu-of",
                    Long.toString(watched.pid()));
            ender.join();
        }
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("status      200: "), o.out());
        assertFalse(o.out().contains("pid " + watched.pid()), "no CPU figure for a process gone: " + o.out());
    }

    @Test
    void durationsAsWrkWritesThem() {
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofSeconds(10), Durations.parse("10s"));
        assertEquals(Duration.ofSeconds(10), Durations.parse("10"));
        assertEquals(Duration.ofSeconds(90), Durations.parse("1.5m"));
        assertEquals(Duration.ofHours(1), Durations.parse("1h"));
    }
}
