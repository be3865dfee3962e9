package dev.surge.observe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * async-profiler, where installed, for flame graphs ({@code format=html}): found as
 * {@code $ASYNC_PROFILER_HOME/bin/asprof}, else {@code asprof} on the PATH. It attaches to
 * this JVM for the duration and writes a self-contained HTML flame graph.
 */
final class AsyncProfiler {
    private AsyncProfiler() {
    }

    /** The asprof launcher, or empty when async-profiler is not installed. */
    static Optional<Path> find(String home, String path) {
        if (home != null && !home.isBlank()) {
            Path asprof = Path.of(home, "bin", "asprof");
            if (Files.isExecutable(asprof)) {
                return Optional.of(asprof);
            }
        }
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "asprof"))) {
                    return Optional.of(Path.of(dir, "asprof"));
                }
            }
        }
        return Optional.empty();
    }

    /** Profiles this JVM for {@code seconds} with {@code event} into {@code out} (HTML); fails with asprof's output. */
    static void flameGraph(Path asprof, String event, int seconds, Path out) throws IOException, InterruptedException {
        List<String> command = List.of(asprof.toString(), "-d", Integer.toString(seconds), "-e", event,
                "-f", out.toString(), Long.toString(ProcessHandle.current().pid()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!process.waitFor(seconds + 30L, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("asprof failed: " + output.strip());
            }
        } finally {
            process.destroy();
        }
    }
}
