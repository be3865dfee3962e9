package dev.surge.load;

import dev.surge.client.ClientRequest;
import dev.surge.client.Header;
import dev.surge.config.DurationConverter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code surge load}: the load generator's command line, flags named as wrk's where wrk has them. */
@Command(name = "surge load", mixinStandardHelpOptions = true, version = "surge load 0.1.0", sortOptions = false,
        description = {"Load an HTTP/1.1 server; report requests/s, latency percentiles,",
                "statuses and errors.",
                "Closed loop (no --rate): each connection sends as soon as its answer",
                "came, as wrk does. Open loop (--rate): requests fall due at a constant",
                "rate whatever the answers, and latency counts from when each fell due,",
                "so a stalled server shows, as in wrk2 and vegeta.", ""},
        footer = {"", "Durations: 500ms, 10s, 2m, 1h; a plain number is seconds.",
                "Exit codes: 0 done, 2 bad input or unreachable server, 1 failed."})
public final class Main implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "URL", description = "http://host:port/path to load")
    String url;

    @Option(names = {"-c", "--connections"}, paramLabel = "N", defaultValue = "10", description = "connections to keep open (default: ${DEFAULT-VALUE})")
    int connections;

    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "how long to load (default: ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "0s", converter = DurationConverter.class,
            description = "load this long first, unmeasured (JIT warm-up, connection set-up) (default: none)")
    Duration warmup;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", defaultValue = "2", description = "event loops (default: ${DEFAULT-VALUE}, at most -c)")
    int threads;

    @Option(names = {"-R", "--rate"}, paramLabel = "RPS", description = "open loop at this many requests/s over all connections")
    Double rate;

    /** The deepest pipeline: the requests of one connection's window are one buffer. */
    static final int MAX_PIPELINE = 1024;

    @Option(names = "--pipeline", paramLabel = "DEPTH", defaultValue = "1",
            description = "requests in flight per connection (default: ${DEFAULT-VALUE})")
    int pipeline;

    @Option(names = {"-H", "--header"}, paramLabel = "'Name: value'", description = "a header for every request (repeatable)")
    List<String> headers = new ArrayList<>();

    @Option(names = {"-m", "--method"}, paramLabel = "METHOD", defaultValue = "GET", description = "request method (default: ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--body", paramLabel = "FILE", description = "send this file as every request's body")
    Path body;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
            description = "a response slower than this is an error; its connection is opened again (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = {"-n", "--requests"}, paramLabel = "N", description = "stop after N requests (default: no limit, run for -d)")
    Long requests;

    @Option(names = "--transport", paramLabel = "KIND", defaultValue = "auto",
            description = "auto (epoll, else nio), epoll, io_uring or nio (default: ${DEFAULT-VALUE})")
    String transport;

    @Option(names = "--cpu-of", paramLabel = "PID",
            description = "also report this process's CPU time (the server's) over the measured window")
    Long cpuOf;

    @Option(names = "--json", paramLabel = "FILE", description = "write every figure, the percentile distribution and the timeline as JSON")
    Path json;

    @Option(names = "--html", paramLabel = "FILE", description = "write a self-contained HTML report with plots")
    Path html;

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** Runs the command with these streams; returns the exit code (0 done, 2 bad input, 1 failed). */
    static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Main(out, err));
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("surge load: " + e.getMessage() + " (./surge load --help lists the flags)");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            if (e instanceof UsageException) {
                err.println("surge load: " + e.getMessage());
                return 2;
            }
            err.println("surge load: failed: " + e);
            return 1;
        });
        return cli.execute(args);
    }

    private final PrintStream out;
    private final PrintStream err;

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        LoadOptions options = options();
        Progress progress = Progress.onTerminal(err);
        LoadResult result = LoadRun.run(options, progress::second);
        progress.done();
        TextReport.print(result, out);
        if (json != null) {
            write(json, JsonReport.render(result));
        }
        if (html != null) {
            write(html, HtmlReport.render(result));
        }
        return 0;
    }

    /** The options the flags describe; a UsageException names what to fix. */
    LoadOptions options() throws UsageException {
        try {
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw new UsageException("'" + url + "' is not a valid URL (" + e.getReason() + "); write it as http://host:port/path");
            }
            List<Header> parsed = new ArrayList<>();
            for (String h : headers) {
                parsed.add(Header.parse(h));
            }
            byte[] content = null;
            if (body != null) {
                try {
                    content = Files.readAllBytes(body);
                } catch (IOException e) {
                    throw new UsageException("cannot read --body " + body + ": " + e.getMessage());
                }
            }
            ClientRequest request = new ClientRequest(method, uri, parsed, content);
            if (rate != null && !(rate > 0)) {
                throw new UsageException("--rate must be more than 0 requests/s");
            }
            if (requests != null && requests < 1) {
                throw new UsageException("--requests must be at least 1");
            }
            if (requests != null && !warmup.isZero()) {
                // The warm-up's requests would use up the count, leaving nothing to measure.
                throw new UsageException("--requests and --warmup do not go together: give one of them");
            }
            if (pipeline > MAX_PIPELINE) {
                throw new UsageException("--pipeline is at most " + MAX_PIPELINE + " requests per connection, not " + pipeline);
            }
            if (cpuOf != null) {
                ProcessCpu.of(cpuOf); // there, and readable
            }
            for (Path p : new Path[] {json, html}) {
                if (p != null && p.toAbsolutePath().getParent() != null && !Files.isDirectory(p.toAbsolutePath().getParent())) {
                    throw new UsageException("cannot write " + p + ": its folder does not exist");
                }
            }
            return new LoadOptions(request, connections, duration, warmup, threads, rate == null ? 0 : rate, pipeline, timeout,
                    requests == null ? 0 : requests, json, html, cpuOf == null ? 0 : cpuOf, transport);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private void write(Path file, String text) throws IOException {
        Files.writeString(file, text);
        err.println("surge load: wrote " + file);
    }
}
