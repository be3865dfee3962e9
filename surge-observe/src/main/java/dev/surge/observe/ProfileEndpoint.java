package dev.surge.observe;

import dev.surge.http.ContentType;
import dev.surge.web.Context;
import jdk.jfr.Recording;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code GET /debug/profile?seconds=N&event=cpu|alloc|lock|wall[&format=html]}: records this
 * JVM for N seconds and answers the recording, a JFR file ({@code jfr print}, JDK Mission
 * Control), or with {@code format=html} a flame graph from async-profiler where it is
 * installed (501 saying so where not). One profile at a time (409 while one is running). It
 * runs on its own virtual thread; a client that hangs up stops the recording early.
 */
final class ProfileEndpoint {
    private static final ContentType JFR = ContentType.of("application/octet-stream");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final AtomicBoolean busy = new AtomicBoolean();
    private final Optional<Path> asprof;
    private final Path dir;

    ProfileEndpoint(Optional<Path> asprof, Path dir) {
        this.asprof = asprof;
        this.dir = dir;
    }

    void answer(Context ctx) throws IOException, InterruptedException {
        ProfileRequest request = ProfileRequest.of(ctx);
        if (request.format().equals("html") && asprof.isEmpty()) {
            ctx.status(501).text("Not Implemented: async-profiler is not installed on this machine (set ASYNC_PROFILER_HOME"
                    + " or put asprof on the PATH), so there is no flame graph; ask for format=jfr instead\n");
            return;
        }
        if (!busy.compareAndSet(false, true)) {
            ctx.status(409).text("Conflict: a profile is being recorded already; ask again when it is done\n");
            return;
        }
        String name = "surge-" + request.event() + "-" + STAMP.format(Instant.now());
        Path file = dir.resolve(name + "-" + System.nanoTime() + (request.format().equals("html") ? ".html" : ".jfr"));
        try {
            if (request.format().equals("html")) {
                AsyncProfiler.flameGraph(asprof.orElseThrow(), request.event(), request.seconds(), file);
                ctx.header("Content-Disposition", "inline; filename=\"" + name + ".html\"");
                send(ctx, ContentType.TEXT_HTML, file);
            } else {
                record(request, file);
                ctx.header("Content-Disposition", "attachment; filename=\"" + name + ".jfr\"");
                send(ctx, JFR, file);
            }
        } finally {
            Diagnostics.delete(file);
            busy.set(false);
        }
    }

    /** Records for the request's seconds, or until interrupted (the client left), into {@code file}. */
    private static void record(ProfileRequest request, Path file) throws IOException, InterruptedException {
        try (Recording recording = JfrProfiles.recording(request.event())) {
            recording.start();
            try {
                Thread.sleep(request.seconds() * 1000L);
            } finally {
                recording.stop();
            }
            recording.dump(file);
        }
    }

    /** Streams {@code file} as the body: a recording may be larger than one would hold in memory. */
    static void send(Context ctx, ContentType type, Path file) throws IOException {
        try (OutputStream out = ctx.stream(type)) {
            Files.copy(file, out);
        }
    }
}
