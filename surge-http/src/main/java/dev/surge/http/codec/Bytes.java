package dev.surge.http.codec;

import io.netty.buffer.ByteBuf;
import io.netty.util.internal.PlatformDependent;

import java.nio.charset.Charset;

/**
 * The receive buffer as the parser reads it, byte by byte by absolute index. A direct buffer
 * with a memory address is read straight from memory, the way Netty reads its own unsafe
 * buffers: the per-call index and reference-count checks of {@link ByteBuf#getByte} cost a
 * third of the parse. The parser only reads inside [reader index, writer index), which it
 * checks itself; assertions (on in tests) verify every read. Other buffers go through
 * {@link ByteBuf#getByte}.
 */
final class Bytes {
    private ByteBuf buf;
    private long address;

    Bytes of(ByteBuf buf) {
        this.buf = buf;
        this.address = buf.hasMemoryAddress() && PlatformDependent.hasUnsafe() ? buf.memoryAddress() : 0;
        return this;
    }

    ByteBuf buf() {
        return buf;
    }

    byte at(int index) {
        if (address != 0) {
            assert index >= buf.readerIndex() && index < buf.writerIndex() : "read at " + index + " outside "
                    + buf.readerIndex() + ".." + buf.writerIndex();
            return PlatformDependent.getByte(address + index);
        }
        return buf.getByte(index);
    }

    int indexOf(int from, int to, byte value) {
        return buf.indexOf(from, to, value);
    }

    int readerIndex() {
        return buf.readerIndex();
    }

    void readerIndex(int index) {
        buf.readerIndex(index);
    }

    int writerIndex() {
        return buf.writerIndex();
    }

    int readableBytes() {
        return buf.readableBytes();
    }

    String toString(int index, int length, Charset charset) {
        return buf.toString(index, length, charset);
    }
}
