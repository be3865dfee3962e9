package dev.surge.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A request to send: method, absolute http URI, header fields and body. Content-Length and the
 * connection handling are the client's; setting them here is refused. Host comes from the URI
 * unless a Host header is given (a virtual host on another address).
 * <pre>{@code
 * ClientRequest.get(URI.create("http://127.0.0.1:8080/users/7")).withHeader("Accept", "application/json")
 * }</pre>
 */
public record ClientRequest(String method, URI uri, List<Header> headers, byte[] body) {
    private static final List<String> RESERVED = List.of("content-length", "transfer-encoding", "connection");

    public ClientRequest {
        if (method == null || method.isEmpty() || !method.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            throw new IllegalArgumentException("a method is upper-case letters (GET, POST...), not '" + method + "'");
        }
        Target.of(uri); // checks the URI
        headers = List.copyOf(headers);
        int hosts = 0;
        for (Header h : headers) {
            if (RESERVED.contains(h.name().toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException("the client sets " + h.name() + " itself; leave it out");
            }
            hosts += h.is("Host") ? 1 : 0;
        }
        if (hosts > 1) {
            throw new IllegalArgumentException("a request has one Host header, not " + hosts);
        }
        body = body == null ? new byte[0] : body;
    }

    public static ClientRequest get(URI uri) {
        return new ClientRequest("GET", uri, List.of(), null);
    }

    public static ClientRequest post(URI uri, byte[] body) {
        return new ClientRequest("POST", uri, List.of(), body);
    }

    /** This request with one more header field. */
    public ClientRequest withHeader(String name, String value) {
        List<Header> more = new ArrayList<>(headers);
        more.add(new Header(name, value));
        return new ClientRequest(method, uri, more, body);
    }

    /** Whether sending it twice does no more than sending it once (RFC 9110 9.2.2). */
    public boolean idempotent() {
        return switch (method) {
            case "GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE" -> true;
            default -> false;
        };
    }
}
