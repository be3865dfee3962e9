package dev.surge.http;

import java.util.List;
import java.util.Optional;

/**
 * An HTTP request as the codec parsed it: read-only, and backed by the connection's receive
 * buffer, so nothing is copied until a method that returns a String or byte[] is called.
 * <p>
 * The view is valid only while the handler that received it runs; keep the Strings and arrays
 * it returns, not the view itself.
 */
public interface Request {

    Method method();

    HttpVersion version();

    /** The request target as sent, e.g. {@code /users/7?full=1}. */
    String target();

    /** The path of the target, still percent-encoded, e.g. {@code /users/7}. */
    String path();

    /** The query after {@code ?}, without it; empty when there is none. */
    String query();

    /** The first value of the named header (case-insensitive), trimmed. */
    Optional<String> header(String name);

    /** Every value of the named header, in the order received. */
    List<String> headers(String name);

    /** Every header field, in the order received. */
    List<Header> headers();

    /** Trailer fields of a chunked body, in the order received; empty for other bodies. */
    List<Header> trailers();

    /** The client's address (an InetSocketAddress on TCP transports); empty when the transport has none. */
    java.util.Optional<java.net.SocketAddress> remoteAddress();

    /** Whether the connection stays open after this request's response. */
    boolean keepAlive();

    /** The length of the body in bytes (0 when there is none). */
    int bodyLength();

    /** A copy of the body (decoded from chunked framing where it was chunked). */
    byte[] body();

    /** The body as a stream, without a copy where the request owns its bytes. */
    java.io.InputStream bodyStream();

    /**
     * A copy of this request that stays valid after the handler returns and may be read from
     * any thread: the request line, header section and body, in one array.
     */
    Request detach();

    /** One header field; the name keeps the case it was sent in. */
    record Header(String name, String value) {
    }
}
