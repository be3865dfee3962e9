package dev.surge.app;

import dev.surge.http.ConnectionLimits;
import dev.surge.http.RequestLimits;
import dev.surge.http.Server;
import dev.surge.http.ServerOptions;
import dev.surge.http.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad command lines get one clear message and exit code 2, never a stack trace. */
class CommandLineTest {

    private record Result(int code, String err, String out) {
    }

    private static Result run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(out));
        return new Result(cli.execute(args), err.toString(), out.toString());
    }

    @Test
    void requestIdsAndAccessLogFlagsAddTheirMiddleware(@TempDir Path dir) throws Exception {
        RunCommand run = new RunCommand();
        Path log = dir.resolve("access.log");
        new CommandLine(run).parseArgs("--request-ids", "--access-log", log.toString());
        try (Server server = run.app().start(ServerOptions.defaults().withPort(0).withEventLoops(1));
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write("GET /plaintext HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(response.contains("\r\nX-Request-Id: "), response);
        }
        List<String> lines = Files.readAllLines(log);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.getFirst().contains("\"GET /plaintext HTTP/1.1\" 200 13 "), lines.getFirst());
    }

    @Test
    void filesFlagServesTheDirectoryUnderFiles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("hello.txt"), "hi from a file");
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs("--files", dir.toString());
        try (Server server = run.app().start(ServerOptions.defaults().withPort(0).withEventLoops(1));
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write("GET /files/hello.txt HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
            assertTrue(response.contains("\r\nContent-Type: text/plain; charset=utf-8\r\n"), response);
            assertTrue(response.endsWith("\r\n\r\nhi from a file"), response);
        }
    }

    @Test
    void aFilesDirectoryThatDoesNotExistIsOneClearError(@TempDir Path dir) {
        Result r = run("run", "--port", "0", "--files", dir.resolve("missing").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("surge: cannot serve files from "), r.err());
        assertTrue(r.err().contains("give an existing, readable directory"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void anAccessLogThatCannotBeOpenedIsOneClearError(@TempDir Path dir) {
        Result r = run("run", "--port", "0", "--access-log", dir.resolve("no/such/dir/access.log").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("surge: cannot open the access log "), r.err());
    }

    @Test
    void unknownTransportNamesTheChoices() {
        Result r = run("run", "--transport", "dpdk");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("use one of auto, epoll, io_uring, nio"), r.err());
    }

    @Test
    void badSizesSayHowToWriteThem() {
        Result r = run("run", "--max-body", "lots");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("'lots' is not a size"), r.err());
    }

    @Test
    void impossibleOptionsAreRefusedBeforeBinding() {
        Result r = run("run", "--port", "70000");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("port must be 0-65535"), r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void everyFlagReachesTheServerOptions() {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs("--host", "0.0.0.0", "--port", "9000", "--transport", "nio",
                "--event-loops", "3", "--backlog", "128", "--no-reuse-port", "--tcp-fastopen", "64",
                "--max-request-line", "4KiB", "--max-header-size", "32k", "--max-header-count", "50",
                "--max-body", "1MiB", "--max-chunk-line", "512", "--max-connections", "500", "--max-pipelined", "8",
                "--idle-timeout", "90s", "--header-timeout", "2500ms", "--min-body-rate", "1k", "--write-timeout", "off",
                "--write-buffer", "128KiB", "--shutdown-grace", "1m");
        ServerOptions o = run.options();
        assertEquals(new ServerOptions("0.0.0.0", 9000, Transport.NIO, 3, 128, false, 64,
                new RequestLimits(4096, 32 * 1024, 50, 1024 * 1024, 512),
                new ConnectionLimits(500, 8, Duration.ofSeconds(90), Duration.ofMillis(2500), 1024, Duration.ZERO,
                        128 * 1024)), o);
        assertEquals(Duration.ofMinutes(1), run.connections.shutdownGrace);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs();
        ServerOptions o = run.options();
        assertEquals("127.0.0.1", o.host());
        assertEquals(8080, o.port());
        assertEquals(Transport.AUTO, o.transport());
        assertEquals(Runtime.getRuntime().availableProcessors(), o.eventLoops());
        assertEquals(8192, o.backlog());
        assertTrue(o.reusePort());
        assertEquals(0, o.tcpFastOpen());
        assertEquals(RequestLimits.DEFAULT, o.limits());
        assertEquals(new RequestLimits(8 * 1024, 16 * 1024, 100, 8 * 1024 * 1024, 4 * 1024), RequestLimits.DEFAULT);
        assertEquals(ConnectionLimits.DEFAULT, o.connections());
        assertEquals(new ConnectionLimits(ConnectionLimits.defaultMaxConnections(), 32, Duration.ofSeconds(60),
                Duration.ofSeconds(10), 240, Duration.ofSeconds(30), 64 * 1024), ConnectionLimits.DEFAULT);
        assertEquals(Duration.ofSeconds(30), run.connections.shutdownGrace);
    }

    @Test
    void durationsAcceptUnitsAndOff() {
        var durations = new dev.surge.config.DurationConverter();
        assertEquals(Duration.ofMillis(250), durations.convert("250ms"));
        assertEquals(Duration.ofSeconds(10), durations.convert("10"));
        assertEquals(Duration.ofSeconds(90), durations.convert("1.5m"));
        assertEquals(Duration.ZERO, durations.convert("off"));
        Result r = run("run", "--header-timeout", "soon");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("'soon' is not a duration"), r.err());
    }

    @Test
    void sizesAcceptUnits() {
        var sizes = new dev.surge.config.SizeConverter();
        assertEquals(8 * 1024, sizes.convert("8KiB"));
        assertEquals(16 * 1024, sizes.convert("16k"));
        assertEquals(8 * 1024 * 1024, sizes.convert("8MiB"));
        assertEquals(4096, sizes.convert("4096"));
    }

    @Test
    void helpListsTheFlags() {
        Result r = run("run", "--help");
        assertEquals(0, r.code());
        for (String flag : new String[]{"--host", "--port", "--transport", "--event-loops", "--backlog",
                "--tcp-fastopen", "--max-request-line", "--max-header-size", "--max-header-count", "--max-body",
                "--max-chunk-line", "--max-connections", "--max-pipelined", "--idle-timeout", "--header-timeout",
                "--min-body-rate", "--write-timeout", "--write-buffer", "--shutdown-grace"}) {
            assertTrue(r.out().contains(flag), flag);
        }
    }
}
