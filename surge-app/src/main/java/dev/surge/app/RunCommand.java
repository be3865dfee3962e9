package dev.surge.app;

import dev.surge.config.SizeConverter;
import dev.surge.http.RequestLimits;
import dev.surge.http.ServerOptions;
import dev.surge.http.Transport;
import dev.surge.web.AccessLog;
import dev.surge.web.App;
import dev.surge.web.Middleware;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code surge run}: the reference service, until SIGTERM or Ctrl-C. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start the reference service. JVM flags come from JAVA_OPTS.",
        footer = "Sizes take a unit: 8KiB, 16k, 8MiB, 1m, or plain bytes.")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to bind (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "port; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--transport", defaultValue = "auto", converter = TransportConverter.class,
            description = "auto, epoll, io_uring or nio (default: ${DEFAULT-VALUE}: epoll on Linux, else nio)")
    Transport transport;

    @Option(names = "--event-loops", description = "I/O threads (default: available processors)")
    Integer eventLoops;

    @Option(names = "--backlog", defaultValue = "8192", description = "accept queue length (default: ${DEFAULT-VALUE})")
    int backlog;

    @Option(names = "--reuse-port", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "one SO_REUSEPORT listener per event loop where the transport allows (default: on)")
    boolean reusePort;

    @Option(names = "--tcp-fastopen", defaultValue = "0", paramLabel = "QUEUE",
            description = "TCP Fast Open with this queue length; 0 is off (default: ${DEFAULT-VALUE})")
    int tcpFastOpen;

    @Option(names = "--max-request-line", defaultValue = "8KiB", converter = SizeConverter.class,
            description = "longest request line, else 414 (default: ${DEFAULT-VALUE})")
    int maxRequestLine;

    @Option(names = "--max-header-size", defaultValue = "16KiB", converter = SizeConverter.class,
            description = "largest request line plus headers, else 431 (default: ${DEFAULT-VALUE})")
    int maxHeaderSize;

    @Option(names = "--max-header-count", defaultValue = "100",
            description = "most header fields, else 431 (default: ${DEFAULT-VALUE})")
    int maxHeaderCount;

    @Option(names = "--max-body", defaultValue = "8MiB", converter = SizeConverter.class,
            description = "largest request body, else 413 (default: ${DEFAULT-VALUE})")
    int maxBody;

    @Option(names = "--max-chunk-line", defaultValue = "4KiB", converter = SizeConverter.class,
            description = "longest chunk-size line with its extensions, else 400 (default: ${DEFAULT-VALUE})")
    int maxChunkLine;

    @Mixin
    ConnectionFlags connections;

    @Option(names = "--access-log", paramLabel = "FILE",
            description = "write an access log line per request to FILE, or to standard output with '-' (default: off)")
    String accessLog;

    @Option(names = "--request-ids", description = "give every request an X-Request-Id (the client's, or a new one)")
    boolean requestIds;

    @Option(names = "--files", paramLabel = "DIR",
            description = "serve the files under DIR at /files/ (default: off)")
    Path files;

    @Mixin
    OverloadOptions overload;

    /** --admin-host, --admin-port, --[no-]metrics, --stats-interval. */
    @Mixin
    ObserveFlags observe;

    /** The reference service's app with the middleware and files the flags ask for. */
    App app() {
        App app = App.create();
        overload.applyTo(app);
        if (requestIds) {
            app.use(Middleware.requestId());
        }
        if (accessLog != null) {
            app.use(Middleware.accessLog("-".equals(accessLog) ? AccessLog.toStdout() : AccessLog.toFile(Path.of(accessLog))));
            app.use(Middleware.recovery());
        }
        new ReferenceService().routes(app);
        if (files != null) {
            app.files("/files", files);
        }
        return app;
    }

    /** The server options the flags describe; refuses impossible combinations. */
    ServerOptions options() {
        RequestLimits limits = new RequestLimits(maxRequestLine, maxHeaderSize, maxHeaderCount, maxBody, maxChunkLine);
        ServerOptions options = ServerOptions.defaults().withHost(host).withPort(port).withTransport(transport)
                .withBacklog(backlog).withReusePort(reusePort).withTcpFastOpen(tcpFastOpen).withLimits(limits).withConnections(connections.limits());
        return eventLoops == null ? options : options.withEventLoops(eventLoops);
    }

    /**
     * Serves until SIGTERM or SIGINT, then stops gracefully within the grace period and
     * returns 0. Other ways the JVM may end (System.exit, SIGHUP) close the server at once; a
     * thread killed by the JVM's own failure ends the process with status 3 ({@link FatalErrors}).
     */
    @Override
    public Integer call() throws InterruptedException {
        ObserveFlags.ObservedServer server = observe.start(app(), options());
        // Once serving: a run that fails to start (a test's, say) leaves the JVM's handler alone.
        Thread.setDefaultUncaughtExceptionHandler(FatalErrors.forThisProcess());
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(server::close, "surge-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        StopSignals.onTermOrInt(stop::countDown);
        System.out.println("surge: " + server.describe());
        stop.await();
        System.out.println("surge: stopping, up to " + connections.shutdownGrace.toMillis() + " ms for the requests in progress");
        boolean clean = server.stop(connections.shutdownGrace);
        System.out.println(clean ? "surge: stopped" : "surge: grace period over; closed what was left");
        Runtime.getRuntime().removeShutdownHook(hook);
        return 0;
    }
}
