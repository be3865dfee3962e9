package dev.surge.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Response.abort() on the raw seam: the connection closes with nothing more sent. */
class AbortTest {
    @Test
    void aHandlerThatAbortsBeforeAnsweringClosesTheConnectionWithoutA500() throws Exception {
        try (Server server = Server.start(ServerOptions.defaults().withPort(0).withEventLoops(1), (req, res) -> {
            if (req.path().equals("/abort")) {
                res.abort();
            } else {
                res.text("ok");
            }
        }); WireClient c = new WireClient(server.port())) {
            assertEquals("ok", c.send("GET /fine HTTP/1.1\r\nHost: h\r\n\r\n").read().body());
            assertEquals("", c.send("GET /abort HTTP/1.1\r\nHost: h\r\n\r\n").readUntilClosed());
        }
    }
}
