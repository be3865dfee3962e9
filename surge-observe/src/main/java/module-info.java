/**
 * Metrics, health, runtime stats and profiling on an admin listener: {@link dev.surge.observe.Metrics}
 * (Prometheus, per route) and {@link dev.surge.observe.Admin}. {@code Metrics.registry()} hands out
 * the Prometheus registry, so its module comes with this one.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"}) // Prometheus's jars name their modules in the manifest only.
module surge.observe {
    requires transitive surge.http;
    requires transitive io.prometheus.metrics.model;
    requires io.prometheus.metrics.config;
    requires io.prometheus.metrics.core;
    requires io.prometheus.metrics.instrumentation.jvm;
    requires io.prometheus.writer.text;
    requires io.netty.buffer;
    requires java.management;
    requires jdk.management;
    requires jdk.jfr;

    exports dev.surge.observe;
}
