package dev.surge.http.codec;

import dev.surge.http.ContentType;

/**
 * The start of a response head that repeats from one response to the next, encoded once:
 * status line, Server and Date lines, Content-Type line and {@code Content-Length: }. A hit
 * turns five buffer writes into one. Entries are keyed by the Date lines' identity, so they
 * expire when the second turns; a few entries cover a connection that alternates routes.
 */
final class HeadPrefixCache {
    private static final int ENTRIES = 4;

    private final int[] status = new int[ENTRIES];
    private final ContentType[] type = new ContentType[ENTRIES];
    private final byte[][] dateLines = new byte[ENTRIES][];
    private final byte[][] prefix = new byte[ENTRIES][];
    private int next;

    /** The prefix for a response with a body of {@code type} (never null). */
    byte[] get(int status, ContentType type, byte[] dateLines) {
        for (int i = 0; i < ENTRIES; i++) {
            if (this.dateLines[i] == dateLines && this.status[i] == status && this.type[i] == type) {
                return prefix[i];
            }
        }
        byte[] statusLine = StatusLine.of(status);
        byte[] typeLine = type.headerLine();
        byte[] p = new byte[statusLine.length + dateLines.length + typeLine.length + HeadLines.CONTENT_LENGTH.length];
        int at = 0;
        for (byte[] part : new byte[][]{statusLine, dateLines, typeLine, HeadLines.CONTENT_LENGTH}) {
            System.arraycopy(part, 0, p, at, part.length);
            at += part.length;
        }
        int slot = next;
        next = (next + 1) % ENTRIES;
        this.status[slot] = status;
        this.type[slot] = type;
        this.dateLines[slot] = dateLines;
        this.prefix[slot] = p;
        return p;
    }
}
