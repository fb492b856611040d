package org.c360.app.ui.analysis;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import javax.imageio.ImageIO;

import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import org.c360.analytics.analysis.Analysis;
import org.c360.analytics.analysis.AnalysisCatalog;
import org.c360.analytics.analysis.AnalysisResult;
import org.c360.analytics.analysis.AnalysisRunner;
import org.c360.analytics.analysis.Chart;
import org.c360.analytics.analysis.Parameter;
import org.c360.analytics.query.QueryRunner;
import org.c360.analytics.summary.Summaries;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.workspace.Workspace;
import org.c360.app.cli.OutputFormat;
import org.c360.app.cli.TablePrinter;
import org.c360.app.ui.grid.CellFormat;
import org.c360.app.ui.grid.ResultGrid;
import org.c360.app.ui.task.BackgroundTask;
import org.c360.app.ui.task.Failures;
import org.c360.app.ui.task.Tasks;

/**
 * The Analyses tab: the catalog of named analyses on the left (by group); for the selected one its description,
 * a form of its parameters, Run and Cancel, the result as a chart (as the analysis's chart hint says: bars,
 * lines, a cohort heatmap or KPI cards) above the result grid, its SQL on demand, a button that opens that SQL
 * in the SQL console to edit, and exports of the chart (PNG) and the table (CSV).
 */
public final class AnalysesTab extends Tab {
    private final Tasks tasks;
    private final Consumer<String> openInConsole;
    private final TreeView<Object> catalog = new TreeView<>();
    private final Label title = new Label("Choose an analysis");
    private final Label description = new Label();
    private final GridPane form = new GridPane();
    private final Map<String, TextField> fields = new LinkedHashMap<>();
    private final Button run = new Button("Run");
    private final Button cancel = new Button("Cancel");
    private final ToggleButton showSql = new ToggleButton("Show SQL");
    private final Button openSql = new Button("Open in SQL console");
    private final Button exportPng = new Button("Export PNG…");
    private final Button exportCsv = new Button("Export CSV…");
    private final Label status = new Label();
    private final ComboBox<String> measure = new ComboBox<>();
    private final StackPane chartHolder = new StackPane();
    private final TextArea sqlText = new TextArea();
    private final Label error = new Label();
    private final ResultGrid grid = new ResultGrid(true, "Run the analysis to see its result.");
    private final SplitPane output;
    private Workspace workspace;
    private Analysis selected;
    private AnalysisResult result;
    private BackgroundTask<AnalysisResult> running;
    private BiFunction<String, String, Path> saveChooser = this::chooseFile;

