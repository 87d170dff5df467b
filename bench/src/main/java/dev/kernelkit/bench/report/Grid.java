package dev.kernelkit.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A Markdown table of medians: one row per row key, one column per column key, each cell
 * {@code median (min–max)}, then one ratio column per other column: its median over the base column's median in the
 * same row (so every ratio is computed within one run).
 */
final class Grid {
    private final String rowTitle;
    private final Map<String, Map<String, Point>> cells = new LinkedHashMap<>();
    private final List<String> columns = new ArrayList<>();

    Grid(String rowTitle) {
        this.rowTitle = rowTitle;
    }

    /** Adds points, keyed by row and column (a later point with the same keys replaces an earlier one). */
    Grid add(List<Point> points, Function<Point, String> row, Function<Point, String> column) {
        for (Point p : points) {
            put(row.apply(p), column.apply(p), p);
        }
        return this;
    }

    Grid put(String row, String column, Point p) {
        if (!columns.contains(column)) {
            columns.add(column);
        }
        cells.computeIfAbsent(row, r -> new LinkedHashMap<>()).put(column, p);
        return this;
    }

    Optional<Point> get(String row, String column) {
        return Optional.ofNullable(cells.getOrDefault(row, Map.of()).get(column));
    }

    /** The table, with ratio columns against {@code base} (none when base is not a column). */
    String markdown(String unit, String base) {
        List<String> others = columns.stream().filter(c -> !c.equals(base)).toList();
        boolean ratios = columns.contains(base);
        StringBuilder sb = new StringBuilder("| ").append(rowTitle);
        for (String c : columns) {
            sb.append(" | ").append(c).append(" (").append(unit).append(')');
        }
        if (ratios) {
            for (String c : others) {
                sb.append(" | ").append(c).append(" / ").append(base);
            }
        }
        sb.append(" |\n|").append("---|".repeat(1 + columns.size() + (ratios ? others.size() : 0))).append('\n');
        for (String row : cells.keySet()) {
            sb.append("| ").append(row);
            for (String c : columns) {
                sb.append(" | ").append(get(row, c).map(Grid::cell).orElse("—"));
            }
            if (ratios) {
                Optional<Point> b = get(row, base);
                for (String c : others) {
                    Optional<Point> p = get(row, c);
                    sb.append(" | ").append(p.isPresent() && b.isPresent()
                            ? "×" + number(p.get().median() / b.get().median()) : "—");
                }
            }
            sb.append(" |\n");
        }
        return sb.toString();
    }

    private static String cell(Point p) {
        return number(p.median()) + " (" + number(p.min()) + "–" + number(p.max()) + ")";
    }

    /** Three significant digits, plain notation. */
    static String number(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return String.valueOf(v);
        }
        int digits = Math.max(0, 2 - (int) Math.floor(Math.log10(Math.abs(v))));
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }
}
