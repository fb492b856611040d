package org.c360.analytics.analysis;

import java.util.List;

/**
 * How an analysis's result is best drawn. The engine only names columns; the app turns the hint into a
 * JavaFX chart. {@code values} lists the measures the user may switch between (the first is shown first).
 *
 * @param category the column along the x axis (for a heatmap: the columns of the grid)
 * @param series   the column that splits the values into series (for a heatmap: its rows), or null
 */
public record Chart(Kind kind, String category, List<String> values, String series) {

    public enum Kind {
        BAR, STACKED_BAR, LINE, HEATMAP,
        /** a few headline figures, each with its change against the previous period */
        KPI,
        /** a plain list; a chart would not say more than the table */
        NONE
    }

    public Chart {
        values = List.copyOf(values);
    }

    public static Chart bar(String category, String... values) {
        return new Chart(Kind.BAR, category, List.of(values), null);
    }

    public static Chart bars(String category, String series, String... values) {
        return new Chart(Kind.BAR, category, List.of(values), series);
    }

    public static Chart stacked(String category, String series, String... values) {
        return new Chart(Kind.STACKED_BAR, category, List.of(values), series);
    }

    public static Chart line(String category, String series, String... values) {
        return new Chart(Kind.LINE, category, List.of(values), series);
    }

    public static Chart heatmap(String columns, String rows, String... values) {
        return new Chart(Kind.HEATMAP, columns, List.of(values), rows);
    }

    public static Chart kpi() {
        return new Chart(Kind.KPI, null, List.of(), null);
    }

    public static Chart none() {
        return new Chart(Kind.NONE, null, List.of(), null);
    }
}
