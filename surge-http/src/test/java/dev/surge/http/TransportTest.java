package dev.surge.http;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Each transport serves the same request; SO_REUSEPORT gives every event loop a listener. */
class TransportTest {

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"EPOLL", "IO_URING", "NIO"})
    void everyTransportServes(Transport transport) throws Exception {
        assumeTrue(transport != Transport.EPOLL || Epoll.isAvailable(), "epoll not available here");
        assumeTrue(transport != Transport.IO_URING || IoUring.isAvailable(), "io_uring not available here");
        ServerOptions options = ServerOptions.defaults().withPort(0).withEventLoops(2).withTransport(transport);
        try (Server server = Server.start(options, (req, res) -> res.text("via " + transport));
             WireClient c = new WireClient(server.port())) {
            assertEquals(transport, server.transport());
            assertEquals("via " + transport, c.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").read().body());
            int listeners = transport == Transport.NIO ? 1 : 2;
            assertTrue(server.describe().contains(listeners + " listener(s)"), server.describe());
        }
    }

    @Test
    void autoPicksEpollOnLinux() {
        assumeTrue(Epoll.isAvailable());
        try (Server server = Server.start(ServerOptions.defaults().withPort(0).withEventLoops(1), (req, res) -> res.text(""))) {
            assertEquals(Transport.EPOLL, server.transport());
        }
    }

    @Test
    void aTakenPortFailsWithAReason() {
        try (Server first = Server.start(ServerOptions.defaults().withPort(0).withEventLoops(1).withReusePort(false),
                (req, res) -> res.text(""))) {
            var e = assertThrows(IllegalStateException.class, () -> Server.start(
                    ServerOptions.defaults().withPort(first.port()).withEventLoops(1).withReusePort(false),
                    (req, res) -> res.text("")));
            assertTrue(e.getMessage().contains("cannot listen on 127.0.0.1:" + first.port()), e.getMessage());
        }
    }

    @Test
    void unknownTransportNamesAreRefusedWithTheChoices() {
        var e = assertThrows(IllegalArgumentException.class, () -> Transport.parse("dpdk"));
        assertTrue(e.getMessage().contains("auto, epoll, io_uring, nio"));
        assertEquals(Transport.IO_URING, Transport.parse("io-uring"));
    }
}
