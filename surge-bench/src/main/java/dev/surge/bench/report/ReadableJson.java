package dev.surge.bench.report;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Results JSON laid out for people and for diff: an object or array that holds only plain values
 * (a result row, a sample) on one line, anything that nests containers indented by two spaces.
 * Values are maps, lists, strings, numbers, booleans and nulls, as {@code JsonTree} reads them;
 * a number that is not finite is written as null.
 * <pre>
 * {
 *   "benchmark": "peers",
 *   "results": [
 *     {"server": "surge", "mode": "keepalive", "requests_per_s": 80042.04, "p99_us": null}
 *   ]
 * }
 * </pre>
 */
public final class ReadableJson {

    private ReadableJson() {
    }

    /** {@code tree} as text, ending in a newline. */
    public static String write(Object tree) {
        StringBuilder out = new StringBuilder();
        value(tree, "", out);
        return out.append('\n').toString();
    }

    private static void value(Object v, String indent, StringBuilder out) {
        switch (v) {
            case null -> out.append("null");
            case Map<?, ?> map when flat(map.values()) -> {
                out.append('{');
                String sep = "";
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    out.append(sep);
                    string(String.valueOf(e.getKey()), out);
                    out.append(": ");
                    value(e.getValue(), indent, out);
                    sep = ", ";
                }
                out.append('}');
            }
            case Map<?, ?> map -> {
                out.append("{\n");
                String inner = indent + "  ";
                String sep = "";
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    out.append(sep).append(inner);
                    string(String.valueOf(e.getKey()), out);
                    out.append(": ");
                    value(e.getValue(), inner, out);
                    sep = ",\n";
                }
                out.append('\n').append(indent).append('}');
            }
            case Iterable<?> list when flat(list) -> {
                out.append('[');
                String sep = "";
                for (Object item : list) {
                    out.append(sep);
                    value(item, indent, out);
                    sep = ", ";
                }
                out.append(']');
            }
            case Iterable<?> list -> {
                out.append("[\n");
                String inner = indent + "  ";
                String sep = "";
                for (Object item : list) {
                    out.append(sep).append(inner);
                    value(item, inner, out);
                    sep = ",\n";
                }
                out.append('\n').append(indent).append(']');
            }
            default -> scalar(v, out);
        }
    }

    /** No container inside (an empty one counts as plain: it fits on a line). */
    private static boolean flat(Iterable<?> values) {
        for (Object v : values) {
            if ((v instanceof Map<?, ?> m && !m.isEmpty()) || (v instanceof Iterable<?> l && l.iterator().hasNext())) {
                return false;
            }
        }
        return true;
    }

    private static void scalar(Object v, StringBuilder out) {
        switch (v) {
            case String s -> string(s, out);
            case Boolean b -> out.append(b);
            case BigDecimal d -> out.append(d.toPlainString());
            case Double d when d.isNaN() || d.isInfinite() -> out.append("null");
            case Double d -> out.append(Decimals.plain(d));
            case Number n -> out.append(n);
            default -> throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
