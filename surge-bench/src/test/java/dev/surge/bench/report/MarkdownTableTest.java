package dev.surge.bench.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MarkdownTableTest {

    @Test
    void oneLinePerRowAndAnEmptyCellAsOneSpace() {
        String table = new MarkdownTable(List.of("route", "round", "peak"), List.of("---", "--:", "--:"))
                .row("/json", "1", "68461.23")
                .row("/json", "4", "")
                .toString();
        assertEquals("""
                | route | round | peak |
                |---|--:|--:|
                | /json | 1 | 68461.23 |
                | /json | 4 | |
                """, table);
    }

    @Test
    void aRuleForEveryHeading() {
        assertThrows(IllegalArgumentException.class, () -> new MarkdownTable(List.of("a", "b"), List.of("---")));
    }
}
