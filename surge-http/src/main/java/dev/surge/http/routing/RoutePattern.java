package dev.surge.http.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * A route's path pattern, checked and cut into the parts the table matches: literal bytes
 * (slashes included), whole-segment {@code {name}} parameters, and a last-segment {@code *}
 * that takes the rest of the path. Literals are compared with the raw request path, so they
 * must be written the way they arrive: printable ASCII path characters, '%' escapes allowed.
 *
 * @param text  the pattern as the user wrote it
 * @param parts the literals, parameters and wildcard in order; literals are never empty
 * @param names the parameter names in order, then {@link #WILDCARD} when the pattern ends in one
 * @param shape the pattern with parameter names erased ({@code /users/{}}): two patterns of one
 *              method with the same shape would match the same paths
 */
record RoutePattern(String text, List<Part> parts, List<String> names, String shape) {
    /** The name under which a match reports what the wildcard took. */
    static final String WILDCARD = "*";

    /** A piece of a pattern, in the order it is matched. */
    sealed interface Part permits Literal, Param, Wildcard {
    }

    /** Text the path must hold exactly, byte for byte. */
    record Literal(String text) implements Part {
    }

    /** One non-empty segment, any text but '/'. */
    record Param(String name) implements Part {
    }

    /** The rest of the path, possibly empty, slashes included. */
    record Wildcard() implements Part {
    }

    RoutePattern {
        parts = List.copyOf(parts);
        names = List.copyOf(names);
    }

    /** Whether the pattern is one exact path: no parameter and no wildcard. */
    boolean isStatic() {
        return names.isEmpty();
    }

    /** Checks {@code pattern} and cuts it into parts; every mistake is an IllegalArgumentException. */
    static RoutePattern parse(String pattern) {
        if (pattern == null || pattern.isEmpty() || pattern.charAt(0) != '/') {
            throw refuse(pattern, "a pattern must start with '/', like /users/{id}");
        }
        List<Part> parts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        StringBuilder shape = new StringBuilder();
        String[] segments = pattern.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            literal.append('/');
            shape.append('/');
            if (segment.equals(WILDCARD)) {
                if (i != segments.length - 1) {
                    throw refuse(pattern, "'*' must be the last segment, like /files/*; it matches the rest of the path");
                }
                flush(literal, parts);
                parts.add(new Wildcard());
                names.add(WILDCARD);
                shape.append(WILDCARD);
            } else if (segment.length() >= 2 && segment.charAt(0) == '{' && segment.endsWith("}")) {
                String name = segment.substring(1, segment.length() - 1);
                checkName(pattern, name, names);
                flush(literal, parts);
                parts.add(new Param(name));
                names.add(name);
                shape.append("{}");
            } else {
                checkLiteral(pattern, segment);
                literal.append(segment);
                shape.append(segment);
            }
        }
        flush(literal, parts);
        return new RoutePattern(pattern, parts, names, shape.toString());
    }

    private static void flush(StringBuilder literal, List<Part> parts) {
        if (!literal.isEmpty()) {
            parts.add(new Literal(literal.toString()));
            literal.setLength(0);
        }
    }

    private static void checkName(String pattern, String name, List<String> seen) {
        if (name.isEmpty()) {
            throw refuse(pattern, "a parameter needs a name, like {id}");
        }
        boolean valid = isNameStart(name.charAt(0));
        for (int i = 1; i < name.length() && valid; i++) {
            valid = isNameStart(name.charAt(i)) || name.charAt(i) >= '0' && name.charAt(i) <= '9';
        }
        if (!valid) {
            throw refuse(pattern, "parameter name '" + name
                    + "' is not valid; use letters, digits and '_', not starting with a digit, like {userId}");
        }
        if (seen.contains(name)) {
            throw refuse(pattern, "parameter {" + name + "} appears twice; give each parameter its own name");
        }
    }

    private static boolean isNameStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    /** A literal segment: RFC 3986 pchar only, with every '%' starting a two-digit escape. */
    private static void checkLiteral(String pattern, String segment) {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '{' || c == '}') {
                throw refuse(pattern, "a parameter must be a whole segment, like /files/{name}; "
                        + "match the segment and check its text in the handler");
            }
            if (c == '*') {
                throw refuse(pattern, "'*' is allowed only as the whole last segment, like /files/*; "
                        + "write a literal '*' as %2A");
            }
            if (c == '?') {
                throw refuse(pattern, "a pattern matches the path only; remove the query from '?' on");
            }
            if (c == '#') {
                throw refuse(pattern, "a pattern matches the path only; remove the fragment from '#' on");
            }
            if (c <= ' ' || c >= 0x7f) {
                throw refuse(pattern, String.format("character U+%04X may not appear in a path; "
                        + "write it percent-encoded as it arrives (a space is %%20)", (int) c));
            }
            if (c == '%') {
                if (i + 2 >= segment.length() || !isHex(segment.charAt(i + 1)) || !isHex(segment.charAt(i + 2))) {
                    throw refuse(pattern, "'%' must start an escape of two hex digits, like %20");
                }
            } else if (!isPathChar(c)) {
                throw refuse(pattern, "character '" + c + "' may not appear in a path; write it percent-encoded ("
                        + String.format("%%%02X", (int) c) + ")");
            }
        }
    }

    /** RFC 3986 pchar without pct-encoded: unreserved, sub-delims, ':' and '@'. */
    private static boolean isPathChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || "-._~!$&'()*+,;=:@".indexOf(c) >= 0;
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static IllegalArgumentException refuse(String pattern, String what) {
        String quoted = pattern == null ? "null" : '"' + pattern + '"';
        return new IllegalArgumentException("route pattern " + quoted + ": " + what);
    }
}
