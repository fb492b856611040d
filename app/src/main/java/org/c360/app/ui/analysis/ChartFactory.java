package org.c360.app.ui.analysis;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;

import org.c360.analytics.analysis.Chart;
import org.c360.analytics.query.ResultTable;
import org.c360.app.ui.grid.CellFormat;

/** Turns an analysis's chart hint and result into a JavaFX chart (or heatmap, or KPI cards). */
final class ChartFactory {
    /** More categories than this make bars unreadable; the table still has every row. */
    static final int MAX_CATEGORIES = 60;

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
            case BAR, STACKED_BAR -> xy(hint, table, measure);
        };
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
            if (row[y] instanceof Number value) {
                series.computeIfAbsent(name, k -> {
                    XYChart.Series<String, Number> created = new XYChart.Series<>();
                    created.setName(k);
                    return created;
                }).getData().add(new XYChart.Data<>(category, value.doubleValue()));
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
