package dev.surge.client;

import java.net.URI;

/**
 * Where a request goes, taken from an absolute http URI: host, port and the request target
 * (path and query as sent on the request line).
 *
 * @param host the host name or address (IPv6 without brackets)
 * @param port the port, 80 when the URI has none
 * @param pathAndQuery the request target, "/" for an empty path
 */
public record Target(String host, int port, String pathAndQuery) {

    /**
     * Reads a URI; throws IllegalArgumentException saying what is missing or unsupported.
     */
    public static Target of(URI uri) {
        if (uri == null) {
            throw new IllegalArgumentException("a request needs a URI");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException(uri.getScheme() == null
                    ? "'" + uri + "' is not an absolute URL; write it as http://host:port/path"
                    : "scheme '" + uri.getScheme() + "' is not supported; use http://");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("'" + uri + "' has no host; write it as http://host:port/path");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        return new Target(host, port, target);
    }

    /** The Host header's value. */
    public String hostHeader() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == 80 ? h : h + ":" + port;
    }

    /** "host:port", for messages. */
    public String authority() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
