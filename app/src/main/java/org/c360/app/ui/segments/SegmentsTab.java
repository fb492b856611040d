package org.c360.app.ui.segments;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.Duration;

import org.c360.analytics.query.ResultTable;
import org.c360.analytics.segment.CompiledSegment;
import org.c360.analytics.segment.ExpressionException;
import org.c360.analytics.segment.ExpressionParser;
import org.c360.analytics.segment.Overlap;
import org.c360.analytics.segment.Relation;
import org.c360.analytics.segment.SavedSegment;
import org.c360.analytics.segment.SegmentExport;
import org.c360.analytics.segment.Segments;
import org.c360.analytics.workspace.Workspace;
import org.c360.app.ui.grid.ResultGrid;
import org.c360.app.ui.task.BackgroundTask;
import org.c360.app.ui.identity.ResolveAction;
import org.c360.app.ui.task.Tasks;

/**
 * Segments: build a segment as a tree of AND/OR conditions on profile fields and related records, or type
 * it in the segment language; see its size live (counted in the background after a pause in typing, a
 * count overtaken by a newer edit cancelled), the first people and the SQL it runs; save it, refresh saved
 * ones and follow their size, compare them, and export them.
 */
public final class SegmentsTab extends Tab {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm");
    static final int PREVIEW_ROWS = 100;
    /** A pause in editing this long starts a count. */
    private static final Duration SETTLE = Duration.millis(200);

    /** What one count brings back: the compiled segment (for its SQL) and its size. */
    record Answer(CompiledSegment segment, Segments.Count count) {
    }

    /** What the tab needs once per workspace: the fields and related records to offer, the saved segments. */
    record Setup(boolean available, Map<String, String> profile, Map<String, Map<String, String>> relations,
                 List<SavedSegment> saved) {
    }

    private final Tasks tasks;
    private final Supplier<Window> owner;
    private final StackPane stack = new StackPane();
    private final Label unavailable = new Label();
    private final ConditionTree tree = new ConditionTree();
    private final TextArea expression = new TextArea();
    private final Label count = new Label("—");
    private final Label countDetail = new Label();
    private final ProgressIndicator counting = new ProgressIndicator();
    private final Label problem = new Label();
    private final ResultGrid preview = new ResultGrid(false, "The first people of the segment show here.");
    private final TextArea sql = new TextArea();
    private final TextField name = new TextField();
    private final Button save = new Button("Save");
    private final Button export = new Button("Export…");
    private final TableView<SavedSegment> saved = new TableView<>();
    private final LineChart<String, Number> history = new LineChart<>(new CategoryAxis(), new NumberAxis());
    private final GridPane overlap = new GridPane();
    private final Label overlapCaption = new Label("Select two or more saved segments and press Overlap.");
    private final PauseTransition settle = new PauseTransition(SETTLE);

    private Workspace workspace;
    private Segments segments;
    private boolean syncing;
    private long generation;
    private BackgroundTask<Answer> countTask;
    private BackgroundTask<ResultTable> previewTask;
    private Answer last;

    /** Shown with "No profiles yet": segments need resolved people, so the way to them is one click away. */
    private final Button resolveButton = new Button("Resolve identities");

    public SegmentsTab(Tasks tasks, Supplier<Window> owner, ResolveAction resolve) {
        super("Segments");
        this.tasks = tasks;
        this.owner = owner;
        setId("tab-segments");
        setClosable(false);
        unavailable.setId("segments-unavailable");
        unavailable.setWrapText(true);
        unavailable.setMaxWidth(620);
        resolveButton.setId("segments-resolve");
        resolveButton.getStyleClass().add("accent");
        resolveButton.setOnAction(e -> resolve.run());
        resolveButton.disableProperty().bind(resolve.runningProperty().isNotNull());
        resolveButton.setManaged(false);
        resolveButton.setVisible(false);
        VBox empty = new VBox(16, unavailable, resolveButton);
        empty.setPadding(new Insets(40, 48, 40, 48));
        stack.getChildren().addAll(empty, body());
        setContent(stack);
        showUnavailable("No workspace open.");
        settle.setOnFinished(e -> recount());
        tree.setOnChange(() -> {
            syncing = true;
            expression.setText(tree.expression());
            syncing = false;
        });
        expression.textProperty().addListener((obs, old, text) -> {
            settle.playFromStart();
            if (!syncing) {
                problem.setText("");
            }
        });
    }

