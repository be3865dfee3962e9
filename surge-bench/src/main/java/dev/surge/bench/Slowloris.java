package dev.surge.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The slowloris attack, for {@code surge bench overload}: holds many connections open by never
 * finishing a request. Each connection sends a request line and its Host header, then one
 * byte of a header that never ends every {@code --interval} seconds. Connections open at most
 * {@code --rate} a second (the ramp, and reconnections: a connection the server closes is
 * replaced while the run lasts). One thread, non-blocking sockets. Counts what the server
 * did: closes, resets, answers by status (408 for a head that came too slowly), refused and
 * timed-out connection attempts ({@link SlowlorisAttack} runs it). Writes those counts to {@code --status} once a second and,
 * at the end of {@code --duration} or on SIGTERM, prints them as one JSON object.
 * <pre>
 *   connecting ─open─▶ trickling (one header byte per interval) ─FIN/RST/error─▶ closed ─▶ replaced
 *       └─refused, timeout─▶ closed ─▶ replaced
 * </pre>
 */
@Command(name = "slowloris", mixinStandardHelpOptions = true, version = "surge 0.1.0",
        description = "Holds connections open with requests that never finish; prints a JSON summary.")
public final class Slowloris implements Callable<Integer> {
    @Option(names = "--url", required = true, description = "http://host:port/path to attack")
    URI url;

    @Option(names = "--connections", defaultValue = "10000", description = "connections to hold (default: ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--rate", defaultValue = "2000", description = "most connections opened a second (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--interval", defaultValue = "1", description = "seconds between a connection's header bytes (default: ${DEFAULT-VALUE})")
    double interval;

    @Option(names = "--duration", defaultValue = "60", description = "seconds to run (default: ${DEFAULT-VALUE})")
    int duration;

    @Option(names = "--status", description = "write the counts to this file once a second (one JSON line)")
    Path status;

    /** What the run was asked to do, for the summary. */
    record Settings(URI url, int connections, int rate, double intervalSeconds, int durationSeconds) {
    }

    private final PrintStream out;
    private volatile SlowlorisAttack attack;
    private final CountDownLatch started = new CountDownLatch(1);

    Slowloris(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        Slowloris slowloris = new Slowloris(System.out);
        // SIGTERM ends the run early, with the summary printed as at the end of --duration.
        Runtime.getRuntime().addShutdownHook(new Thread(slowloris::stop, "slowloris-stop"));
        int code = commandLine(slowloris).execute(args);
        slowloris.started.countDown(); // a run that never started has nothing to stop
        System.exit(code);
    }

    static CommandLine commandLine(Slowloris slowloris) {
        CommandLine cli = new CommandLine(slowloris);
        cli.setParameterExceptionHandler((e, a) -> {
            System.err.println("slowloris: " + e.getMessage() + " (--help lists the flags)");
            return 2;
        });
        return cli;
    }

    private void stop() {
        try {
            started.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        SlowlorisAttack a = attack;
        if (a != null) {
            a.stop();
        }
    }

    @Override
    public Integer call() throws IOException {
        String problem = problem();
        if (problem != null) {
            System.err.println("slowloris: " + problem);
            return 2;
        }
        SlowlorisAttack a = new SlowlorisAttack(new Settings(url, connections, rate, interval, duration), status);
        attack = a;
        started.countDown();
        a.run(out);
        return 0;
    }
    /** Why the flags cannot work, or null. */
    private String problem() {
        if (!"http".equals(url.getScheme()) || url.getHost() == null || url.getPort() < 1) {
            return "--url wants http://host:port/path with a port, not " + url;
        }
        if (connections < 1 || rate < 1 || !(interval > 0) || duration < 1) {
            return "--connections, --rate, --interval and --duration must be more than 0";
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os
                && os.getMaxFileDescriptorCount() < connections + 100L) {
            return connections + " connections need more open files than this process may have (" + os.getMaxFileDescriptorCount()
                    + "); raise it with ulimit -n or ask for fewer";
        }
        return null;
    }
}
