package dev.surge.bench.report;

import java.util.List;

/**
 * A Markdown table as the reports write it: one line per row, cells between {@code " | "}, no
 * padding (the files are read rendered, or by diff), an empty cell as a single space.
 * <pre>
 * | server | req/s |
 * |---|--:|
 * | surge | 47710 |
 * </pre>
 */
public final class MarkdownTable {
    private final StringBuilder text = new StringBuilder();

    /** A table with this header; {@code alignments} are the rule's cells, such as {@code "---"} or {@code "--:"}. */
    public MarkdownTable(List<String> header, List<String> alignments) {
        if (header.size() != alignments.size()) {
            throw new IllegalArgumentException(header.size() + " headings but " + alignments.size() + " alignments");
        }
        row(header.toArray(String[]::new));
        text.append('|').append(String.join("|", alignments)).append("|\n");
    }

    public MarkdownTable row(String... cells) {
        text.append('|');
        for (String cell : cells) {
            text.append(cell.isEmpty() ? " |" : " " + cell + " |");
        }
        text.append('\n');
        return this;
    }

    /** The table, every line ending in a newline. */
    @Override
    public String toString() {
        return text.toString();
    }
}
