package dev.surge.app;

import dev.surge.http.ServerOptions;
import dev.surge.testing.TestClient;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --admin-host, --admin-port, --[no-]metrics and --stats-interval of surge run. */
class ObserveFlagsTest {
    private static final ServerOptions FREE = ServerOptions.defaults().withPort(0).withEventLoops(1);

    private static RunCommand parse(String... args) {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(args);
        return run;
    }

    /** A port free a moment ago: --admin-port 0 means no admin listener, so tests pick one. */
    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String[] runAndCaptureErr(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        return new String[]{Integer.toString(cli.execute(args)), err.toString()};
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        ObserveFlags flags = parse().observe;
        assertEquals("127.0.0.1", flags.adminHost);
        assertEquals(9090, flags.adminPort);
        assertTrue(flags.metrics);
        assertNull(flags.statsInterval);
    }

    @Test
    void everyFlagIsRead() {
        ObserveFlags flags = parse("--admin-host", "0.0.0.0", "--admin-port", "9191", "--no-metrics",
                "--stats-interval", "5s").observe;
        assertEquals("0.0.0.0", flags.adminHost);
        assertEquals(9191, flags.adminPort);
        assertFalse(flags.metrics);
        assertEquals(Duration.ofSeconds(5), flags.statsInterval);
        assertEquals(Duration.ofMillis(250), parse("--stats-interval", "250ms").observe.statsInterval);
        assertEquals(Duration.ofMinutes(2), parse("--stats-interval", "2m").observe.statsInterval);
    }

    @Test
    void theAdminListenerServesTheReferenceServicesMetrics() throws Exception {
        RunCommand run = parse("--admin-port", Integer.toString(freePort()));
        try (var served = run.observe.start(run.app(), FREE);
             TestClient client = TestClient.create(served.server());
             TestClient admin = TestClient.create(served.admin().server())) {
            assertEquals(200, client.get("/plaintext").status());
            assertEquals(200, client.get("/delay/0").status());
            String metrics = admin.get("/metrics").text();
            assertTrue(metrics.contains("surge_http_requests_total{method=\"GET\",route=\"/plaintext\",status=\"2xx\"} 1.0"), metrics);
            assertTrue(metrics.contains("surge_http_requests_total{method=\"GET\",route=\"/delay/{ms}\",status=\"2xx\"} 1.0"), metrics);
            assertEquals(200, admin.get("/health/ready").status());
            assertTrue(served.describe().contains("\nsurge: admin listening on 127.0.0.1:"), served.describe());
        }
    }

    @Test
    void noMetricsLeavesRequestsUnrecordedButTheAdminListenerUp() throws Exception {
        RunCommand run = parse("--admin-port", Integer.toString(freePort()), "--no-metrics");
        try (var served = run.observe.start(run.app(), FREE);
             TestClient client = TestClient.create(served.server());
             TestClient admin = TestClient.create(served.admin().server())) {
            assertEquals(200, client.get("/plaintext").status());
            String metrics = admin.get("/metrics").text();
            assertFalse(metrics.contains("surge_http_requests"), "no request metrics");
            assertTrue(metrics.contains("surge_http_connections_open 1"), metrics);
        }
    }

    @Test
    void adminPortZeroTurnsTheAdminListenerOff() {
        RunCommand run = parse("--admin-port", "0");
        try (var served = run.observe.start(run.app(), FREE)) {
            assertNull(served.admin());
            assertNull(served.metrics(), "nothing reads metrics");
            assertFalse(served.describe().contains("admin"));
        }
    }

    @Test
    void aTakenAdminPortIsOneClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String[] r = runAndCaptureErr("run", "--port", "0", "--admin-port", Integer.toString(taken.getLocalPort()));
            assertEquals("2", r[0]);
            assertTrue(r[1].startsWith("surge: cannot start the admin listener on 127.0.0.1:" + taken.getLocalPort()), r[1]);
            assertTrue(r[1].contains("--admin-port"), r[1]);
            assertEquals(1, r[1].strip().lines().count(), r[1]);
        }
    }

    @Test
    void badValuesAreOneClearError() {
        String[] interval = runAndCaptureErr("run", "--stats-interval", "often");
        assertEquals("2", interval[0]);
        assertTrue(interval[1].contains("'often' is not a duration; write a number and a unit (us, ms, s, m, h, d), e.g. 250ms, 10s"), interval[1]);
        assertEquals(Duration.ZERO, parse("--stats-interval", "off").observe.statsInterval, "off: no stats line");
        String[] port = runAndCaptureErr("run", "--port", "0", "--admin-port", "70000");
        assertEquals("2", port[0]);
        assertTrue(port[1].contains("admin port must be 0-65535 (0: no admin listener), got 70000"), port[1]);
    }

    @Test
    void helpListsTheFlags() {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("run", "--help"));
        for (String flag : new String[]{"--admin-host", "--admin-port", "--[no-]metrics", "--stats-interval"}) {
            assertTrue(out.toString().contains(flag), flag + " in " + out);
        }
    }
}
