package dev.surge.app;

import dev.surge.http.Server;
import dev.surge.http.ServerOptions;
import dev.surge.web.App;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reference service end to end, through the JDK's HTTP client. */
class ReferenceServiceTest {
    // The client's default executor is a cached pool: its threads start in whichever test first
    // needs them and idle for a minute, which the leak check rightly calls that test's leak.
    // A thread per task ends with its task.
    private static final ExecutorService EXECUTOR = Executors.newVirtualThreadPerTaskExecutor();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(EXECUTOR).build();
    private static Server server;
    private static ReferenceService service;

    @BeforeAll
    static void start() {
        service = new ReferenceService();
        server = service.routes(App.create()).start(ServerOptions.defaults().withPort(0).withEventLoops(1));
    }

    @AfterAll
    static void stop() {
        server.close();
        CLIENT.close();
        EXECUTOR.close();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    }

    @Test
    void plaintextFollowsTheTechEmpowerRules() throws Exception {
        var r = send(at("/plaintext"));
        assertEquals(200, r.statusCode());
        assertEquals("Hello, World!", r.body());
        assertEquals("text/plain", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("13", r.headers().firstValue("Content-Length").orElseThrow());
        assertEquals("surge", r.headers().firstValue("Server").orElseThrow());
        assertTrue(r.headers().firstValue("Date").isPresent());
    }

    @Test
    void jsonIsAnObjectWithTheMessage() throws Exception {
        var r = send(at("/json"));
        assertEquals("{\"message\":\"Hello, World!\"}", r.body());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void thePlaintextOnAVirtualThreadIsTheSame() throws Exception {
        var r = send(at("/plaintext/vt"));
        assertEquals("Hello, World!", r.body());
        assertEquals("text/plain", r.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void delaySleepsThenAnswersAndRefusesBadDelays() throws Exception {
        long start = System.nanoTime();
        var r = send(at("/delay/50"));
        assertEquals(200, r.statusCode());
        assertEquals("slept 50 ms\n", r.body());
        assertTrue(System.nanoTime() - start >= 50_000_000L, "it slept at least the delay");
        for (String bad : new String[]{"abc", "-1", "60001", "+5", "99999999999999999999"}) {
            var refused = send(at("/delay/" + bad));
            assertEquals(400, refused.statusCode(), bad);
            assertEquals("path parameter 'ms' must be a whole number from 0 to 60000, got '" + bad + "'\n",
                    refused.body());
        }
    }

    @Test
    void countIncrementsOncePerRequest() throws Exception {
        long first = Long.parseLong(send(at("/count")).body());
        long second = Long.parseLong(send(at("/count")).body());
        assertEquals(first + 1, second);
        assertEquals(second, service.count());
    }

    @Test
    void echoReturnsTheBodyAndItsType() throws Exception {
        var r = send(at("/echo").header("Content-Type", "application/x-test")
                .POST(HttpRequest.BodyPublishers.ofString("payload \u00e9")));
        assertEquals("payload \u00e9", r.body());
        assertEquals("application/x-test", r.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void echoOfABodyWithAnEmptyContentTypeIsAnOctetStream() throws Exception {
        // An empty Content-Type reached ContentType.of, which refuses a blank type, and the echo
        // answered 500 (seen while writing RequestPathFuzzTest, whose echo is this one).
        var r = send(at("/echo").header("Content-Type", "").POST(HttpRequest.BodyPublishers.ofString("hi")));
        assertEquals(200, r.statusCode());
        assertEquals("hi", r.body());
        assertEquals("application/octet-stream", r.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void indexListsTheEndpointsAndUnknownPathsAre404() throws Exception {
        assertTrue(send(at("/")).body().contains("/plaintext"));
        assertEquals(404, send(at("/missing")).statusCode());
        var wrongMethod = send(at("/plaintext").DELETE());
        assertEquals(405, wrongMethod.statusCode());
        assertEquals("GET, HEAD, OPTIONS", wrongMethod.headers().firstValue("Allow").orElseThrow());
    }
}
