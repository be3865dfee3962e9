package dev.surge.web;

import dev.surge.http.Server;
import dev.surge.http.ServerOptions;
import dev.surge.http.WireClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** An app on a free port with one event loop, and the JDK's HTTP client pointed at it. */
public final class Served implements AutoCloseable {
    public final Server server;
    /** The client's default executor is a cached pool whose idle threads outlive a test. */
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(executor).build();

    private Served(Server server) {
        this.server = server;
    }

    public static Served start(App app) {
        return new Served(app.start(ServerOptions.defaults().withPort(0).withEventLoops(1)));
    }

    public HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    public <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) throws Exception {
        return client.send(request.build(), body);
    }

    public HttpResponse<String> get(String path) throws Exception {
        return send(at(path));
    }

    public WireClient wire() throws Exception {
        return new WireClient(server.port());
    }

    @Override
    public void close() {
        client.close();
        executor.close();
        server.close();
    }
}
