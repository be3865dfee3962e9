/**
 * Leak checks and allocation budgets for JUnit 5 tests: {@link dev.surge.junit.LeakCheck}
 * (loaded for every test through the service below), {@link dev.surge.junit.BufferWatch},
 * {@link dev.surge.junit.AllocationBudget}, {@link dev.surge.junit.ScriptedServer} and
 * {@link dev.surge.junit.ExportedApi}.
 */
module surge.junit {
    requires transitive org.junit.jupiter.api;
    requires io.netty.buffer;
    requires io.netty.common;
    requires java.management;
    requires jdk.management;

    // The API users program against.
    exports dev.surge.junit;

    // Netty makes the leak detector, named by -Dio.netty.customResourceLeakDetector, by reflection.
    exports dev.surge.junit.leak to io.netty.common;

    provides org.junit.jupiter.api.extension.Extension with dev.surge.junit.LeakCheck;
}
