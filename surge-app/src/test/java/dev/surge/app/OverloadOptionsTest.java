package dev.surge.app;

import dev.surge.http.Server;
import dev.surge.http.ServerOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The overload flags of {@code surge run}: their defaults, their effect, and one clear line for a bad value. */
class OverloadOptionsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs();
        assertEquals(Duration.ofSeconds(30), run.overload.requestTimeout);
        assertTrue(run.overload.concurrencyLimit.isOff());
        assertEquals(0.9, run.overload.heapShedAt);
        assertEquals(0.9, run.overload.directShedAt);
        assertEquals(0.5, run.overload.cutTimeoutsAt);
    }

    @Test
    void valuesAreRead() {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs("--request-timeout", "500ms", "--concurrency-limit", "auto",
                "--memory-shed-at", "80%", "--direct-shed-at", "off");
        assertEquals(Duration.ofMillis(500), run.overload.requestTimeout);
        assertTrue(run.overload.concurrencyLimit.isAdaptive());
        assertEquals(0.8, run.overload.heapShedAt, 1e-9);
        assertEquals(0.0, run.overload.directShedAt);
        new CommandLine(run).parseArgs("--request-timeout", "off", "--concurrency-limit", "64", "--memory-shed-at", "75");
        assertEquals(Duration.ZERO, run.overload.requestTimeout);
        assertEquals(64, run.overload.concurrencyLimit.limit());
        assertEquals(0.75, run.overload.heapShedAt, 1e-9);
    }

    @Test
    void theTimeoutCuttingWatermarkReachesTheMemoryGuard() {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs("--memory-cut-timeouts-at", "70%");
        assertEquals(0.7, run.app().memoryGuard().cutTimeoutsAt(), 1e-9);
        new CommandLine(run).parseArgs("--memory-cut-timeouts-at", "off");
        assertEquals(0.0, run.app().memoryGuard().cutTimeoutsAt());
        new CommandLine(run).parseArgs();
        assertEquals(0.5, run.app().memoryGuard().cutTimeoutsAt(), 1e-9);
    }

    @Test
    void theRequestTimeoutReachesTheService() throws Exception {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs("--request-timeout", "200ms");
        try (Server server = run.app().start(ServerOptions.defaults().withPort(0).withEventLoops(1));
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write("GET /delay/30000 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(response.startsWith("HTTP/1.1 503 "), response);
            assertTrue(response.contains("ran past its deadline (200 ms)"), response);
        }
    }

    @Test
    void badValuesAreOneClearLine() {
        String[][] cases = {
                {"--request-timeout", "soon", "'soon' is not a duration"},
                {"--concurrency-limit", "0", "is not auto, off or a number of requests"},
                {"--memory-shed-at", "150%", "'150%' is not a share of memory"},
                {"--direct-shed-at", "lots", "'lots' is not a share of memory"},
                {"--memory-cut-timeouts-at", "0.5%", "'0.5%' is not a share of memory"},
        };
        for (String[] c : cases) {
            CommandLine cli = Main.commandLine();
            StringWriter err = new StringWriter();
            cli.setErr(new PrintWriter(err));
            cli.setOut(new PrintWriter(new StringWriter()));
            assertEquals(2, cli.execute("run", c[0], c[1]), c[0]);
            assertTrue(err.toString().contains(c[2]), err.toString());
            assertTrue(!err.toString().contains("\tat "), "no stack trace: " + err);
        }
    }

    @Test
    void helpListsTheFlags() {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("run", "--help"));
        for (String flag : new String[]{"--request-timeout", "--concurrency-limit", "--memory-shed-at", "--direct-shed-at",
                "--memory-cut-timeouts-at"}) {
            assertTrue(out.toString().contains(flag), flag);
        }
    }
}
