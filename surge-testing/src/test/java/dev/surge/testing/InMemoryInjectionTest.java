package dev.surge.testing;

import dev.surge.http.Server;
import dev.surge.http.Transport;
import dev.surge.web.App;
import io.netty.channel.local.LocalAddress;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** In-memory mode: the server has no socket, and the injected client still reaches it. */
@SurgeTest(inMemory = true)
class InMemoryInjectionTest {

    @SetUpRoutes
    static void routes(App app) {
        app.get("/hi", ctx -> ctx.text("hi from " + ctx.request().remoteAddress().orElseThrow().getClass().getSimpleName()));
    }

    @Test
    void servesThroughTheLocalTransport(Server server, TestClient client) {
        assertEquals(Transport.LOCAL, server.transport());
        assertInstanceOf(LocalAddress.class, server.address());
        assertEquals("hi from LocalAddress", client.get("/hi").text());
    }
}
