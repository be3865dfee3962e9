package dev.surge.web;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An access log in the Common Log Format with the duration and request id added:
 * <pre>127.0.0.1 - - [28/Nov/2026:10:15:32 +0000] "GET /users/7 HTTP/1.1" 200 57 0.412ms 9f3c2a71d0e4b815</pre>
 * A request hands its line to a bounded queue and goes on; one background thread writes the
 * lines, so a slow disk never stalls a request or an event loop. When the queue is full the
 * line is dropped and counted ({@link #dropped()}), and a line saying how many is written
 * once the writer catches up. The thread starts with the first line and ends with
 * {@link #close()}, which the server calls when it stops.
 */
public final class AccessLog implements Middleware, LoopSafe, AutoCloseable {
    private static final int QUEUE_LINES = 65536;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final String STOP = new String("stop");

    private final Writer out;
    private final boolean ownsWriter;
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE_LINES);
    private final AtomicLong dropped = new AtomicLong();
    private volatile Thread writer;
    private volatile boolean closed;
    private volatile long cachedSecond = -1;
    private volatile String cachedTime;

    private AccessLog(Writer out, boolean ownsWriter) {
        this.out = out;
        this.ownsWriter = ownsWriter;
    }

    /** Lines to standard output. */
    public static AccessLog toStdout() {
        return new AccessLog(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
    }

    /** Lines appended to {@code file}, which is created when missing. */
    public static AccessLog toFile(Path file) {
        try {
            return new AccessLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the access log " + file + ": " + e.getMessage(), e);
        }
    }

    /** Lines to {@code out}, which is flushed, not closed, when the log closes. */
    public static AccessLog to(Writer out) {
        return new AccessLog(out, false);
    }

    /** Lines dropped because the writer could not keep up. */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public void handle(Context ctx, Handler next) throws Exception {
        long start = System.nanoTime();
        int status = 500;
        try {
            next.handle(ctx);
            status = ctx.status();
        } catch (HttpException e) {
            status = e.status();
            throw e;
        } finally {
            log(ctx, status, System.nanoTime() - start);
        }
    }

    private void log(Context ctx, int status, long nanos) {
        if (closed) {
            return;
        }
        long bytes = ctx.bodyLength();
        String line = ctx.request().remoteAddress().map(AccessLog::client).orElse("-") + " - - [" + now() + "] \"" + ctx.method() + " "
                + ctx.request().target() + " " + ctx.request().version() + "\" " + status + " "
                + (bytes < 0 ? "-" : Long.toString(bytes)) + " "
                + millis(nanos) + "ms "
                + ctx.requestId().orElse("-");
        if (!queue.offer(line)) {
            dropped.incrementAndGet();
        }
        if (writer == null) {
            startWriter();
        }
    }

    private synchronized void startWriter() {
        if (writer == null && !closed) {
            Thread t = Thread.ofPlatform().daemon().name("surge-access-log").unstarted(this::drain);
            t.start();
            writer = t;
        }
    }

    private void drain() {
        long reportedDrops = 0;
        try {
            while (true) {
                String line = queue.poll(1, TimeUnit.SECONDS);
                if (line == STOP) {
                    break;
                }
                if (line != null) {
                    out.write(line);
                    out.write('\n');
                }
                long drops = dropped.get();
                if (drops > reportedDrops && queue.isEmpty()) {
                    out.write("surge: access log dropped " + (drops - reportedDrops) + " line(s): the writer fell behind\n");
                    reportedDrops = drops;
                }
                if (queue.isEmpty()) {
                    out.flush();
                }
            }
            out.flush();
        } catch (IOException e) {
            System.getLogger(AccessLog.class.getName()).log(System.Logger.Level.ERROR, "access log stopped", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Milliseconds with three decimals, e.g. 0.412, without the cost of String.format. */
    static String millis(long nanos) {
        long micros = nanos / 1000;
        String fraction = Long.toString(1000 + micros % 1000).substring(1);
        return micros / 1000 + "." + fraction;
    }

    private String now() {
        long second = System.currentTimeMillis() / 1000;
        if (second != cachedSecond) {
            cachedTime = TIME.format(Instant.ofEpochSecond(second));
            cachedSecond = second;
        }
        return cachedTime;
    }

    private static String client(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return address.toString();
    }

    /** Writes the lines still queued, then stops the writer thread. */
    @Override
    public void close() {
        closed = true;
        Thread t;
        synchronized (this) {
            t = writer;
        }
        try {
            if (t != null) {
                queue.put(STOP);
                t.join(TimeUnit.SECONDS.toMillis(5));
            }
            out.flush();
            if (ownsWriter) {
                out.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
