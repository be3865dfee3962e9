package dev.surge.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Server.traffic(): each loop's count of connections and bytes, summed. */
class TrafficTest {

    @Test
    void countsConnectionsAndTheBytesOfTheirRequestsAndResponses() throws Exception {
        try (Server server = Server.start(ServerOptions.defaults().withPort(0).withEventLoops(2), (req, res) -> res.text("hi"))) {
            assertEquals(new Traffic(0, 0, 0, 0, new int[2]).connectionsOpen(), server.traffic().connectionsOpen());
            String request = "GET /a HTTP/1.1\r\nHost: h\r\n\r\n";
            int responseBytes;
            try (WireClient first = new WireClient(server.port()); WireClient second = new WireClient(server.port())) {
                WireClient.Response r = first.send(request).read();
                assertEquals("hi", r.body());
                second.send(request).read();
                second.send(request).read();
                Traffic open = server.traffic();
                assertEquals(2, open.connectionsOpen());
                assertEquals(2, open.connectionsAccepted());
                assertEquals(3L * request.length(), open.bytesReceived());
                responseBytes = (int) (open.bytesSent() / 3);
                assertEquals(3L * responseBytes, open.bytesSent(), "three responses of one size");
                assertTrue(responseBytes > "HTTP/1.1 200 OK\r\n".length() + 2, "head and body counted: " + responseBytes);
                assertEquals(2, open.eventLoops());
            }
            // The server sees the closes on its loops, a moment after the client.
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (server.traffic().connectionsOpen() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Traffic closed = server.traffic();
            assertEquals(0, closed.connectionsOpen());
            assertEquals(2, closed.connectionsAccepted());
        }
    }
}
