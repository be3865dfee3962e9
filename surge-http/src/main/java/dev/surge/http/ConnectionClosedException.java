package dev.surge.http;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The client went away (or the server is stopping) while a response was still being
 * written. Nothing is wrong with the handler; the response has nowhere to go.
 */
public final class ConnectionClosedException extends UncheckedIOException {
    public ConnectionClosedException(String message) {
        super(new IOException(message));
    }
}
