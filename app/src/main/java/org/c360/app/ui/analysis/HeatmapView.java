package org.c360.app.ui.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

import org.c360.analytics.query.ResultTable;
import org.c360.app.ui.grid.CellFormat;

/**
 * A heatmap of one measure over two columns of a result: one row per value of {@code rows} (a cohort), one
 * column per value of {@code columns} (months since the first purchase), each cell coloured by its value and
 * labelled with it. The first column is left out of the colour scale when there are others, since a cohort's
 * own month is 100 % by definition and would pale everything else.
 */
final class HeatmapView extends GridPane {
    private static final Color LOW = Color.web("#f1f5fb");
    private static final Color HIGH = Color.web("#1f5fa8");

    HeatmapView(ResultTable table, String rows, String columns, String measure) {
        getStyleClass().add("heatmap");
        setHgap(2);
        setVgap(2);
        setPadding(new Insets(8));
        int r = table.columnIndex(rows);
        int c = table.columnIndex(columns);
        int v = table.columnIndex(measure);
        Map<String, Map<String, Double>> cells = new LinkedHashMap<>();
        List<String> columnKeys = new ArrayList<>();
        for (Object[] row : table.rows()) {
            String rowKey = CellFormat.text(row[r]);
            String columnKey = CellFormat.text(row[c]);
            if (!columnKeys.contains(columnKey)) {
                columnKeys.add(columnKey);
            }
            cells.computeIfAbsent(rowKey, k -> new LinkedHashMap<>())
                    .put(columnKey, row[v] == null ? null : ((Number) row[v]).doubleValue());
        }
        columnKeys.sort((a, b) -> compareKeys(a, b));
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (Map<String, Double> values : cells.values()) {
            for (int i = columnKeys.size() > 1 ? 1 : 0; i < columnKeys.size(); i++) {
                Double value = values.get(columnKeys.get(i));
                if (value != null) {
                    max = Math.max(max, value);
                    min = Math.min(min, value);
                }
            }
        }
        // the rows' name in the corner, the columns' name above their headers
        Label caption = new Label(columns + " →");
        caption.getStyleClass().add("dim");
        add(caption, 1, 0, Math.max(1, columnKeys.size()), 1);
        Label corner = new Label(rows);
        corner.setMinWidth(Region.USE_PREF_SIZE);
        corner.getStyleClass().add("dim");
        add(corner, 0, 1);
        for (int i = 0; i < columnKeys.size(); i++) {
            Label header = new Label(columnKeys.get(i));
            header.getStyleClass().add("heatmap-header");
            GridPane.setHalignment(header, HPos.CENTER);
            add(header, i + 1, 1);
        }
        int y = 2;
        for (Map.Entry<String, Map<String, Double>> entry : cells.entrySet()) {
            Label rowHeader = new Label(entry.getKey());
            rowHeader.getStyleClass().add("heatmap-header");
            add(rowHeader, 0, y);
            for (int i = 0; i < columnKeys.size(); i++) {
                Double value = entry.getValue().get(columnKeys.get(i));
                if (value == null) {
                    continue;
                }
                double share = max > min ? Math.clamp((value - min) / (max - min), 0, 1) : 1;
                Color fill = LOW.interpolate(HIGH, share);
                Label cell = new Label(format(value));
                cell.getStyleClass().add("heatmap-cell");
                cell.setAlignment(Pos.CENTER);
                cell.setMaxWidth(Double.MAX_VALUE);
                cell.setMaxHeight(Double.MAX_VALUE);
                cell.setMinWidth(46);
                cell.setStyle("-fx-background-color: " + web(fill) + "; -fx-text-fill: "
                        + (fill.getBrightness() < 0.6 || share > 0.55 ? "white" : "#1b2430") + ";");
                cell.setTooltip(new Tooltip(rows + " " + entry.getKey() + ", " + columns + " " + columnKeys.get(i) + ": "
                        + measure + " " + CellFormat.text(value)));
                cell.setUserData(value);
                add(cell, i + 1, y);
            }
            y++;
        }
        for (int i = 0; i <= columnKeys.size(); i++) {
            ColumnConstraints constraints = new ColumnConstraints();
            constraints.setHgrow(i == 0 ? Priority.NEVER : Priority.ALWAYS);
            constraints.setFillWidth(true);
            getColumnConstraints().add(constraints);
        }
    }

    /** Numbers sort as numbers (months 2 before 10), anything else as text. */
    private static int compareKeys(String a, String b) {
        try {
            return Double.compare(Double.parseDouble(a.replace(",", "")), Double.parseDouble(b.replace(",", "")));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    private static String format(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 1_000_000) {
            return String.format(java.util.Locale.ROOT, "%.1fM", value / 1_000_000);
        }
        if (magnitude >= 10_000) {
            return String.format(java.util.Locale.ROOT, "%.0fk", value / 1_000);
        }
        if (magnitude >= 100 || value == Math.rint(value)) {
            return String.format(java.util.Locale.ROOT, "%.0f", value);
        }
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    private static String web(Color color) {
        return String.format(java.util.Locale.ROOT, "#%02x%02x%02x", (int) Math.round(color.getRed() * 255),
                (int) Math.round(color.getGreen() * 255), (int) Math.round(color.getBlue() * 255));
    }
}
