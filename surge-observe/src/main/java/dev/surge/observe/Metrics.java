package dev.surge.observe;

import dev.surge.http.Server;
import dev.surge.web.App;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmNativeMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Prometheus metrics of one Surge server, in a registry of their own: the JVM's (heap,
 * direct memory, GC, threads: the library's JVM metrics), the server's connections, bytes,
 * event-loop backlog and refusals ({@link #watch}), and, for an app given to
 * {@link #instrument}, requests by route pattern, method and status class with their latency
 * histogram, requests in flight, requests per second and handler threads alive.
 * <pre>{@code
 * Metrics metrics = Metrics.create();
 * Server server = metrics.instrument(App.create().get(...)).start(options);
 * Admin admin = Admin.start("127.0.0.1", 9090, server, metrics);   // GET /metrics, /health/ready, /debug/...
 * }</pre>
 * Register metrics of your own in {@link #registry()}. Close it after the server: it stops
 * the timer that samples requests per second.
 */
public final class Metrics implements AutoCloseable {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final RequestMetrics requests = new RequestMetrics();
    private final RequestRate rate = new RequestRate(() -> requests.totals().finished());
    private final ExpositionFormats formats = ExpositionFormats.init();
    /** One daemon thread: samples requests per second, and writes the stats line if asked to. */
    private final ScheduledExecutorService timer;
    private volatile Server server;
    private boolean instrumented;

    private Metrics() {
        registerJvmMetrics(registry);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("surge-metrics").daemon().factory());
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.timer = executor;
    }

    /**
     * The library's JVM metrics (what {@code JvmMetrics} registers) but for the allocation
     * counter per memory pool: it samples exemplars whatever it is told, and its first sample
     * starts the library's scheduler thread, which never ends.
     */
    private static void registerJvmMetrics(PrometheusRegistry registry) {
        PrometheusProperties config = PrometheusProperties.get();
        JvmThreadsMetrics.builder(config).register(registry);
        JvmBufferPoolMetrics.builder(config).register(registry);
        JvmClassLoadingMetrics.builder(config).register(registry);
        JvmCompilationMetrics.builder(config).register(registry);
        JvmGarbageCollectorMetrics.builder(config).register(registry);
        JvmMemoryMetrics.builder(config).register(registry);
        JvmNativeMemoryMetrics.builder(config).register(registry);
        JvmRuntimeInfoMetric.builder(config).register(registry);
        ProcessMetrics.builder(config).register(registry);
    }

    /** A registry with the JVM's metrics; {@link #instrument} and {@link #watch} add Surge's. */
    public static Metrics create() {
        return new Metrics();
    }

    /** Records every request of {@code app} by route; call it before the app starts. Returns the app. */
    public synchronized App instrument(App app) {
        if (instrumented) {
            throw new IllegalStateException("these metrics already instrument an app: make one Metrics per app");
        }
        instrumented = true;
        app.observe(requests);
        registry.register(new RequestCollector(requests, rate::perSecond));
        timer.scheduleAtFixedRate(rate::sample, 1, 1, TimeUnit.SECONDS);
        return app;
    }

    /** Adds the metrics read from {@code server}: connections, bytes, event-loop backlog, readiness, refusals. */
    public synchronized void watch(Server server) {
        if (this.server == server) {
            return;
        }
        if (this.server != null) {
            throw new IllegalStateException("these metrics already watch a server: make one Metrics per server");
        }
        this.server = server;
        ServerCollectors.register(registry, server);
    }

    /** The registry, for metrics of your own. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** A scrape's body and its Content-Type. */
    public record Scrape(String contentType, byte[] body) {
    }

    /**
     * Every metric now, in the format {@code accept} (a request's Accept header, or null) asks
     * for: OpenMetrics text for {@code application/openmetrics-text}, else Prometheus text 0.0.4.
     */
    public Scrape scrape(String accept) {
        ExpositionFormatWriter writer = formats.findWriter(accept);
        if (!writer.isAvailable()) {
            writer = formats.getPrometheusTextFormatWriter();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Scrape(writer.getContentType(), out.toByteArray());
    }

    /** Runtime stats now: uptime, requests, connections, threads, memory, GC (see /debug/vars). */
    public RuntimeVars vars() {
        return RuntimeVars.now(requests.totals(), rate.perSecond(), requests.handlerThreads(), server);
    }

    /**
     * Writes {@link RuntimeVars#summary()} to {@code out} every {@code interval}, until
     * closed. For {@code --stats-interval}.
     */
    public void logEvery(Duration interval, Consumer<String> out) {
        long millis = interval.toMillis();
        if (millis < 1) {
            throw new IllegalArgumentException("the stats interval must be at least 1 ms, got " + interval);
        }
        timer.scheduleAtFixedRate(() -> out.accept(vars().summary()), millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Stops the timer. The registry stays readable. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
