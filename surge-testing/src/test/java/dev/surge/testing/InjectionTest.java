package dev.surge.testing;

import dev.surge.http.Server;
import dev.surge.http.Transport;
import dev.surge.web.App;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Every injectable type, at every place JUnit injects: constructor, {@code @BeforeAll},
 * {@code @BeforeEach} and test methods, and in a {@code @Nested} class, which shares the
 * server. The URI is checked with another client, the JDK's.
 */
@SurgeTest
class InjectionTest {
    private static Server serverBeforeAll;
    private static TestClient clientBeforeAll;
    private final TestClient constructorClient;
    private URI uriBeforeEach;

    InjectionTest(TestClient client) {
        this.constructorClient = client;
    }

    @SetUpRoutes
    static void routes(App app) {
        app.get("/hi", ctx -> ctx.text("hi"));
    }

    @BeforeAll
    static void beforeAll(Server server, TestClient client) {
        serverBeforeAll = server;
        clientBeforeAll = client;
    }

    @BeforeEach
    void beforeEach(URI uri) {
        uriBeforeEach = uri;
    }

    @Test
    void theSameServerAndClientEverywhere(Server server, TestClient client, URI uri) {
        assertSame(serverBeforeAll, server);
        assertSame(clientBeforeAll, client);
        assertSame(constructorClient, client);
        assertEquals(uriBeforeEach, uri);
    }

    @Test
    void aServerOnAFreePortOfTheLoopback(Server server) {
        assertNotEquals(0, server.port());
        assertNotEquals(Transport.LOCAL, server.transport());
        assertEquals("127.0.0.1", server.options().host());
        assertEquals(1, server.options().eventLoops());
    }

    @Test
    void theClientReachesTheServer(TestClient client) {
        assertEquals("hi", client.get("/hi").text());
    }

    @Test
    void theUriIsTheServersBaseAddress(URI uri, Server server) throws Exception {
        assertEquals(URI.create("http://127.0.0.1:" + server.port() + "/"), uri);
        try (HttpClient jdk = HttpClient.newHttpClient()) {
            HttpResponse<String> response = jdk.send(HttpRequest.newBuilder(uri.resolve("/hi")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("hi", response.body());
        }
    }

    @Nested
    class Inside {
        @Test
        void sharesTheEnclosingServer(Server server, TestClient client) {
            assertSame(serverBeforeAll, server);
            assertSame(clientBeforeAll, client);
        }
    }
}
