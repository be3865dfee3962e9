package dev.surge.http.codec;

/** What a header a handler sets must look like, so no handler can split a response. */
public final class HeaderRules {
    private HeaderRules() {
    }

    /**
     * Refuses, with IllegalArgumentException, a header that is malformed or that Surge
     * writes itself (Content-Length, Date, Server, Connection, Transfer-Encoding).
     */
    public static void requireSettable(String name, String value) {
        requireValid(name, value);
        // By length first: every header a response sets is checked, most of them twice.
        String reserved = switch (name.length()) {
            case 4 -> "date";
            case 6 -> "server";
            case 10 -> "connection";
            case 14 -> "content-length";
            case 17 -> "transfer-encoding";
            default -> null;
        };
        if (reserved != null && reserved.equalsIgnoreCase(name)) {
            throw new IllegalArgumentException("header '" + name + "' is written by Surge and cannot be set");
        }
    }

    static void requireValid(String name, String value) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("header name is empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c > 0x7f || !CharClass.is((byte) c, CharClass.TOKEN)) {
                throw new IllegalArgumentException("header name '" + name + "' holds an invalid character at " + i);
            }
        }
        if (value == null) {
            throw new IllegalArgumentException("header '" + name + "' has a null value");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xff || !CharClass.is((byte) c, CharClass.FIELD_VALUE)) {
                throw new IllegalArgumentException("value of header '" + name
                        + "' holds a control or non-Latin-1 character at " + i);
            }
        }
    }
}
