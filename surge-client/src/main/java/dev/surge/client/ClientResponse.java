package dev.surge.client;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** A whole response: status, header fields in the order received, and body. */
public record ClientResponse(int status, List<Header> headers, byte[] body) {

    public ClientResponse {
        headers = List.copyOf(headers);
    }

    /** The first value of header {@code name} (any case). */
    public Optional<String> header(String name) {
        for (Header h : headers) {
            if (h.is(name)) {
                return Optional.of(h.value());
            }
        }
        return Optional.empty();
    }

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
