package dev.surge.http.codec;

import dev.surge.http.HttpVersion;
import dev.surge.http.Method;
import dev.surge.http.Request;
import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@link Request} view over what {@link RequestParser} found in the receive buffer. One
 * per connection, re-pointed at each request; Strings are made only when asked for.
 */
public final class ParsedRequest implements Request {
    private final RequestParser parser;
    private final Bytes buf = new Bytes();

    public ParsedRequest(RequestParser parser) {
        this.parser = parser;
    }

    /** Points the view at the complete request that starts at {@code buf}'s reader index. */
    public void attach(ByteBuf received) {
        buf.of(received);
    }

    private int base() {
        return buf.readerIndex();
    }

    @Override
    public Method method() {
        return parser.method;
    }

    @Override
    public HttpVersion version() {
        return parser.version;
    }

    @Override
    public String target() {
        return parser.target.target(buf, base());
    }

    @Override
    public String path() {
        return parser.target.path(buf, base());
    }

    @Override
    public String query() {
        return parser.target.query(buf, base());
    }

    /** The path's {@link String#hashCode()}, computed while parsing. */
    public int pathHash() {
        return parser.target.pathHash();
    }

    /** Whether the path is exactly the ASCII bytes {@code path}; no copy. */
    public boolean pathEquals(byte[] path) {
        return parser.target.pathEquals(buf, base(), path);
    }

    @Override
    public Optional<String> header(String name) {
        byte[] lower = Ascii.lower(name);
        FieldTable fields = parser.fields;
        for (int i = 0; i < fields.headerCount(); i++) {
            if (fields.nameIs(buf, base(), i, lower)) {
                return Optional.of(fields.value(buf, base(), i));
            }
        }
        return Optional.empty();
    }

    @Override
    public List<String> headers(String name) {
        byte[] lower = Ascii.lower(name);
        FieldTable fields = parser.fields;
        List<String> values = new ArrayList<>(1);
        for (int i = 0; i < fields.headerCount(); i++) {
            if (fields.nameIs(buf, base(), i, lower)) {
                values.add(fields.value(buf, base(), i));
            }
        }
        return values;
    }

    @Override
    public List<Header> headers() {
        return fieldList(0, parser.fields.headerCount());
    }

    @Override
    public List<Header> trailers() {
        return fieldList(parser.fields.headerCount(), parser.fields.count());
    }

    private List<Header> fieldList(int from, int to) {
        List<Header> list = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            list.add(new Header(parser.fields.name(buf, base(), i), parser.fields.value(buf, base(), i)));
        }
        return List.copyOf(list);
    }

    @Override
    public boolean keepAlive() {
        return parser.framing.keepAlive();
    }

    @Override
    public int bodyLength() {
        return parser.bodyLength;
    }

    @Override
    public byte[] body() {
        byte[] copy = new byte[parser.bodyLength];
        if (parser.chunked.body().isReadable()) {
            parser.chunked.body().getBytes(0, copy);
        } else {
            buf.buf().getBytes(base() + parser.bodyStart, copy);
        }
        return copy;
    }

    @Override
    public String toString() {
        return method() + " " + target() + " " + version();
    }
}
