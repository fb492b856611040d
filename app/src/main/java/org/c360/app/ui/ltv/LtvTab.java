package org.c360.app.ui.ltv;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.c360.analytics.ml.FitReport;
import org.c360.analytics.ml.LifetimeValue;
import org.c360.analytics.ml.LtvOptions;
import org.c360.analytics.ml.LtvResult;
import org.c360.analytics.workspace.Workspace;
import org.c360.app.text.Values;
import org.c360.app.ui.task.BackgroundTask;
import org.c360.app.ui.task.Tasks;

/**
 * Cohorts &amp; LTV: fits BG/NBD and Gamma-Gamma in the background (progress and Cancel), then shows the
 * fitted parameters with their standard errors and convergence, the holdout check (actual against predicted
 * purchases per customer), P(alive) as a heatmap, and the distribution of predicted CLV. "Write to profiles"
 * stores the scores; the line at the top says whether stored scores are current or stale.
 */
public final class LtvTab extends Tab {

    /** One fitted parameter as the table shows it. */
    record ParameterRow(String model, String name, double value, Double relativeError) {
    }

    private final Tasks tasks;
    private final Spinner<Integer> holdoutDays = new Spinner<>(0, 3650, LtvOptions.DEFAULT_HOLDOUT_DAYS, 30);
    private final Spinner<Integer> horizonMonths = new Spinner<>(1, 120, LtvOptions.DEFAULT_HORIZON_MONTHS, 6);
    private final Spinner<Double> discountPercent = new Spinner<>(0.0, 20.0, 100 * LtvOptions.DEFAULT_DISCOUNT_RATE, 0.5);
    private final Button fit = new Button("Fit models");
    private final Button cancel = new Button("Cancel");
    private final Button write = new Button("Write to profiles");
    private final ProgressBar progress = new ProgressBar();
    private final Label progressText = new Label();
    private final Label written = new Label();
    private final Label scoresStatus = new Label();
    private final Label summary = new Label();
    private final Label diagnostics = new Label();
    private final TableView<ParameterRow> parameters = new TableView<>();
    private final BarChart<String, Number> calibration = new BarChart<>(new CategoryAxis(), new NumberAxis());
    private final HeatmapView heatmap = new HeatmapView();
    private final BarChart<String, Number> clv = new BarChart<>(new CategoryAxis(), new NumberAxis());
    private final Label calibrationNote = new Label();

    private Workspace workspace;
    private LtvResult result;
    private BackgroundTask<?> running;
    private long generation;

