package dev.surge.bench.html;

import java.util.Locale;

/**
 * A little SVG (and HTML) writer: elements as text, attribute values escaped, numbers with at
 * most two decimals so the page stays small. The charts draw with nothing else, so the page
 * needs no script and no network to render.
 */
final class Svg {
    static final String KEEPALIVE = "#4e79a7";
    static final String PIPELINED = "#f28e2b";
    static final String CLOSE = "#59a14f";
    static final String INK = "#333";
    static final String GRID = "#ddd";

    private final StringBuilder out = new StringBuilder();

    Svg(double width, double height, String label) {
        // Inline in HTML: no xmlns needed, and the page then names no URL at all.
        out.append("<svg role=\"img\" width=\"").append(n(width))
                .append("\" height=\"").append(n(height)).append("\" viewBox=\"0 0 ").append(n(width)).append(' ')
                .append(n(height)).append("\" font-family=\"system-ui, sans-serif\" font-size=\"12\">")
                .append("<title>").append(escape(label)).append("</title>\n");
    }

    Svg line(double x1, double y1, double x2, double y2, String stroke, double width) {
        out.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"")
                .append(n(width)).append("\"/>\n");
        return this;
    }

    /** A rectangle with a tooltip ({@code title}), classed so tests and readers can find the bars. */
    Svg rect(double x, double y, double w, double h, String fill, String cssClass, String title) {
        out.append("<rect class=\"").append(cssClass).append("\" x=\"").append(n(x)).append("\" y=\"").append(n(y))
                .append("\" width=\"").append(n(Math.max(w, 0))).append("\" height=\"").append(n(h))
                .append("\" fill=\"").append(fill).append("\"><title>").append(escape(title)).append("</title></rect>\n");
        return this;
    }

    Svg circle(double cx, double cy, double r, String fill, double opacity, String title) {
        out.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r))
                .append("\" fill=\"").append(fill).append("\" fill-opacity=\"").append(n(opacity)).append("\">")
                .append("<title>").append(escape(title)).append("</title></circle>\n");
        return this;
    }

    /** Text anchored at {@code anchor} (start, middle, end). */
    Svg text(double x, double y, String text, String anchor, String fill, String extra) {
        out.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"").append(anchor)
                .append("\" fill=\"").append(fill).append('"').append(extra.isEmpty() ? "" : " " + extra).append('>')
                .append(escape(text)).append("</text>\n");
        return this;
    }

    Svg raw(String element) {
        out.append(element).append('\n');
        return this;
    }

    String end() {
        return out.append("</svg>\n").toString();
    }

    static String n(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A round step for about {@code count} ticks up to {@code max}: 1, 2 or 5 times a power of ten. */
    static double step(double max, int count) {
        double raw = max / count;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / p;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
    }

    /** A value for an axis label: 0.5, 2, 12.5, 1000. */
    static String tick(double v) {
        return Math.abs(v - Math.rint(v)) < 1e-9 ? String.valueOf((long) Math.rint(v)) : n(v);
    }

    static String mode(String mode) {
        return switch (mode) {
            case "keepalive" -> "keep-alive";
            case "pipelined" -> "pipelined";
            case "close" -> "a connection per request";
            default -> mode;
        };
    }

    static String color(String mode) {
        return switch (mode) {
            case "pipelined" -> PIPELINED;
            case "close" -> CLOSE;
            default -> KEEPALIVE;
        };
    }
}