    /** @param openInConsole puts SQL in the SQL console and shows it */
    public AnalysesTab(Tasks tasks, Consumer<String> openInConsole) {
        super("Analyses");
        this.tasks = tasks;
        this.openInConsole = openInConsole;
        setId("tab-analyses");
        setClosable(false);

        TreeItem<Object> root = new TreeItem<>("Analyses");
        Map<String, TreeItem<Object>> groups = new LinkedHashMap<>();
        for (Analysis analysis : AnalysisCatalog.ALL) {
            groups.computeIfAbsent(analysis.group(), g -> {
                TreeItem<Object> item = new TreeItem<>(g);
                item.setExpanded(true);
                return item;
            }).getChildren().add(new TreeItem<>(analysis));
        }
        root.getChildren().addAll(groups.values());
        catalog.setRoot(root);
        catalog.setShowRoot(false);
        catalog.setId("analysis-catalog");
        catalog.setCellFactory(view -> new CatalogCell());
        catalog.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (item != null && item.getValue() instanceof Analysis analysis) {
                select(analysis);
            }
        });
        VBox catalogPane = new VBox(6, paneTitle("Catalog"), catalog);
        VBox.setVgrow(catalog, Priority.ALWAYS);
        catalogPane.setPadding(new Insets(10, 8, 8, 8));
        catalogPane.setMinWidth(300);

        title.getStyleClass().add("title-3");
        title.setId("analysis-title");
        description.setWrapText(true);
        description.getStyleClass().add("dim");
        description.setId("analysis-description");
        form.setHgap(8);
        form.setVgap(6);
        form.setId("analysis-form");

        run.setId("analysis-run");
        run.getStyleClass().add("accent");
        run.setOnAction(e -> run());
        cancel.setId("analysis-cancel");
        cancel.setDisable(true);
        cancel.setOnAction(e -> {
            if (running != null) {
                running.cancel();
            }
        });
        showSql.setId("analysis-show-sql");
        showSql.selectedProperty().addListener((obs, old, on) -> refreshSql());
        // with the summaries it reads inlined, so it runs in the console whatever happened to them since
        openSql.setId("analysis-open-sql");
        openSql.setOnAction(e -> {
            String sql = currentSql();
            if (sql != null) {
                openInConsole.accept(Summaries.standalone(sql));
            }
        });
        exportPng.setId("analysis-export-png");
        exportPng.setOnAction(e -> export("png"));
        exportCsv.setId("analysis-export-csv");
        exportCsv.setOnAction(e -> export("csv"));
        status.setId("analysis-status");
        status.getStyleClass().add("dim");
        measure.setId("analysis-measure");
        measure.valueProperty().addListener((obs, old, value) -> drawChart());
        for (Region button : new Region[] {run, cancel, showSql, openSql, exportPng, exportCsv}) {
            button.setMinWidth(Region.USE_PREF_SIZE);
        }
        Label chartLabel = new Label("Chart:");
        chartLabel.visibleProperty().bind(measure.visibleProperty());
        // two short rows rather than one long one: the window may be as narrow as 1000 pixels
        HBox actions = new HBox(8, run, cancel, showSql, openSql);
        actions.setAlignment(Pos.CENTER_LEFT);
        HBox chartRow = new HBox(8, exportPng, exportCsv, chartLabel, measure);
        chartRow.setAlignment(Pos.CENTER_LEFT);

        sqlText.setId("analysis-sql");
        sqlText.setEditable(false);
        sqlText.getStyleClass().add("monospace");
        sqlText.setPrefRowCount(10);
        sqlText.managedProperty().bind(sqlText.visibleProperty());
        sqlText.setVisible(false);

        description.setMinHeight(Region.USE_PREF_SIZE);
        VBox head = new VBox(8, title, description, form, actions, chartRow, status, sqlText);
        head.setPadding(new Insets(10, 12, 8, 12));

        error.setId("analysis-error");
        error.setWrapText(true);
        error.getStyleClass().add("error-text");
        error.setPadding(new Insets(12));
        error.setVisible(false);
        chartHolder.setId("analysis-chart");
        chartHolder.getStyleClass().add("analysis-chart");
        chartHolder.setMinHeight(0);
        grid.view().setId("analysis-result");
        output = new SplitPane(chartHolder, grid.view());
        output.setOrientation(Orientation.VERTICAL);
        output.setDividerPositions(0.65);
        StackPane body = new StackPane(output, error);
        VBox main = new VBox(head, body);
        VBox.setVgrow(body, Priority.ALWAYS);

        SplitPane split = new SplitPane(catalogPane, main);
        split.setDividerPositions(0.3);
        SplitPane.setResizableWithParent(catalogPane, false);
        setContent(split);
        setWorkspace(null);
    }

    private static Label paneTitle(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("pane-title");
        return label;
    }

    public void setWorkspace(Workspace workspace) {
        if (running != null) {
            running.cancel();
        }
        this.workspace = workspace;
        showResult(null);
        updateButtons();
        status.setText(workspace == null ? "Open a workspace to run analyses." : "");
    }

    /** Selects an analysis by name (as {@code c360 analyze} knows it) and runs it. */
    public void openAndRun(String name) {
        Analysis analysis = AnalysisCatalog.get(name);
        for (TreeItem<Object> group : catalog.getRoot().getChildren()) {
            for (TreeItem<Object> item : group.getChildren()) {
                if (item.getValue() == analysis) {
                    catalog.getSelectionModel().select(item);
                }
            }
        }
        run();
    }

    /** Replaces the save dialog (title, extension to path or null); for tests, which have no file dialogs. */
    public void setSaveChooser(BiFunction<String, String, Path> chooser) {
        this.saveChooser = chooser;
    }

    private void select(Analysis analysis) {
        if (running != null) {
            running.cancel();
        }
        selected = analysis;
        title.setText(analysis.title());
        description.setText(analysis.description());
        form.getChildren().clear();
        fields.clear();
        int row = 0;
        for (Parameter p : analysis.parameters()) {
            Label label = new Label(p.label());
            label.setMinWidth(Region.USE_PREF_SIZE);
            TextField field = new TextField(p.defaultValue());
            field.setId("param-" + p.name());
            field.setPromptText(p.kind() == Parameter.Kind.AS_OF ? "latest transaction" : "");
            field.setPrefColumnCount(p.kind() == Parameter.Kind.RFM_RULES ? 60 : 14);
            field.textProperty().addListener((obs, old, text) -> refreshSql());
            field.setOnAction(e -> run());
            fields.put(p.name(), field);
            Label help = new Label(p.description());
            help.getStyleClass().add("dim");
            form.addRow(row++, label, field, help);
        }
        measure.getItems().setAll(analysis.chart().values());
        measure.setVisible(analysis.chart().values().size() > 1);
        measure.getSelectionModel().selectFirst();
        showResult(null);
        status.setText(workspace == null ? "Open a workspace to run analyses." : "Enter runs it with these parameters.");
        refreshSql();
        updateButtons();
    }

    private Map<String, String> parameters() {
        Map<String, String> values = new LinkedHashMap<>();
        fields.forEach((name, field) -> values.put(name, field.getText()));
        return values;
    }

    /** The SQL for the parameters as typed, or null (with the reason in the status) when one is not valid. */
    private String currentSql() {
        if (selected == null) {
            return null;
        }
        try {
            return selected.sql(parameters());
        } catch (C360Exception e) {
            status.setText(e.getMessage());
            return null;
        }
    }

    private void refreshSql() {
        sqlText.setVisible(showSql.isSelected());
        if (showSql.isSelected()) {
            String sql = currentSql();
            sqlText.setText(sql == null ? "" : sql);
        }
    }

    /** Runs the selected analysis with the parameters in the form, in the background. */
    public void run() {
        if (workspace == null || selected == null || running != null) {
            return;
        }
        Analysis analysis = selected;
        Map<String, String> values = parameters();
        Workspace ws = workspace;
        status.setText("Running…");
        running = tasks.run("Running " + analysis.title(),
                        progress -> new AnalysisRunner(ws).run(analysis, values, QueryRunner.DEFAULT_MAX_ROWS, progress))
                .onSuccess(done -> {
                    if (done.analysis() == selected) {
                        showResult(done);
                    }
                })
                .onError(failure -> {
                    showResult(null);
                    showError(Failures.message(failure));
                    status.setText("The analysis did not run.");
                })
                .andFinally(() -> {
                    if (running != null && running.isCancelled()) {
                        status.setText("Cancelled.");
                    }
                    running = null;
                    updateButtons();
                })
                .start();
        updateButtons();
    }

    private void showResult(AnalysisResult done) {
        result = done;
        showError(null);
        if (done == null) {
            grid.clear("Run the analysis to see its result.");
            chartHolder.getChildren().clear();
        } else {
            grid.show(done.table().columns(), done.table().types(), done.table().rows().stream().map(AnalysesTab::rounded).toList());
            status.setText(CellFormat.count(done.table().rowCount()) + (done.table().rowCount() == 1 ? " row" : " rows")
                    + (done.table().truncated() ? " (the first " + CellFormat.count(QueryRunner.DEFAULT_MAX_ROWS) + ")" : "")
                    + " in " + done.elapsedMillis() + " ms");
            drawChart();
        }
        updateButtons();
    }

    /** Fractions shown to 2 decimals in the grid (the CSV export keeps every digit). */
    private static Object[] rounded(Object[] row) {
        Object[] copy = row.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] instanceof Double d && !d.isNaN() && !d.isInfinite() && d != Math.rint(d)) {
                copy[i] = java.math.BigDecimal.valueOf(d).setScale(2, java.math.RoundingMode.HALF_UP);
            }
        }
        return copy;
    }

    private void drawChart() {
        chartHolder.getChildren().clear();
        boolean hasChart = result != null && result.analysis().chart().kind() != Chart.Kind.NONE;
        // a plain list gives the whole space to the grid
        if (!hasChart) {
            output.getItems().remove(chartHolder);
            return;
        }
        if (!output.getItems().contains(chartHolder)) {
            output.getItems().addFirst(chartHolder);
            output.setDividerPositions(0.65);
        }
        Chart hint = result.analysis().chart();
        String value = measure.getValue() != null ? measure.getValue() : hint.values().isEmpty() ? null : hint.values().getFirst();
        Node chart = ChartFactory.build(hint, result.table(), value);
        if (chart instanceof Region region && (hint.kind() == Chart.Kind.HEATMAP || hint.kind() == Chart.Kind.KPI)) {
            ScrollPane scroll = new ScrollPane(region);
            scroll.setFitToWidth(true);
            chartHolder.getChildren().add(scroll);
        } else if (chart != null) {
            chartHolder.getChildren().add(chart);
        }
    }

    private void showError(String message) {
        error.setText(message == null ? "" : message);
        error.setVisible(message != null);
        output.setVisible(message == null);
    }

    private void updateButtons() {
        boolean busy = running != null;
        run.setDisable(workspace == null || selected == null || busy);
        cancel.setDisable(!busy);
        openSql.setDisable(selected == null);
        showSql.setDisable(selected == null);
        exportCsv.setDisable(result == null);
        exportPng.setDisable(result == null || result.analysis().chart().kind() == Chart.Kind.NONE);
    }

    private void export(String extension) {
        if (result == null) {
            return;
        }
        Path file = saveChooser.apply(extension.equals("png") ? "Export the chart" : "Export the table", extension);
        if (file == null) {
            return;
        }
        try {
            if (extension.equals("png")) {
                Node node = chartHolder.getChildren().isEmpty() ? chartHolder : chartHolder.getChildren().getFirst();
                if (node instanceof ScrollPane scroll) {
                    node = scroll.getContent();
                }
                ImageIO.write(SwingFXUtils.fromFXImage(node.snapshot(null, null), null), "png", file.toFile());
            } else {
                try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
                    TablePrinter.print(result.table(), OutputFormat.csv, out);
                }
            }
            status.setText("Saved " + file.getFileName() + ".");
        } catch (IOException e) {
            showError("Cannot write " + file + ": " + e.getMessage());
        }
    }

    private Path chooseFile(String dialogTitle, String extension) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(dialogTitle);
        chooser.setInitialFileName((selected == null ? "analysis" : selected.name()) + "." + extension);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(extension.toUpperCase(java.util.Locale.ROOT), "*." + extension));
        var chosen = chooser.showSaveDialog(getTabPane() == null ? null : getTabPane().getScene().getWindow());
        return chosen == null ? null : chosen.toPath();
    }

    /**
     * A group heading, or an analysis by title. No tooltips in this tab: under the headless platform a tooltip
     * window closing leaves no active window, and the next robot click in a UI test fails.
     */
    private static final class CatalogCell extends TreeCell<Object> {
        CatalogCell() {
            // fit the tree's width (long titles end in "…") instead of scrolling sideways
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().remove("catalog-group");
            if (empty || item == null) {
                setText(null);
            } else if (item instanceof Analysis analysis) {
                setText(analysis.title());
            } else {
                setText(item.toString());
                getStyleClass().add("catalog-group");
            }
        }
    }
}
