package dev.surge.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code surge run} in a process of its own: SIGTERM while a request is in progress answers it, then exits 0. */
class SigtermTest {

    @Test
    void sigtermFinishesTheRequestInProgressAndExitsZero(@TempDir Path dir) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        // Output to a file: a pipe read while the process exits may be closed under the reader.
        Path log = dir.resolve("surge.log");
        // Started as ./surge starts it: the module on the module path, Netty's native libraries on the class path.
        Process process = new ProcessBuilder(List.of(java, "--enable-native-access=io.netty.common",
                "--module-path", System.getProperty("jdk.module.path"), "--class-path", System.getProperty("java.class.path"),
                "--module", "surge.app/dev.surge.app.Main", "run", "--port", "0", "--event-loops", "1", "--shutdown-grace", "20s"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (HttpClient client = HttpClient.newHttpClient()) {
            Integer bound = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (bound == null && System.nanoTime() < deadline && process.isAlive()) {
                Matcher m = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)").matcher(Files.readString(log));
                bound = m.find() ? Integer.valueOf(m.group(1)) : null;
                Thread.sleep(20);
            }
            assertNotNull(bound, "the server said where it listens: " + Files.readString(log));
            CompletableFuture<HttpResponse<String>> slow = client.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bound + "/delay/1500")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Thread.sleep(500);  // the request is in its handler
            process.destroy();  // SIGTERM
            HttpResponse<String> answer = slow.get(20, TimeUnit.SECONDS);
            assertEquals(200, answer.statusCode());
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "exited within the grace period");
            assertEquals(0, process.exitValue());
            String rest = Files.readString(log);
            assertTrue(rest.contains("surge: stopping"), rest);
            assertTrue(rest.contains("surge: stopped"), rest);
        } finally {
            process.destroyForcibly();
        }
    }
}
