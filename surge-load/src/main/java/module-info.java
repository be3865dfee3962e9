/**
 * The load generator, {@code ./surge load}: closed-loop (wrk) and constant-rate (vegeta) load
 * on Surge's own client, with HdrHistogram percentiles. A command line for now: it exports
 * no package, and its entry point is {@code dev.surge.load.Main}.
 */
@SuppressWarnings("requires-automatic") // HdrHistogram has no module name of its own (see docs/modules.md).
module surge.load {
    requires surge.client;
    requires surge.config;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.transport;
    requires info.picocli;
    requires HdrHistogram;
    requires java.management;
    requires jdk.management;

    // picocli reads and sets the options' fields and builds the converters by reflection.
    opens dev.surge.load to info.picocli;
}
