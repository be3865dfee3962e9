package dev.surge.observe;

import dev.surge.http.Server;
import dev.surge.http.ServerOptions;
import dev.surge.web.App;
import dev.surge.web.Route;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin listener's start, and the periodic stats line. */
class AdminTest {

    @Test
    void aTakenAdminPortSaysWhichFlagToChange() throws Exception {
        try (Metrics metrics = Metrics.create();
             Server server = App.create().get("/", Route.inline(ctx -> ctx.text("ok")))
                     .start(ServerOptions.defaults().withPort(0).withEventLoops(1));
             ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var e = assertThrows(IllegalStateException.class,
                    () -> Admin.start("127.0.0.1", taken.getLocalPort(), server, metrics));
            assertTrue(e.getMessage().startsWith("cannot start the admin listener on 127.0.0.1:" + taken.getLocalPort() + ": "),
                    e.getMessage());
            assertTrue(e.getMessage().contains("choose another with --admin-port"), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        }
    }

    @Test
    void theAdminListenerDoesNotShedForMemory() throws Exception {
        try (Metrics metrics = Metrics.create();
             Server server = App.create().start(ServerOptions.defaults().withPort(0).withEventLoops(1))) {
            App admin = AdminRoutes.app(server, metrics, java.util.Optional.empty(), java.nio.file.Path.of("."));
            assertTrue(admin.memoryGuard().isOff(), "health and metrics must answer while the server sheds");
            assertTrue(!App.create().memoryGuard().isOff(), "where an app's guard is on by default");
        }
    }

    @Test
    void theStatsLineComesEveryInterval() throws Exception {
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        try (Observed observed = new Observed(App.create().get("/", Route.inline(ctx -> ctx.text("ok"))))) {
            observed.client.get("/");
            observed.metrics.logEvery(Duration.ofMillis(20), lines::add);
            String first = lines.poll(10, TimeUnit.SECONDS);
            String second = lines.poll(10, TimeUnit.SECONDS);
            assertTrue(second != null, "a second line");
            assertTrue(first.matches("surge: ready, up \\d+s, \\d+ req/s, 0 in flight, 1 connections, 0 handler threads,"
                    + " \\d+ threads, heap \\d+/\\d+ MiB, direct \\d+ MiB, gc \\d+ \\(\\d+ ms\\)"), first);
        }
        lines.clear();
    }

    @Test
    void theStatsIntervalMustBePositive() {
        try (Metrics metrics = Metrics.create()) {
            var e = assertThrows(IllegalArgumentException.class, () -> metrics.logEvery(Duration.ZERO, line -> { }));
            assertEquals("the stats interval must be at least 1 ms, got PT0S", e.getMessage());
        }
    }

    @Test
    void oneMetricsPerApp() {
        try (Metrics metrics = Metrics.create()) {
            metrics.instrument(App.create());
            var e = assertThrows(IllegalStateException.class, () -> metrics.instrument(App.create()));
            assertTrue(e.getMessage().contains("make one Metrics per app"), e.getMessage());
        }
    }
}
