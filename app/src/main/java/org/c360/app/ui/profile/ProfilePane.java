package org.c360.app.ui.profile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.c360.analytics.browse.BrowseSpec;
import org.c360.analytics.browse.ColumnProfile;
import org.c360.analytics.browse.ColumnProfiler;
import org.c360.analytics.workspace.Workspace;
import org.c360.app.ui.grid.CellFormat;
import org.c360.app.ui.task.BackgroundTask;
import org.c360.app.ui.task.Failures;
import org.c360.app.ui.task.Tasks;

/**
 * The profile of one column of what the grid shows (its filters apply): type, rows, nulls, distinct
 * values, min and max, and a histogram. Profiling a big table takes seconds, so it runs as a task with
 * Cancel in the status bar; picking another column cancels the one running.
 */
public final class ProfilePane extends VBox {
    private static final int MAX_LABEL = 28;
    private static final double BAR_HEIGHT = 22;
    private static final double CHART_PADDING = 40;

    private final Tasks tasks;
    private final ComboBox<String> column = new ComboBox<>();
    private final Label type = value("type");
    private final Label rows = value("rows");
    private final Label nulls = value("nulls");
    private final Label distinct = value("distinct");
    private final Label min = value("min");
    private final Label max = value("max");
    private final Label message = new Label("Click a cell or pick a column to profile it.");
    private final CategoryAxis bins = new CategoryAxis();
    private final BarChart<Number, String> histogram = new BarChart<>(new NumberAxis(), bins);
    private Workspace workspace;
    private BrowseSpec spec;
    private BackgroundTask<?> running;
    private boolean updatingChoices;
    private String pendingColumn;

    public ProfilePane(Tasks tasks) {
        this.tasks = tasks;
        setId("profile-pane");
        getStyleClass().add("profile-pane");
        setSpacing(8);
        setPadding(new Insets(10, 12, 10, 12));
        Label title = new Label("Column profile");
        title.getStyleClass().add("pane-title");
        column.setId("profile-column");
        column.setPromptText("Column");
        column.setMaxWidth(Double.MAX_VALUE);
        column.valueProperty().addListener((obs, old, chosen) -> {
            if (!updatingChoices && chosen != null) {
                profile(chosen);
            }
        });
        GridPane figures = new GridPane();
        figures.setHgap(12);
        figures.setVgap(4);
        figures.getStyleClass().add("profile-figures");
        String[] names = {"Type", "Rows", "Nulls", "Distinct", "Min", "Max"};
        Label[] values = {type, rows, nulls, distinct, min, max};
        for (int i = 0; i < names.length; i++) {
            Label name = new Label(names[i]);
            name.getStyleClass().add("dim");
            name.setMinWidth(Region.USE_PREF_SIZE);
            figures.addRow(i, name, values[i]);
        }
        message.setWrapText(true);
        message.getStyleClass().add("dim");
        message.setId("profile-message");
        histogram.setId("profile-histogram");
        histogram.setLegendVisible(false);
        histogram.setAnimated(false);
        histogram.setCategoryGap(2);
        histogram.setMinHeight(0);
        histogram.getXAxis().setTickLabelsVisible(false);
        histogram.getXAxis().setTickMarkVisible(false);
        getChildren().addAll(title, column, figures, message, histogram);
        clear();
    }

    /** The grid moved to another view: offer its columns, and re-profile the current column over it. */
    public void show(Workspace workspace, BrowseSpec spec, List<String> columns) {
        boolean sameTable = this.spec != null && spec != null && this.spec.table().equals(spec.table());
        boolean changed = !Objects.equals(this.spec, spec);
        this.workspace = workspace;
        this.spec = spec;
        String current = pendingColumn != null && columns.contains(pendingColumn) ? pendingColumn : column.getValue();
        if (current != null && current.equals(pendingColumn)) {
            pendingColumn = null;
            sameTable = true;
            changed = true;
        }
        updatingChoices = true;
        column.setItems(FXCollections.observableArrayList(columns));
        column.setValue(sameTable && current != null && columns.contains(current) ? current : null);
        updatingChoices = false;
        if (spec == null) {
            clear();
        } else if (column.getValue() != null && changed) {
            profile(column.getValue());
        } else if (column.getValue() == null) {
            clear();
        }
    }

