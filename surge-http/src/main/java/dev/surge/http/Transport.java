package dev.surge.http;

/**
 * The I/O transport under the server. {@link #AUTO} picks epoll on Linux and NIO elsewhere;
 * naming one that the machine cannot run fails at start with the reason. {@link #LOCAL}
 * serves in memory, inside the JVM, with no socket: for tests (see surge-testing).
 */
public enum Transport {
    AUTO, EPOLL, IO_URING, NIO, LOCAL;

    /** Parses {@code epoll}, {@code io_uring} (or {@code io-uring}), {@code nio}, {@code auto}. */
    public static Transport parse(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT).replace('-', '_')) {
            case "auto" -> AUTO;
            case "epoll" -> EPOLL;
            case "io_uring", "iouring", "uring" -> IO_URING;
            case "nio" -> NIO;
            case "local" -> LOCAL;
            default -> throw new IllegalArgumentException(
                    "unknown transport '" + text + "': use one of auto, epoll, io_uring, nio, local");
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
