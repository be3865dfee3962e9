package dev.surge.client;

/**
 * One header field. Refuses names that are not HTTP tokens and values with control
 * characters, so that no request can be split or smuggled through a header.
 */
public record Header(String name, String value) {

    public Header {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a header needs a name");
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isTokenChar(name.charAt(i))) {
                throw new IllegalArgumentException("header name '" + name + "' has a character not allowed in a name: '"
                        + name.charAt(i) + "'");
            }
        }
        if (value == null) {
            throw new IllegalArgumentException("header " + name + " needs a value");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                throw new IllegalArgumentException("the value of header " + name + " has a control or non-Latin-1 character");
            }
        }
        value = value.strip();
    }

    /**
     * Parses {@code "Name: value"}, as given to curl's and wrk's {@code -H}.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static Header parse(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("bad header '" + line + "': expected 'Name: value'");
        }
        return new Header(line.substring(0, colon), line.substring(colon + 1));
    }

    /** Whether this header has the name {@code other}, ignoring case. */
    public boolean is(String other) {
        return name.equalsIgnoreCase(other);
    }

    private static boolean isTokenChar(char c) {
        return c > 0x20 && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }
}