    /** Profiles {@code name} as soon as the grid shows a table that has that column (start-up option). */
    public void profileWhenShown(String name) {
        pendingColumn = name;
    }

    /** Profiles {@code name} (a column of the table shown). */
    public void profile(String name) {
        if (workspace == null || spec == null) {
            return;
        }
        if (!name.equals(column.getValue())) {
            updatingChoices = true;
            column.setValue(name);
            updatingChoices = false;
        }
        if (running != null) {
            running.cancel();
        }
        Workspace ws = workspace;
        BrowseSpec current = spec;
        message.setText("Profiling " + name + "…");
        running = tasks.run("Profiling " + current.table() + "." + name,
                progress -> new ColumnProfiler(ws).profile(current, name, progress))
                .onSuccess(this::showProfile)
                .onError(error -> message.setText(Failures.message(error)))
                .start();
    }

    private void showProfile(ColumnProfile profile) {
        type.setText(profile.type());
        rows.setText(CellFormat.count(profile.rows()));
        nulls.setText(CellFormat.count(profile.nulls()) + (profile.rows() > 0
                ? String.format(" (%.1f%%)", 100.0 * profile.nulls() / profile.rows()) : ""));
        distinct.setText((profile.distinctExact() ? "" : "≈ ") + CellFormat.count(profile.distinct()));
        distinct.setTooltip(profile.distinctExact() ? null
                : new Tooltip("Estimated with HyperLogLog: counting exactly takes long on this many rows."));
        min.setText(profile.min() == null ? "–" : shorten(CellFormat.text(profile.min())));
        max.setText(profile.max() == null ? "–" : shorten(CellFormat.text(profile.max())));
        message.setText(switch (profile.histogram().kind()) {
            case EQUAL_WIDTH -> profile.histogram().bins().size() + " equal-width bins";
            case TOP_VALUES -> "Most frequent values";
            case NONE -> "No values to chart: every value is null.";
        } + "  ·  " + profile.elapsedMillis() + " ms");
        XYChart.Series<Number, String> series = new XYChart.Series<>();
        List<ColumnProfile.Bin> list = profile.histogram().bins();
        Set<String> used = new HashSet<>();
        List<XYChart.Data<Number, String>> bars = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            ColumnProfile.Bin bin = list.get(i);
            String label = bin.other() ? "(other)" : axisLabel(bin.label());
            // A category axis merges equal labels: keep bins apart even when their shortened labels match.
            while (!used.add(label)) {
                label = label + " ";
            }
            bars.add(new XYChart.Data<>(bin.count(), label));
        }
        // A horizontal bar chart draws its first category at the bottom: add in reverse to read top-down.
        series.getData().setAll(bars.reversed());
        histogram.getData().setAll(List.of(series));
        for (int i = 0; i < bars.size(); i++) {
            ColumnProfile.Bin bin = list.get(i);
            if (bars.get(i).getNode() != null) {
                Tooltip.install(bars.get(i).getNode(), new Tooltip(bin.label() + ": " + CellFormat.count(bin.count())));
            }
        }
        histogram.setVisible(!bars.isEmpty());
        // Bars of a readable thickness: a few values should not fill the pane with slabs.
        double height = CHART_PADDING + BAR_HEIGHT * bars.size();
        histogram.setPrefHeight(height);
        histogram.setMaxHeight(height);
    }

    private void clear() {
        for (Label label : List.of(type, rows, nulls, distinct, min, max)) {
            label.setText("–");
        }
        histogram.getData().clear();
        histogram.setVisible(false);
        message.setText("Click a cell or pick a column to profile it.");
    }

    /** Long range labels (dates) keep their start only; the bar's tooltip has the whole range. */
    private static String axisLabel(String label) {
        int dash = label.indexOf(" – ");
        return label.length() > 16 && dash > 0 ? label.substring(0, dash) : shorten(label);
    }

    private static String shorten(String text) {
        return text.length() <= MAX_LABEL ? text : text.substring(0, MAX_LABEL - 1) + "…";
    }

    private static Label value(String id) {
        Label label = new Label("–");
        label.setId("profile-" + id);
        return label;
    }
}
