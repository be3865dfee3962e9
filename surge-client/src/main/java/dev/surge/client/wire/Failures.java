package dev.surge.client.wire;

import dev.surge.client.ClientException.Kind;
import io.netty.channel.ConnectTimeoutException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

/** Sorts the exceptions a connection can end with into the kinds a caller acts on. */
public final class Failures {
    private Failures() {
    }

    /** The kind of failure {@code cause} is, on a connection being opened or in use. */
    public static Kind kindOf(Throwable cause) {
        if (cause instanceof ConnectException || cause instanceof ConnectTimeoutException
                || cause instanceof UnknownHostException || cause instanceof NoRouteToHostException) {
            return Kind.CONNECT;
        }
        String message = String.valueOf(cause.getMessage());
        if (message.contains("reset by peer") || message.contains("Connection reset") || message.contains("Broken pipe")) {
            // A broken pipe is the reset seen while writing rather than reading.
            return Kind.RESET;
        }
        return Kind.READ;
    }

    /** A short, human reason: the exception's message without Netty's syscall prefixes. */
    public static String describe(Throwable cause) {
        if (cause instanceof UnknownHostException) {
            return "unknown host " + cause.getMessage();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        int colon = message.indexOf(" failed: ");
        return colon >= 0 ? message.substring(colon + " failed: ".length()) : message;
    }
}
