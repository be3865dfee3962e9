package dev.surge.client.wire;

import java.io.IOException;

/** The server sent bytes that are not an HTTP/1.1 response; the connection is unusable. */
public final class MalformedResponseException extends IOException {

    public MalformedResponseException(String message) {
        super(message);
    }
}
