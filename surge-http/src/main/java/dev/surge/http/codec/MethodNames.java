package dev.surge.http.codec;

import dev.surge.http.Method;

import java.nio.charset.StandardCharsets;

/** Matches a method token in the buffer to a {@link Method} without making a String. */
final class MethodNames {
    private static final Method[] METHODS = Method.values();
    private static final byte[][] NAMES = new byte[METHODS.length][];

    static {
        for (Method m : METHODS) {
            NAMES[m.ordinal()] = m.name().getBytes(StandardCharsets.US_ASCII);
        }
    }

    private MethodNames() {
    }

    /** The method spelled by [start, end), case-sensitively as RFC 9110 §9.1 asks, or null. */
    static Method match(Bytes buf, int start, int end) {
        int length = end - start;
        byte first = buf.at(start);
        for (int m = 0; m < NAMES.length; m++) {
            byte[] name = NAMES[m];
            if (name.length == length && name[0] == first && equals(buf, start, name)) {
                return METHODS[m];
            }
        }
        return null;
    }

    private static boolean equals(Bytes buf, int at, byte[] name) {
        for (int i = 1; i < name.length; i++) {
            if (buf.at(at + i) != name[i]) {
                return false;
            }
        }
        return true;
    }
}
