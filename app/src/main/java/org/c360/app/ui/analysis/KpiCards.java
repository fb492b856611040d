package org.c360.app.ui.analysis;

import java.util.Locale;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

import org.c360.analytics.query.ResultTable;
import org.c360.app.ui.grid.CellFormat;

/** Headline figures as cards: each KPI's current value, its previous value and the change in per cent. */
public final class KpiCards extends FlowPane {

    public KpiCards(ResultTable table) {
        super(12, 12);
        getStyleClass().add("kpi-cards");
        setPadding(new Insets(12));
        int kpi = table.columnIndex("kpi");
        int current = table.columnIndex("current");
        int previous = table.columnIndex("previous");
        int change = table.columnIndex("change_pct");
        for (Object[] row : table.rows()) {
            String name = String.valueOf(row[kpi]);
            Label title = new Label(name);
            title.getStyleClass().add("dim");
            Label value = new Label(format(name, row[current]));
            value.getStyleClass().add("kpi-value");
            Label delta = new Label(delta(row[change]) + "  (before: " + format(name, row[previous]) + ")");
            if (row[change] instanceof Number n && n.doubleValue() != 0) {
                delta.getStyleClass().add(n.doubleValue() > 0 ? "kpi-up" : "kpi-down");
            }
            VBox card = new VBox(4, title, value, delta);
            card.getStyleClass().add("kpi-card");
            card.setId("kpi-" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-"));
            card.setPadding(new Insets(10, 14, 10, 14));
            card.setMinWidth(190);
            getChildren().add(card);
        }
    }

    private static String format(String kpi, Object value) {
        if (!(value instanceof Number n)) {
            return "–";
        }
        double v = n.doubleValue();
        if (kpi.endsWith("%")) {
            return String.format(Locale.ROOT, "%.1f %%", v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return CellFormat.count((long) v);
        }
        return String.format(Locale.ROOT, "%,.2f", v);
    }

    private static String delta(Object change) {
        if (!(change instanceof Number n)) {
            return "no earlier period";
        }
        double v = n.doubleValue();
        return (v > 0 ? "▲ +" : v < 0 ? "▼ " : "= ") + String.format(Locale.ROOT, "%.1f %%", v);
    }
}
