package dev.surge.app;

import java.nio.charset.StandardCharsets;

/**
 * Serializes a one-field JSON object per request (the TechEmpower JSON rule: no cached
 * bytes). A stop-gap until the application API brings DSL-JSON.
 */
final class JsonText {
    private JsonText() {
    }

    static byte[] object(String name, String value) {
        StringBuilder out = new StringBuilder(8 + name.length() + value.length());
        out.append('{');
        string(out, name);
        out.append(':');
        string(out, value);
        out.append('}');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
