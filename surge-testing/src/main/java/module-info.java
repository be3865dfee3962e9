/**
 * Testing Surge services with JUnit 5: {@link dev.surge.testing.SurgeTest} serves a test
 * class's routes on a free port or in memory, and injects a {@link dev.surge.testing.TestClient}
 * pointed at them.
 */
module surge.testing {
    requires transitive surge.http;
    requires transitive org.junit.jupiter.api;
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.common;
    requires io.netty.transport;
    requires java.net.http;

    exports dev.surge.testing;

    // JUnit instantiates SurgeExtension, which @SurgeTest names but which is not public.
    opens dev.surge.testing to org.junit.platform.commons;
}
