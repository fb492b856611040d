package org.c360.app.ui.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.collections.FXCollections;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;

/**
 * A pair's evidence as a horizontal waterfall: each comparison a bar from the running weight before it to
 * the one after (green raises, red lowers), the last bar the pair's total weight (blue). Built on a stacked
 * bar chart: an invisible bar carries each step out to where it starts. Stacked bars do not float below
 * zero, so every value is drawn shifted right by a round {@code offset} and the axis labels shift back.
 */
final class EvidenceChart extends StackedBarChart<Number, String> {
    private static final String TOTAL = "match weight";
    private static final double STEP = 2.5;

    private final NumberAxis weights;
    private double offset;

    EvidenceChart() {
        super(new NumberAxis(), new CategoryAxis());
        weights = (NumberAxis) getXAxis();
        setId("review-evidence");
        setAnimated(false);
        setLegendVisible(false);
        setCategoryGap(6);
        weights.setLabel("weight (log2 of the odds of a match)");
        weights.setAutoRanging(false);
        weights.setMinorTickVisible(false);
        weights.setTickUnit(STEP);
        weights.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return String.format(Locale.ROOT, "%.1f", n.doubleValue() + offset).replace(".0", "");
            }

            @Override
            public Number fromString(String s) {
                return Double.parseDouble(s) - offset;
            }
        });
        getStyleClass().add("evidence-chart");
    }

    void show(Evidence evidence) {
        getData().clear();
        if (evidence.steps().isEmpty()) {
            return;
        }
        double min = 0;
        double max = 0;
        for (Evidence.Step step : evidence.steps()) {
            min = Math.min(min, Math.min(step.from(), step.to()));
            max = Math.max(max, Math.max(step.from(), step.to()));
        }
        offset = Math.floor(min / STEP) * STEP;
        weights.setLowerBound(0);
        weights.setUpperBound(Math.ceil(max / STEP) * STEP - offset);
        List<String> categories = new ArrayList<>();
        for (Evidence.Step step : evidence.steps()) {
            categories.add(step.label());
        }
        categories.add(TOTAL);
        // the first step on top
        ((CategoryAxis) getYAxis()).setCategories(FXCollections.observableArrayList(categories.reversed()));
        XYChart.Series<Number, String> base = new XYChart.Series<>();
        XYChart.Series<Number, String> bars = new XYChart.Series<>();
        for (Evidence.Step step : evidence.steps()) {
            add(base, bars, step.label(), step.from(), step.to(), step.delta() >= 0 ? "-color-success-emphasis" : "-color-danger-emphasis",
                    String.format(Locale.ROOT, "%s: %+.2f (weight %.2f → %.2f)", step.label(), step.delta(), step.from(), step.to()));
        }
        add(base, bars, TOTAL, 0, evidence.total(), "-color-accent-emphasis", String.format(Locale.ROOT,
                "match weight %.2f: probability %.3f", evidence.total(), 1 / (1 + Math.pow(2, -evidence.total()))));
        getData().addAll(List.of(base, bars));
    }

    private void add(XYChart.Series<Number, String> base, XYChart.Series<Number, String> bars, String category, double from,
                     double to, String colour, String tip) {
        XYChart.Data<Number, String> carrier = new XYChart.Data<>(Math.min(from, to) - offset, category);
        XYChart.Data<Number, String> bar = new XYChart.Data<>(Math.abs(to - from), category);
        // inline styles: the chart resets a bar's style classes when it creates the bar
        style(carrier, "-fx-bar-fill: transparent; -fx-background-color: transparent;", null);
        style(bar, "-fx-bar-fill: " + colour + "; -fx-background-color: " + colour + ";", tip);
        base.getData().add(carrier);
        bars.getData().add(bar);
    }

    private static void style(XYChart.Data<Number, String> data, String style, String tip) {
        data.nodeProperty().addListener((obs, old, node) -> {
            if (node != null) {
                node.setStyle(style);
                if (tip != null) {
                    Tooltip.install(node, new Tooltip(tip));
                }
            }
        });
    }
}
