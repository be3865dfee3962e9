/**
 * The HTTP/1.1 codec, internal: {@link dev.surge.http.codec.RequestParser} (an explicit state
 * machine that parses a request in place in the receive buffer), the request it fills
 * ({@link dev.surge.http.codec.ParsedRequest}), chunked bodies, the header rules of RFC 9110 and
 * 9112, and {@link dev.surge.http.codec.ResponseWriter}, which encodes a response from
 * pre-encoded bytes. It may use {@code dev.surge.http} and Netty's buffers; it knows nothing of
 * channels or event loops (that is {@code transport}), so it is tested from bytes alone.
 */
package dev.surge.http.codec;