    public LtvTab(Tasks tasks) {
        super("Cohorts & LTV");
        this.tasks = tasks;
        setId("tab-ltv");
        setClosable(false);

        fit.setId("ltv-fit");
        fit.getStyleClass().add("accent");
        fit.setOnAction(e -> fit());
        cancel.setId("ltv-cancel");
        cancel.setOnAction(e -> {
            if (running != null) {
                running.cancel();
            }
        });
        write.setId("ltv-write");
        write.setOnAction(e -> writeScores());
        write.setTooltip(new Tooltip("Store each customer's CLV, P(alive) and expected purchases (model_runs, scores) "
                + "and show them in customer360_profiles; they are kept when identities are resolved again."));
        holdoutDays.setId("ltv-holdout");
        holdoutDays.setEditable(true);
        holdoutDays.setPrefWidth(86);
        horizonMonths.setId("ltv-horizon");
        horizonMonths.setEditable(true);
        horizonMonths.setPrefWidth(76);
        discountPercent.setId("ltv-discount");
        discountPercent.setEditable(true);
        discountPercent.setPrefWidth(80);
        progress.setId("ltv-progress");
        progress.setPrefWidth(160);
        progressText.setId("ltv-progress-text");
        progressText.getStyleClass().add("dim");
        written.setId("ltv-written");
        written.getStyleClass().add("dim");
        setRunning(null);

        HBox controls = new HBox(8, label("Holdout days"), holdoutDays, label("Horizon, months"), horizonMonths,
                label("Discount %/month"), discountPercent, fit, write, written);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.getChildren().forEach(n -> {
            if (n instanceof Region region) {
                region.setMinWidth(Region.USE_PREF_SIZE);
            }
        });
        HBox work = new HBox(8, progress, cancel, progressText);
        work.setAlignment(Pos.CENTER_LEFT);
        work.managedProperty().bind(progress.visibleProperty());
        work.visibleProperty().bind(progress.visibleProperty());

        scoresStatus.setId("ltv-scores-status");
        scoresStatus.setWrapText(true);
        summary.setId("ltv-summary");
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        summary.setText("Fit BG/NBD (purchases and probability alive) and Gamma-Gamma (spend) on this workspace's purchases: "
                + "per person when identities are resolved, else per customer_id from the transactions.");
        diagnostics.setId("ltv-diagnostics");
        diagnostics.setWrapText(true);
        diagnostics.setMinHeight(Region.USE_PREF_SIZE);

        parameters.setId("ltv-parameters");
        parameters.getColumns().add(column("Model", ParameterRow::model, 150));
        parameters.getColumns().add(column("Parameter", ParameterRow::name, 80));
        parameters.getColumns().add(column("Value", r -> String.format("%.4g", r.value()), 90));
        parameters.getColumns().add(column("± (std. error)", r -> r.relativeError() == null ? ""
                : String.format("%.1f %%", 100 * r.relativeError()), 100));
        parameters.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        parameters.setPlaceholder(new Label("No fit yet."));
        parameters.getStyleClass().add(atlantafx.base.theme.Styles.DENSE);
        parameters.setPrefHeight(300);
        parameters.setPrefWidth(400);

        calibration.setId("ltv-calibration");
        calibration.setTitle("Holdout: purchases per customer");
        calibration.setAnimated(false);
        calibration.getXAxis().setLabel("repeat purchase days (calibration)");
        calibration.getYAxis().setLabel("holdout purchases");
        calibration.setPrefHeight(280);
        calibration.setMinWidth(200);
        calibrationNote.setId("ltv-calibration-note");
        calibrationNote.getStyleClass().add("dim");
        calibrationNote.setWrapText(true);

        heatmap.setId("ltv-heatmap");

        clv.setId("ltv-clv");
        clv.setTitle("Predicted CLV per customer");
        clv.setAnimated(false);
        clv.setLegendVisible(false);
        clv.setBarGap(0);
        clv.setCategoryGap(1);
        clv.getXAxis().setLabel("CLV (last bin: top 1 %)");
        clv.getYAxis().setLabel("customers");
        clv.setPrefHeight(300);
        clv.setMinWidth(200);

        // three pictures side by side, the numbers behind them underneath
        GridPane charts = new GridPane(12, 10);
        charts.add(new VBox(4, calibration, calibrationNote), 0, 0);
        charts.add(heatmap, 1, 0);
        charts.add(clv, 2, 0);
        charts.add(new VBox(6, title("Fitted parameters"), parameters), 0, 1, 2, 1);
        charts.add(new VBox(6, title("Diagnostics"), diagnostics), 2, 1);
        for (int i = 0; i < 3; i++) {
            javafx.scene.layout.ColumnConstraints third = new javafx.scene.layout.ColumnConstraints();
            third.setPercentWidth(100.0 / 3);
            third.setHgrow(Priority.ALWAYS);
            charts.getColumnConstraints().add(third);
        }

        VBox content = new VBox(10, controls, work, scoresStatus, summary, charts);
        content.setPadding(new Insets(12, 16, 16, 16));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        setContent(scroll);
        selectedProperty().addListener((obs, old, selected) -> {
            if (selected) {
                refreshStatus();
            }
        });
    }

    /** The workspace or its data changed: forget the fit, read the scores' status when shown. */
    public void reload(Workspace workspace) {
        boolean same = workspace == this.workspace;
        this.workspace = workspace;
        if (!same) {
            result = null;
            show(null);
        }
        if (isSelected()) {
            refreshStatus();
        }
    }

    /** Starts a fit with the options shown (the Fit button). */
    public void fit() {
        Workspace ws = workspace;
        if (ws == null || running != null) {
            return;
        }
        LtvOptions options = LtvOptions.DEFAULTS.withHoldoutDays(holdoutDays.getValue())
                .withHorizonMonths(horizonMonths.getValue()).withDiscountRate(discountPercent.getValue() / 100);
        long mine = ++generation;
        BackgroundTask<LtvResult> task = tasks.run("Fitting lifetime value", p -> new LifetimeValue(ws).fit(options, p))
                .onSuccess(r -> {
                    if (mine == generation && ws == workspace) {
                        result = r;
                        show(r);
                    }
                })
                .andFinally(() -> setRunning(null))
                .start();
        setRunning(task);
    }

    private void writeScores() {
        Workspace ws = workspace;
        LtvResult r = result;
        if (ws == null || r == null || running != null) {
            return;
        }
        BackgroundTask<LifetimeValue.Written> task = tasks.run("Writing lifetime value scores",
                        p -> new LifetimeValue(ws).write(r, p))
                .onSuccess(w -> written.setText(String.format("Wrote model run %d: %s customers, %s profiles updated.",
                        w.runId(), Values.count(w.customers()), Values.count(w.profilesUpdated()))))
                .andFinally(() -> {
                    setRunning(null);
                    refreshStatus();
                })
                .start();
        setRunning(task);
    }

    private void setRunning(BackgroundTask<?> task) {
        running = task;
        boolean busy = task != null;
        progress.progressProperty().unbind();
        progressText.textProperty().unbind();
        if (busy) {
            progress.progressProperty().bind(task.progressProperty());
            progressText.textProperty().bind(task.messageProperty());
        } else {
            progress.setProgress(0);
        }
        progress.setVisible(busy);
        cancel.setVisible(busy);
        fit.setDisable(busy || workspace == null);
        write.setDisable(busy || result == null || !result.scorable());
    }

