package dev.surge.http.routing;

import dev.surge.http.codec.ParsedRequest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The exact paths, in an open-addressing table keyed by the path's {@link String#hashCode()}.
 * The parser computes that hash while it scans the request line, so a request is looked up by
 * the hash and then compared byte for byte with the receive buffer: a hit makes no String and
 * allocates nothing. Each path's matches, one per method, and its {@code Allow} value are made
 * when the table is built.
 */
final class StaticRoutes<T> {
    private final ExactPath<T>[] slots;
    private final int mask;

    /**
     * One exact path.
     *
     * @param text     the path
     * @param bytes    the path's ASCII bytes, for comparing with the receive buffer
     * @param byMethod the match for each method, by {@link dev.surge.http.Method#ordinal()}; null where none
     * @param allow    the {@code Allow} value for the path, tree routes that match it included
     */
    record ExactPath<T>(String text, byte[] bytes, RouteTable.Match<T>[] byMethod, Optional<String> allow) {
        ExactPath(String text, RouteTable.Match<T>[] byMethod, Optional<String> allow) {
            this(text, text.getBytes(StandardCharsets.US_ASCII), byMethod, allow);
        }
    }

    StaticRoutes(List<ExactPath<T>> paths) {
        // At most half full, so a miss meets an empty slot after a probe or two.
        int size = 2;
        while (size < paths.size() * 2) {
            size <<= 1;
        }
        @SuppressWarnings("unchecked")
        ExactPath<T>[] table = (ExactPath<T>[]) new ExactPath<?>[size];
        mask = size - 1;
        for (ExactPath<T> path : paths) {
            int slot = spread(path.text().hashCode()) & mask;
            while (table[slot] != null) {
                slot = (slot + 1) & mask;
            }
            table[slot] = path;
        }
        slots = table;
    }

    /** Folds the high bits into the low ones the slot is taken from, as {@link java.util.HashMap} does. */
    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    /** The exact path the request's path is, or null; reads the buffer in place. */
    ExactPath<T> find(ParsedRequest request) {
        int hash = request.pathHash();
        for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
            ExactPath<T> path = slots[slot];
            if (path == null || path.text().hashCode() == hash && request.pathEquals(path.bytes())) {
                return path;
            }
        }
    }

    /** The exact path {@code text} is, or null. */
    ExactPath<T> find(String text) {
        int hash = text.hashCode();
        for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
            ExactPath<T> path = slots[slot];
            if (path == null || path.text().hashCode() == hash && path.text().equals(text)) {
                return path;
            }
        }
    }
}
