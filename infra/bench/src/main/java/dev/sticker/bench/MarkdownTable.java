package dev.sticker.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A GitHub-flavoured Markdown table, the form the benchmark figures are recorded in. */
public final class MarkdownTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public MarkdownTable(String... header) {
        this.header = List.of(header);
    }

    public MarkdownTable row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("a row needs " + header.size() + " cells, got " + cells.length);
        }
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(format(cell));
        }
        rows.add(row);
        return this;
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        line(out, header);
        line(out, header.stream().map(h -> "---").toList());
        rows.forEach(row -> line(out, row));
        return out.toString();
    }

    /** Milliseconds with one decimal below 100, whole above: the precision these measurements have. */
    static String format(Object cell) {
        if (cell instanceof Double value) {
            return Math.abs(value) < 100 ? String.format(Locale.ROOT, "%.1f", value)
                    : String.format(Locale.ROOT, "%.0f", value);
        }
        return String.valueOf(cell);
    }

    /** A ratio as "1.23x". */
    static String ratio(double numerator, double denominator) {
        return String.format(Locale.ROOT, "%.2fx", numerator / denominator);
    }

    private static void line(StringBuilder out, List<String> cells) {
        out.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
}
