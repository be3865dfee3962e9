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
    private static final boolean UNALIGNED = PlatformDependent.isUnaligned();
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

    /**
     * The index of the first byte in [from, to) that may not appear in a field value (a
     * control other than HTAB, or DEL), or -1. Words of eight bytes are tested at once
     * (SWAR); a word that may hold such a byte is then looked at byte by byte.
     */
    int findNonFieldValueByte(int from, int to) {
        int i = from;
        if (address != 0 && UNALIGNED) {
            assert from >= buf.readerIndex() && to <= buf.writerIndex();
            for (; i + Long.BYTES <= to; i += Long.BYTES) {
                long word = PlatformDependent.getLong(address + i);
                long below0x20 = (word - 0x2020202020202020L) & ~word & 0x8080808080808080L;
                long del = word ^ 0x7F7F7F7F7F7F7F7FL;
                long hasDel = (del - 0x0101010101010101L) & ~del & 0x8080808080808080L;
                if ((below0x20 | hasDel) != 0) {
                    break;
                }
            }
        }
        for (; i < to; i++) {
            if (!CharClass.is(at(i), CharClass.FIELD_VALUE)) {
                return i;
            }
        }
        return -1;
    }

    /** The eight bytes at {@code index} as a big-endian long (the order they are written in). */
    long longAt(int index) {
        if (address != 0 && UNALIGNED) {
            assert index >= buf.readerIndex() && index + Long.BYTES <= buf.writerIndex();
            long word = PlatformDependent.getLong(address + index);
            return PlatformDependent.BIG_ENDIAN_NATIVE_ORDER ? word : Long.reverseBytes(word);
        }
        return buf.getLong(index);
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
