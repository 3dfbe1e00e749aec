package dev.sticker.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MarkdownTableTest {

    @Test
    void rendersHeaderSeparatorAndRowsWithMillisecondPrecisionByMagnitude() {
        String table = new MarkdownTable("Path", "p50 ms", "ratio")
                .row("submit", 12.345, MarkdownTable.ratio(12.345, 10))
                .row("render", 812.6, "-")
                .render();
        assertEquals("""
                | Path | p50 ms | ratio |
                | --- | --- | --- |
                | submit | 12.3 | 1.23x |
                | render | 813 | - |
                """, table);
    }

    @Test
    void aRowWithTheWrongNumberOfCellsIsRefused() {
        MarkdownTable table = new MarkdownTable("a", "b");
        assertThrows(IllegalArgumentException.class, () -> table.row("only one"));
    }
}