    private void refreshStatus() {
        Workspace ws = workspace;
        if (ws == null) {
            scoresStatus.setText("No workspace open.");
            return;
        }
        setRunning(running);
        tasks.run("Reading the lifetime value scores", p -> new LifetimeValue(ws).status()).quiet()
                .onSuccess(status -> {
                    if (ws != workspace) {
                        return;
                    }
                    scoresStatus.getStyleClass().remove("error-text");
                    if (status.isEmpty()) {
                        scoresStatus.setText("No scores written yet: customer360_profiles.lifetime_value and p_alive are empty.");
                    } else {
                        scoresStatus.setText(status.get().describe());
                        if (status.get().stale()) {
                            scoresStatus.getStyleClass().add("error-text");
                        }
                    }
                }).start();
    }

    private void show(LtvResult r) {
        setRunning(running);
        calibration.getData().clear();
        clv.getData().clear();
        parameters.getItems().clear();
        heatmap.show(r == null ? null : r.heatmap());
        if (r == null) {
            diagnostics.setText("");
            calibrationNote.setText("");
            return;
        }
        summary.setText(r.describe().lines().limit(3).reduce((a, b) -> a + "\n" + b).orElse(""));
        List<ParameterRow> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<FitReport> reports = new ArrayList<>();
        if (r.calibration() != null) {
            reports.add(r.calibration().bgNbd());
        }
        reports.add(r.bgNbd().report());
        reports.add(r.gammaGamma().report());
        for (int i = 0; i < reports.size(); i++) {
            FitReport report = reports.get(i);
            String model = report.model() + (r.calibration() != null && i == 0 ? " (holdout)" : "");
            for (Map.Entry<String, Double> p : report.parameters().entrySet()) {
                rows.add(new ParameterRow(model, p.getKey(), p.getValue(), report.standardErrors().get(p.getKey())));
            }
            notes.add(String.format("%s: log-likelihood %,.1f over %s customers, %d iterations, %s", model,
                    report.logLikelihood(), Values.count((long) report.customers()), report.iterations(),
                    report.converged() ? "converged" : "DID NOT CONVERGE: " + report.problem()));
        }
        if (!Double.isNaN(r.spendFrequencyCorrelation())) {
            notes.add(String.format("Correlation of spend and frequency %.2f (Gamma-Gamma assumes none).", r.spendFrequencyCorrelation()));
        }
        if (r.clv() != null) {
            notes.add(String.format("CLV over %d months at %.2f %% a month: total %,.0f, mean %,.2f, median %,.2f;"
                            + " mean P(alive) %.2f.", r.options().horizonMonths(), 100 * r.options().monthlyDiscountRate(),
                    r.clv().total(), r.clv().mean(), r.clv().median(), r.clv().meanPAlive()));
        } else {
            notes.add("No CLV: a model did not converge, so its predictions would be meaningless.");
        }
        parameters.getItems().setAll(rows);
        diagnostics.setText(String.join("\n", notes));
        diagnostics.getStyleClass().remove("error-text");
        if (!r.scorable()) {
            diagnostics.getStyleClass().add("error-text");
        }
        if (r.calibration() != null) {
            XYChart.Series<String, Number> actual = new XYChart.Series<>();
            actual.setName("actual");
            XYChart.Series<String, Number> predicted = new XYChart.Series<>();
            predicted.setName("predicted (BG/NBD)");
            for (LtvResult.CalibrationPoint p : r.calibration().points()) {
                String label = p.frequency() + (p.orMore() ? "+" : "");
                actual.getData().add(new XYChart.Data<>(label, p.actual()));
                predicted.getData().add(new XYChart.Data<>(label, p.predicted()));
            }
            calibration.getData().setAll(List.of(actual, predicted));
            calibrationNote.setText(String.format("Fitted on purchases up to %s; the %d days after it were held out.",
                    r.calibration().end(), r.calibration().days()));
        } else {
            calibrationNote.setText("No holdout check (holdout days 0).");
        }
        if (r.clv() != null) {
            XYChart.Series<String, Number> bins = new XYChart.Series<>();
            long[] counts = r.clv().bins();
            for (int i = 0; i < counts.length; i++) {
                String from = String.format("%,.0f", i * r.clv().binWidth());
                String label = i == counts.length - 1 ? from + "+" : from;
                bins.getData().add(new XYChart.Data<>(label, counts[i]));
            }
            clv.getData().setAll(List.of(bins));
        }
        setRunning(running);
    }

    /** The last fit shown, or null (for tests). */
    public LtvResult result() {
        return result;
    }

    private static Label label(String text) {
        Label label = new Label(text);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    private static Label title(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-title");
        return label;
    }

    private static TableColumn<ParameterRow, String> column(String title, java.util.function.Function<ParameterRow, String> value,
                                                                double width) {
        TableColumn<ParameterRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setPrefWidth(width);
        column.setSortable(false);
        return column;
    }

}
