package dev.surge.client.wire;

import io.netty.buffer.ByteBuf;

/**
 * Feeds a {@link ResponseParser} from Netty's receive buffers. Each buffer is copied into one
 * array that the reader keeps for the connection's life: the parser then works on a plain
 * array (no reference-count or bounds checks per byte), and an incomplete line left at the end
 * of a read simply stays at the front of the array for the next one. The copy is a memcpy of
 * what was read, cheaper than what it saves.
 */
public final class ResponseReader {
    private final ResponseParser parser;
    private byte[] buf;
    private int kept;

    /**
     * @param listener told about every response
     * @param maxLine the longest line accepted (status, header, chunk size)
     */
    public ResponseReader(ResponseListener listener, int maxLine) {
        this.parser = new ResponseParser(listener, maxLine);
        this.buf = new byte[Math.max(4096, Math.min(maxLine + 1, 16384))];
    }

    /** The parser, to say whether coming responses answer HEAD requests. */
    public ResponseParser parser() {
        return parser;
    }

    /** Parses everything readable in {@code in}; does not release it. */
    public void read(ByteBuf in) throws MalformedResponseException {
        int readable = in.readableBytes();
        int index = in.readerIndex();
        while (readable > 0) {
            if (kept == buf.length) {
                // A line as long as the array: the parser accepts longer ones up to maxLine.
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            }
            int n = Math.min(readable, buf.length - kept);
            in.getBytes(index, buf, kept, n);
            index += n;
            readable -= n;
            int length = kept + n;
            int used = parser.parse(buf, 0, length);
            kept = length - used;
            if (kept > 0 && used > 0) {
                System.arraycopy(buf, used, buf, 0, kept);
            }
        }
        in.readerIndex(index);
    }

    /** The connection closed; see {@link ResponseParser#closed()}. */
    public boolean closed() {
        return kept == 0 && parser.closed();
    }
}