    private SplitPane body() {
        ScrollPane treeScroll = new ScrollPane(tree);
        treeScroll.setFitToWidth(true);
        treeScroll.setPrefViewportHeight(220);
        treeScroll.setId("segment-tree-scroll");
        expression.setId("segment-expression");
        expression.setPrefRowCount(3);
        expression.setWrapText(true);
        expression.setPromptText("or type: has subscription(status = 'active') and country in ('DE', 'AT')");
        expression.getStyleClass().add("monospace");
        count.setId("segment-count");
        count.getStyleClass().add("title-2");
        countDetail.setId("segment-count-detail");
        countDetail.getStyleClass().add("dim");
        counting.setPrefSize(22, 22);
        counting.setVisible(false);
        problem.setId("segment-problem");
        problem.getStyleClass().addAll("segment-problem", "monospace");
        problem.setWrapText(true);
        HBox countBar = new HBox(10, count, counting, countDetail);
        countBar.setAlignment(Pos.CENTER_LEFT);

        sql.setId("segment-sql");
        sql.setEditable(false);
        sql.setWrapText(true);
        sql.getStyleClass().add("monospace");
        preview.view().setId("segment-preview");
        TabPane results = new TabPane(new Tab("Preview (first " + PREVIEW_ROWS + ")", preview.view()), new Tab("SQL", sql));
        results.getTabs().forEach(t -> t.setClosable(false));
        results.setId("segment-results");
        VBox.setVgrow(results, Priority.ALWAYS);

        name.setId("segment-name");
        name.setPromptText("Name to save it under");
        HBox.setHgrow(name, Priority.ALWAYS);
        save.setId("segment-save");
        save.getStyleClass().add("accent");
        save.setOnAction(e -> saveCurrent());
        export.setId("segment-export");
        export.setOnAction(e -> exportSelection(SegmentExport.Selection.of(expression.getText()),
                "the current segment", last == null ? -1 : last.count().optedOut()));
        Button clear = new Button("Clear");
        clear.setId("segment-clear");
        clear.setOnAction(e -> tree.clear());
        HBox actions = new HBox(8, name, save, export, clear);
        actions.setAlignment(Pos.CENTER_LEFT);

        Label builderTitle = new Label("Build a segment");
        builderTitle.getStyleClass().add("title-4");
        Label expressionTitle = new Label("Expression (the same language as c360 segment --where)");
        expressionTitle.getStyleClass().add("dim");
        VBox.setVgrow(treeScroll, Priority.ALWAYS);
        VBox editor = new VBox(6, treeScroll, expressionTitle, expression, problem);
        VBox outcome = new VBox(6, countBar, results);
        SplitPane builder = new SplitPane(editor, outcome);
        builder.setOrientation(Orientation.VERTICAL);
        builder.setDividerPositions(0.5);
        VBox.setVgrow(builder, Priority.ALWAYS);
        VBox left = new VBox(6, builderTitle, builder, actions);
        left.setPadding(new Insets(10, 8, 10, 12));

        Label savedTitle = new Label("Saved segments");
        savedTitle.getStyleClass().add("title-4");
        saved.setId("segment-saved");
        saved.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        saved.getStyleClass().add(atlantafx.base.theme.Styles.DENSE);
        saved.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        saved.getColumns().add(column("Name", SavedSegment::name));
        saved.getColumns().add(column("People", s -> String.format("%,d", s.size())));
        saved.getColumns().add(column("Refreshed", s -> s.refreshedAt() == null ? "" : WHEN.format(s.refreshedAt())));
        saved.setPlaceholder(new Label("Nothing saved yet."));
        saved.setPrefHeight(170);
        saved.getSelectionModel().getSelectedItems().addListener((javafx.collections.ListChangeListener<SavedSegment>) c -> showHistory());
        Button load = new Button("Load");
        load.setId("segment-load");
        load.setOnAction(e -> selected().ifPresent(s -> show(s.expression())));
        Button refresh = new Button("Refresh");
        refresh.setId("segment-refresh");
        refresh.setOnAction(e -> selected().ifPresent(this::refreshSaved));
        Button exportSaved = new Button("Export…");
        exportSaved.setId("segment-export-saved");
        exportSaved.setOnAction(e -> selected().ifPresent(s -> exportSelection(SegmentExport.Selection.saved(s.name()),
                "saved segment " + s.name() + " (as last refreshed)", -1)));
        Button compare = new Button("Overlap");
        compare.setId("segment-overlap");
        compare.setOnAction(e -> compare());
        Button delete = new Button("Delete");
        delete.setId("segment-delete");
        delete.setOnAction(e -> selected().ifPresent(this::deleteSaved));
        for (Button b : List.of(load, refresh, exportSaved, delete)) {
            b.disableProperty().bind(javafx.beans.binding.Bindings.size(saved.getSelectionModel().getSelectedItems()).isNotEqualTo(1));
        }
        compare.disableProperty().bind(javafx.beans.binding.Bindings.size(saved.getSelectionModel().getSelectedItems()).lessThan(2));
        HBox savedActions = new HBox(6, load, refresh, exportSaved, compare, delete);

        history.setId("segment-history");
        history.setTitle("Size at each refresh");
        history.setLegendVisible(false);
        history.setAnimated(false);
        history.setPrefHeight(200);
        history.setMinHeight(150);
        overlap.setId("segment-overlap-matrix");
        overlap.setHgap(14);
        overlap.setVgap(4);
        overlapCaption.getStyleClass().add("dim");
        overlapCaption.setWrapText(true);
        VBox right = new VBox(6, savedTitle, saved, savedActions, history, new Label("Overlap (people in both)"), overlapCaption, overlap);
        right.setPadding(new Insets(10, 12, 10, 8));
        ScrollPane rightScroll = new ScrollPane(right);
        rightScroll.setFitToWidth(true);

        SplitPane split = new SplitPane(left, rightScroll);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.64);
        split.setId("segments-body");
        return split;
    }

    private static TableColumn<SavedSegment, String> column(String title, java.util.function.Function<SavedSegment, String> value) {
        TableColumn<SavedSegment, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setSortable(false);
        return column;
    }

    // ---- workspace

    /** Reads the fields and saved segments of {@code workspace} in the background; prepares related records for fast counts. */
    public void reload(Workspace workspace) {
        this.workspace = workspace;
        cancelRunning();
        if (workspace == null) {
            segments = null;
            showUnavailable("No workspace open.");
            return;
        }
        Workspace ws = workspace;
        Segments engine = new Segments(ws);
        tasks.run("Reading segments", progress -> {
            if (!engine.available()) {
                return new Setup(false, Map.of(), Map.of(), List.of());
            }
            Map<String, Map<String, String>> relations = new LinkedHashMap<>();
            for (Map.Entry<Relation, Map<String, String>> r : engine.relations().entrySet()) {
                relations.put(r.getKey().name(), r.getValue());
            }
            return new Setup(true, engine.profileFields(), relations, engine.list());
        }).quiet().onSuccess(setup -> {
            if (ws != this.workspace) {
                return;
            }
            if (!setup.available()) {
                segments = null;
                showUnavailable("No profiles yet. Segments select resolved people: resolve identities first "
                        + "(Customers ▸ Resolve identities), then build segments here.");
                resolveButton.setManaged(true);
                resolveButton.setVisible(true);
                return;
            }
            segments = engine;
            stack.getChildren().get(0).setVisible(false);
            stack.getChildren().get(1).setVisible(true);
            tree.setFields(new ConditionTree.Fields(setup.profile(), setup.relations()));
            showSaved(setup.saved());
            // an empty builder picks up the segment last worked on
            if (expression.getText().isBlank() && !setup.saved().isEmpty()) {
                SavedSegment latest = setup.saved().stream().max(java.util.Comparator.comparing(SavedSegment::refreshedAt,
                        java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()))).orElseThrow();
                name.setText(latest.name());
                saved.getSelectionModel().select(latest);
                show(latest.expression());
            } else {
                recount();
            }
            // copies of related records with their people: counts with "has ..." become fast when done
            tasks.run("Preparing related records for segments", progress -> engine.prepare(null, progress))
                    .onSuccess(built -> {
                        if (ws == this.workspace && !built.isEmpty()) {
                            recount();
                        }
                    }).start();
        }).start();
    }

    private void showUnavailable(String message) {
        unavailable.setText(message);
        resolveButton.setManaged(false);
        resolveButton.setVisible(false);
        stack.getChildren().get(0).setVisible(true);
        stack.getChildren().get(1).setVisible(false);
    }

    // ---- live count

    /** Counts what the expression says now; an older count still running is cancelled, a late answer dropped. */
    private void recount() {
        if (segments == null) {
            return;
        }
        cancelRunning();
        long mine = ++generation;
        String text = expression.getText();
        Segments engine = segments;
        counting.setVisible(true);
        countTask = tasks.run("Counting the segment", progress -> {
            CompiledSegment compiled = engine.compile(text);
            return new Answer(compiled, engine.count(text, progress));
        }).quiet().onSuccess(answer -> {
            if (mine != generation) {
                return;
            }
            last = answer;
            problem.setText("");
            count.setText(String.format("%,d people", answer.count().people()));
            countDetail.setText(String.format("%,d of them opted out · counted in %,d ms", answer.count().optedOut(),
                    answer.count().millis()));
            sql.setText(answer.segment().displaySql());
            loadTreeFrom(text); // typed text shows in the tree too (when the tree can show it)
            loadPreview(mine, text);
        }).onError(error -> {
            if (mine != generation) {
                return;
            }
            last = null;
            count.setText("—");
            countDetail.setText("");
            if (error instanceof ExpressionException e) {
                problem.setText(e.getMessage() + "\n" + e.pointer());
            } else {
                problem.setText(error.getMessage());
            }
        }).andFinally(() -> {
            if (mine == generation) {
                counting.setVisible(false);
            }
        }).start();
    }

    private void loadPreview(long mine, String text) {
        Segments engine = segments;
        previewTask = tasks.run("Previewing the segment", progress -> engine.preview(text, null, PREVIEW_ROWS, progress))
                .quiet().onSuccess(table -> {
                    if (mine == generation) {
                        preview.show(table.columns(), table.types(), table.rows());
                    }
                }).onError(error -> {
                    if (mine == generation) {
                        problem.setText(error.getMessage());
                    }
                }).start();
    }

    private void cancelRunning() {
        if (countTask != null && countTask.isRunning()) {
            countTask.cancel();
        }
        if (previewTask != null && previewTask.isRunning()) {
            previewTask.cancel();
        }
    }

    /** Puts an expression typed (or loaded) as text into the tree, when the tree can show it. */
    private void loadTreeFrom(String text) {
        if (text.equals(tree.expression())) {
            return;
        }
        try {
            tree.load(ExpressionParser.parse(text));
        } catch (ExpressionException ignored) {
            // the count already reported it
        }
    }

    /** Shows a saved (or any) expression in the builder and counts it. */
    public void show(String text) {
        syncing = true;
        expression.setText(text);
        syncing = false;
        try {
            tree.load(ExpressionParser.parse(text));
        } catch (ExpressionException ignored) {
            // shown as the count's problem
        }
        settle.stop();
        recount();
    }

    // ---- saved segments

    private void saveCurrent() {
        String segmentName = name.getText() == null ? "" : name.getText().strip();
        if (segmentName.isEmpty()) {
            problem.setText("Name the segment to save it.");
            name.requestFocus();
            return;
        }
        Segments engine = segments;
        String text = expression.getText();
        tasks.run("Saving segment " + segmentName, progress -> {
            engine.save(segmentName, text, progress);
            return engine.list();
        }).onSuccess(list -> {
            showSaved(list);
            list.stream().filter(s -> s.name().equals(segmentName)).findFirst().ifPresent(s -> {
                saved.getSelectionModel().clearSelection();
                saved.getSelectionModel().select(s);
            });
        }).start();
    }

    private void refreshSaved(SavedSegment segment) {
        Segments engine = segments;
        tasks.run("Refreshing segment " + segment.name(), progress -> {
            engine.refresh(segment.name(), progress);
            return engine.list();
        }).onSuccess(list -> {
            showSaved(list);
            list.stream().filter(s -> s.id() == segment.id()).findFirst().ifPresent(s -> saved.getSelectionModel().select(s));
        }).start();
    }

    private void deleteSaved(SavedSegment segment) {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Delete saved segment " + segment.name() + " and its history?",
                ButtonType.OK, ButtonType.CANCEL);
        confirm.initOwner(owner.get());
        confirm.setHeaderText(null);
        confirm.getDialogPane().setId("segment-delete-confirm");
        confirm.resultProperty().addListener((obs, old, button) -> {
            if (button == ButtonType.OK) {
                Segments engine = segments;
                tasks.run("Deleting segment " + segment.name(), progress -> {
                    engine.delete(segment.name());
                    return engine.list();
                }).onSuccess(this::showSaved).start();
            }
        });
        confirm.show();
    }

    private void showSaved(List<SavedSegment> list) {
        saved.setItems(FXCollections.observableArrayList(list));
    }

    private Optional<SavedSegment> selected() {
        List<SavedSegment> items = saved.getSelectionModel().getSelectedItems();
        return items.size() == 1 ? Optional.of(items.getFirst()) : Optional.empty();
    }

    private void showHistory() {
        Optional<SavedSegment> segment = selected();
        if (segment.isEmpty() || segments == null) {
            history.getData().clear();
            return;
        }
        Segments engine = segments;
        String segmentName = segment.get().name();
        tasks.run("Reading segment history", progress -> engine.history(segmentName)).quiet().onSuccess(points -> {
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            for (SavedSegment.Refresh r : points) {
                series.getData().add(new XYChart.Data<>(WHEN.format(r.at()), r.size()));
            }
            history.getData().setAll(List.of(series));
            history.setTitle("Size of " + segmentName + " at each refresh");
        }).start();
    }

    private void compare() {
        List<String> names = saved.getSelectionModel().getSelectedItems().stream().map(SavedSegment::name).toList();
        Segments engine = segments;
        tasks.run("Comparing segments", progress -> engine.overlap(names, progress)).onSuccess(this::showOverlap).start();
    }

    private void showOverlap(Overlap result) {
        overlap.getChildren().clear();
        List<String> names = result.segments();
        for (int j = 0; j < names.size(); j++) {
            Label header = new Label(names.get(j));
            header.getStyleClass().add("text-bold");
            overlap.add(header, j + 1, 0);
        }
        for (int i = 0; i < names.size(); i++) {
            Label row = new Label(names.get(i));
            row.getStyleClass().add("text-bold");
            overlap.add(row, 0, i + 1);
            for (int j = 0; j < names.size(); j++) {
                Label cell = new Label(String.format("%,d", result.both(i, j)));
                cell.setId("overlap-" + i + "-" + j);
                if (i == j) {
                    cell.getStyleClass().add("dim");
                }
                overlap.add(cell, j + 1, i + 1);
            }
        }
        StringBuilder regions = new StringBuilder("Exactly in: ");
        result.regions().forEach(r -> regions.append(String.join(" + ", r.segments())).append(" ")
                .append(String.format("%,d", r.people())).append("; "));
        overlapCaption.setText(regions.substring(0, regions.length() - 2) + ".");
    }

    // ---- export

    private void exportSelection(SegmentExport.Selection selection, String what, long optedOut) {
        if (segments == null) {
            return;
        }
        Map<String, String> columns = tree.fields().profile();
        new ExportDialog(owner.get(), tasks, workspace, selection, what, optedOut, List.copyOf(columns.keySet())).show();
    }
}
