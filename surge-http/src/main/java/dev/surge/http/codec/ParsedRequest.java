package dev.surge.http.codec;

import dev.surge.http.HttpVersion;
import dev.surge.http.Method;
import dev.surge.http.Request;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@link Request} view over what {@link RequestParser} found in the receive buffer. One
 * per connection, re-pointed at each request; Strings are made only when asked for.
 * {@link #detach()} copies the message into an array of its own, for a handler that answers
 * from another thread.
 */
public final class ParsedRequest implements Request {
    /** The parser this view follows; null for a detached copy, which never re-attaches. */
    private final RequestParser parser;
    private final Bytes buf = new Bytes();
    private RequestTarget target;
    private FieldTable fields;
    private Method method;
    private HttpVersion version;
    private boolean keepAlive;
    /** Where the body lies, relative to the message start; unused when it was chunked. */
    private int bodyStart;
    private int bodyLength;
    /** The decoded chunked body, held by the parser; null when the body was not chunked. */
    private ByteBuf chunkedBody;
    private SocketAddress remoteAddress;
    /** System.nanoTime() of the read that brought the request in, and of its dispatch; 0 when unknown. */
    private long receivedNanos;
    private long dispatchedNanos;

    public ParsedRequest(RequestParser parser) {
        this.parser = parser;
    }

    /** Points the view at the complete request that starts at {@code buf}'s reader index. */
    public void attach(ByteBuf received) {
        buf.of(received);
        target = parser.target;
        fields = parser.fields;
        method = parser.method;
        version = parser.version;
        keepAlive = parser.framing.keepAlive();
        bodyStart = parser.bodyStart;
        bodyLength = parser.bodyLength;
        chunkedBody = parser.chunked.body().isReadable() ? parser.chunked.body() : null;
    }

    /** The client's address, set once when the connection opens. */
    public void remoteAddress(SocketAddress address) {
        this.remoteAddress = address;
    }

    /** Stamps the request: when it was read, and when it is dispatched (later if it waited in the buffer). */
    public void timed(long receivedNanos, long dispatchedNanos) {
        this.receivedNanos = receivedNanos;
        this.dispatchedNanos = dispatchedNanos;
    }

    /** {@link System#nanoTime()} of the read that brought the request in; 0 when unknown. */
    public long receivedNanos() {
        return receivedNanos;
    }

    /** {@link System#nanoTime()} when it was handed to the handler, after waiting in the buffer or not. */
    public long dispatchedNanos() {
        return dispatchedNanos;
    }

    @Override
    public Optional<SocketAddress> remoteAddress() {
        return Optional.ofNullable(remoteAddress);
    }

    private int base() {
        return buf.readerIndex();
    }

    @Override
    public Method method() {
        return method;
    }

    @Override
    public HttpVersion version() {
        return version;
    }

    @Override
    public String target() {
        return target.target(buf, base());
    }

    @Override
    public String path() {
        return target.path(buf, base());
    }

    @Override
    public String query() {
        return target.query(buf, base());
    }

    /** The path's {@link String#hashCode()}, computed while parsing. */
    public int pathHash() {
        return target.pathHash();
    }

    /** Whether the path is exactly the ASCII bytes {@code path}; no copy. */
    public boolean pathEquals(byte[] path) {
        return target.pathEquals(buf, base(), path);
    }

    @Override
    public Optional<String> header(String name) {
        for (int i = 0; i < fields.headerCount(); i++) {
            if (fields.nameIs(buf, base(), i, name)) {
                return Optional.of(fields.value(buf, base(), i));
            }
        }
        return Optional.empty();
    }

    @Override
    public List<String> headers(String name) {
        List<String> values = new ArrayList<>(1);
        for (int i = 0; i < fields.headerCount(); i++) {
            if (fields.nameIs(buf, base(), i, name)) {
                values.add(fields.value(buf, base(), i));
            }
        }
        return values;
    }

    @Override
    public List<Header> headers() {
        return fieldList(0, fields.headerCount());
    }

    @Override
    public List<Header> trailers() {
        return fieldList(fields.headerCount(), fields.count());
    }

    private List<Header> fieldList(int from, int to) {
        List<Header> list = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            list.add(new Header(fields.name(buf, base(), i), fields.value(buf, base(), i)));
        }
        return List.copyOf(list);
    }

    @Override
    public boolean keepAlive() {
        return keepAlive;
    }

    @Override
    public int bodyLength() {
        return bodyLength;
    }

    @Override
    public byte[] body() {
        byte[] copy = new byte[bodyLength];
        if (chunkedBody != null) {
            chunkedBody.getBytes(chunkedBody.readerIndex(), copy);
        } else {
            buf.buf().getBytes(base() + bodyStart, copy);
        }
        return copy;
    }

    @Override
    public InputStream bodyStream() {
        ByteBuf source = buf.buf();
        if (source.hasArray() && chunkedBody == null && !source.isDirect()) {
            return new ByteArrayInputStream(source.array(), source.arrayOffset() + base() + bodyStart, bodyLength);
        }
        return chunkedBody != null
                ? new ByteBufInputStream(chunkedBody.slice(), false)
                : new ByteBufInputStream(source.slice(base() + bodyStart, bodyLength), false);
    }

    @Override
    public Request detach() {
        int messageLength = chunkedBody != null ? parser.messageLength() : bodyStart + bodyLength;
        byte[] copy = new byte[messageLength + (chunkedBody != null ? bodyLength : 0)];
        buf.buf().getBytes(base(), copy, 0, messageLength);
        ParsedRequest detached = new ParsedRequest(null);
        detached.buf.of(Unpooled.wrappedBuffer(copy));
        detached.target = target.copy();
        detached.fields = fields.copy();
        detached.method = method;
        detached.version = version;
        detached.keepAlive = keepAlive;
        detached.remoteAddress = remoteAddress;
        detached.bodyLength = bodyLength;
        if (chunkedBody != null) {
            chunkedBody.getBytes(chunkedBody.readerIndex(), copy, messageLength, bodyLength);
            detached.bodyStart = messageLength;
        } else {
            detached.bodyStart = bodyStart;
        }
        return detached;
    }

    @Override
    public String toString() {
        return method() + " " + target() + " " + version();
    }
}
