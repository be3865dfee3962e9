package dev.surge.testing;

import dev.surge.http.Server;
import dev.surge.http.ServerOptions;
import dev.surge.http.Transport;
import dev.surge.web.App;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;

import java.net.InetSocketAddress;
import java.net.URI;

/**
 * The server of one {@link SurgeTest} class and the client pointed at it, from the first test
 * to the last. Closing closes the client first, so that the server finds no connection of
 * ours still open.
 */
record TestServer(Server server, TestClient client, boolean inMemory) implements AutoCloseable {

    /** Builds the class's routes and serves them: on a free port, or in memory. */
    static TestServer start(Class<?> testClass, boolean inMemory) {
        App app = RouteSetUp.appFor(testClass);
        ServerOptions options = ServerOptions.defaults().withPort(0).withEventLoops(1);
        if (inMemory) {
            options = options.withTransport(Transport.LOCAL);
        }
        Server server;
        try {
            server = app.start(options);
        } catch (RuntimeException e) {
            throw new ExtensionConfigurationException("the routes of " + testClass.getSimpleName()
                    + " cannot be served: " + e.getMessage(), e);
        }
        try {
            return new TestServer(server, TestClient.create(server), inMemory);
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    /** {@code http://127.0.0.1:port/}; an in-memory server has none. */
    URI uri() {
        if (inMemory || !(server.address() instanceof InetSocketAddress inet)) {
            throw new ParameterResolutionException("a URI parameter needs a server on a socket, but this test class is"
                    + " @SurgeTest(inMemory = true): take a TestClient instead, or remove inMemory = true");
        }
        String host = inet.getHostString();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + inet.getPort() + "/");
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            server.close();
        }
    }
}
