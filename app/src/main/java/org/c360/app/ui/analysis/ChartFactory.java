package org.c360.app.ui.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tooltip;

import org.c360.analytics.analysis.Chart;
import org.c360.analytics.query.ResultTable;
import org.c360.app.ui.grid.CellFormat;

/** Turns an analysis's chart hint and result into a JavaFX chart (or heatmap, or KPI cards). */
final class ChartFactory {
    /** More categories than this make bars unreadable; the table still has every row. */
    static final int MAX_CATEGORIES = 30;
    /**
     * Longer category labels are cut (the whole name is in the bar's tooltip and the table): 50 product pairs'
     * names, turned on their side, took all of the chart's height and left none for the bars.
     */
    static final int MAX_LABEL = 14;

    private ChartFactory() {
    }

    /** The chart of {@code measure} (one of the hint's values), or null when the hint asks for none. */
    static Node build(Chart hint, ResultTable table, String measure) {
        return switch (hint.kind()) {
            case NONE -> null;
            case KPI -> new KpiCards(table);
            case HEATMAP -> new HeatmapView(table, hint.series(), hint.category(), measure);
            case LINE -> CellFormat.isNumeric(table.types().get(table.columnIndex(hint.category())))
                    && hint.series() == null ? numericLine(hint, table, measure) : xy(hint, table, measure);
            case BAR -> hint.series() == null && longLabels(table, hint.category()) ? horizontal(hint, table, measure)
                    : xy(hint, table, measure);
            case STACKED_BAR -> xy(hint, table, measure);
        };
    }

    /** Most bars a horizontal chart shows (the longest names, such as product pairs, read across, not on their side). */
    static final int MAX_HORIZONTAL = 15;

    private static boolean longLabels(ResultTable table, String category) {
        int c = table.columnIndex(category);
        return table.rows().stream().limit(MAX_CATEGORIES).anyMatch(row -> CellFormat.text(row[c]).length() > MAX_LABEL);
    }

    /** Bars across, names down the side, the first row on top: long names stay readable in a short chart. */
    private static Node horizontal(Chart hint, ResultTable table, String measure) {
        int x = table.columnIndex(hint.category());
        int y = table.columnIndex(measure);
        NumberAxis valueAxis = new NumberAxis();
        valueAxis.setLabel(measure);
        CategoryAxis nameAxis = new CategoryAxis();
        BarChart<Number, String> chart = new BarChart<>(valueAxis, nameAxis);
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setCategoryGap(2);
        XYChart.Series<Number, String> series = new XYChart.Series<>();
        series.setName(measure);
        List<XYChart.Data<Number, String>> bars = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        for (Object[] row : table.rows()) {
            if (bars.size() == MAX_HORIZONTAL) {
                break;
            }
            if (row[y] instanceof Number value) {
                String full = CellFormat.text(row[x]);
                String label = shortLabel(full, 2 * MAX_LABEL, bars.size() + 1, labels);
                labels.add(label);
                XYChart.Data<Number, String> bar = new XYChart.Data<>(value.doubleValue(), label);
                tooltip(bar, full + ": " + CellFormat.text(value));
                bars.add(bar);
            }
        }
        // a category axis lists its first category at the bottom
        series.getData().addAll(bars.reversed());
        chart.getData().add(series);
        return chart;
    }

    private static <X, Y> void tooltip(XYChart.Data<X, Y> point, String text) {
        point.nodeProperty().addListener((obs, old, node) -> {
            if (node != null) {
                Tooltip.install(node, new Tooltip(text));
            }
        });
    }

    private static Node xy(Chart hint, ResultTable table, String measure) {
        int x = table.columnIndex(hint.category());
        int y = table.columnIndex(measure);
        int s = hint.series() == null ? -1 : table.columnIndex(hint.series());
        CategoryAxis xAxis = new CategoryAxis();
        xAxis.setLabel(hint.category());
        NumberAxis yAxis = new NumberAxis();
        yAxis.setLabel(measure);
        XYChart<String, Number> chart = switch (hint.kind()) {
            case LINE -> new LineChart<>(xAxis, yAxis);
            case STACKED_BAR -> new StackedBarChart<>(xAxis, yAxis);
            default -> new BarChart<>(xAxis, yAxis);
        };
        chart.setAnimated(false);
        Map<String, XYChart.Series<String, Number>> series = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        Map<String, String> labels = new HashMap<>();
        for (Object[] row : table.rows()) {
            String name = s < 0 ? measure : CellFormat.text(row[s]);
            String category = CellFormat.text(row[x]);
            if (s < 0) {
                // top-N lists may repeat a name: each row keeps its own bar
                int n = seen.merge(category, 1, Integer::sum);
                if (n > 1) {
                    category = category + " (" + n + ")";
                }
                if (seen.size() > MAX_CATEGORIES) {
                    break;
                }
            } else if (!seen.containsKey(category)) {
                if (seen.size() >= MAX_CATEGORIES) {
                    continue;
                }
                seen.put(category, 1);
            }
            String full = category;
            String label = labels.computeIfAbsent(category, c -> shortLabel(c, MAX_LABEL, labels.size() + 1, labels.values()));
            if (row[y] instanceof Number value) {
                XYChart.Data<String, Number> point = new XYChart.Data<>(label, value.doubleValue());
                tooltip(point, full + (s < 0 ? "" : " · " + name) + ": " + CellFormat.text(value));
                series.computeIfAbsent(name, k -> {
                    XYChart.Series<String, Number> created = new XYChart.Series<>();
                    created.setName(k);
                    return created;
                }).getData().add(point);
            }
        }
        chart.getData().addAll(series.values());
        chart.setLegendVisible(s >= 0);
        if (chart instanceof LineChart<String, Number> line) {
            line.setCreateSymbols(table.rowCount() <= 40);
        }
        if (seen.size() > 12) {
            xAxis.setTickLabelRotation(-45);
        }
        return chart;
    }

    /** {@code category} cut to {@code max} characters, numbered when that would make two labels the same. */
    private static String shortLabel(String category, int max, int position, Collection<String> taken) {
        if (category.length() <= max) {
            return taken.contains(category) ? category + " (" + position + ")" : category;
        }
        String cut = category.substring(0, max - 1).strip() + "…";
        return taken.contains(cut) ? cut + " (" + position + ")" : cut;
    }

    private static Node numericLine(Chart hint, ResultTable table, String measure) {
        int x = table.columnIndex(hint.category());
        int y = table.columnIndex(measure);
        NumberAxis xAxis = new NumberAxis();
        xAxis.setLabel(hint.category());
        NumberAxis yAxis = new NumberAxis();
        yAxis.setLabel(measure);
        LineChart<Number, Number> chart = new LineChart<>(xAxis, yAxis);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        series.setName(measure);
        for (Object[] row : table.rows()) {
            if (row[x] instanceof Number xv && row[y] instanceof Number yv) {
                series.getData().add(new XYChart.Data<>(xv.doubleValue(), yv.doubleValue()));
            }
        }
        chart.getData().add(series);
        return chart;
    }
}
