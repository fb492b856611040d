package org.c360.app.ui.sql;

import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import org.c360.analytics.query.QueryRunner;
import org.c360.analytics.query.ResultTable;
import org.c360.analytics.workspace.Workspace;
import org.c360.app.ui.grid.CellFormat;
import org.c360.app.ui.grid.ResultGrid;
import org.c360.app.ui.task.BackgroundTask;
import org.c360.app.ui.task.Failures;
import org.c360.app.ui.task.Tasks;

/**
 * The SQL console: an editor (Ctrl+Enter runs the selection, or everything), Cancel, the result capped at
 * {@link QueryRunner#DEFAULT_MAX_ROWS} rows, DuckDB's error message inline where the result would be
 * (with its line and caret), and the history of past queries: click one to load it back.
 */
public final class SqlTab extends Tab {
    private static final KeyCombination RUN = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
    private static final int HISTORY = 200;

    private final Tasks tasks;
    private final Runnable onDataChanged;
    private final TextArea editor = new TextArea();
    private final Button run = new Button("Run");
    private final Button cancel = new Button("Cancel");
    private final Label status = new Label("Ctrl+Enter runs the query.");
    private final ResultGrid result = new ResultGrid(false, "Results appear here.");
    private final TextArea error = new TextArea();
    private final ListView<QueryRunner.HistoryEntry> history = new ListView<>();
    private Workspace workspace;
    private BackgroundTask<ResultTable> running;

    /** @param onDataChanged called after every query that ran, since it may have changed tables */
    public SqlTab(Tasks tasks, Runnable onDataChanged) {
        super("SQL");
        this.tasks = tasks;
        this.onDataChanged = onDataChanged;
        setId("tab-sql");
        setClosable(false);

        editor.setId("sql-editor");
        editor.getStyleClass().add("monospace");
        editor.setPromptText("SELECT * FROM customers LIMIT 10");
        editor.setPrefRowCount(7);
        editor.setWrapText(true);
        editor.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (RUN.match(e)) {
                e.consume();
                run();
            }
        });
        run.setId("sql-run");
        run.getStyleClass().add("accent");
        run.setTooltip(new Tooltip("Run the selected text, or all of it (Ctrl+Enter)"));
        run.setOnAction(e -> run());
        cancel.setId("sql-cancel");
        cancel.setDisable(true);
        cancel.setOnAction(e -> {
            if (running != null) {
                running.cancel();
            }
        });
        status.setId("sql-status");
        status.getStyleClass().add("dim");
        HBox actions = new HBox(8, run, cancel, status);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox editing = new VBox(8, editor, actions);
        VBox.setVgrow(editor, Priority.ALWAYS);
        editing.setPadding(new Insets(10, 12, 8, 12));

        error.setId("sql-error");
        error.setEditable(false);
        error.setWrapText(false);
        error.getStyleClass().addAll("monospace", "sql-error");
        error.setVisible(false);
        result.view().setId("sql-result");
        StackPane output = new StackPane(result.view(), error);
        SplitPane console = new SplitPane(editing, output);
        console.setOrientation(Orientation.VERTICAL);
        console.setDividerPositions(0.32);

        Label historyTitle = new Label("History");
        historyTitle.getStyleClass().add("pane-title");
        history.setId("sql-history");
        history.setCellFactory(list -> new HistoryCell());
        history.setPlaceholder(new Label("Queries you run are listed here."));
        VBox historyPane = new VBox(6, historyTitle, history);
        historyPane.setPadding(new Insets(10, 8, 8, 8));
        historyPane.getStyleClass().add("history-pane");
        VBox.setVgrow(history, Priority.ALWAYS);
        historyPane.setMinWidth(200);
        historyPane.setPrefWidth(260);

        SplitPane split = new SplitPane(console, historyPane);
        split.setDividerPositions(0.76);
        SplitPane.setResizableWithParent(historyPane, false);
        setContent(split);
        setWorkspace(null);
    }

    public TextArea editor() {
        return editor;
    }

    public void setWorkspace(Workspace workspace) {
        if (running != null) {
            running.cancel();
        }
        this.workspace = workspace;
        run.setDisable(workspace == null);
        result.clear("Results appear here.");
        showError(null);
        status.setText(workspace == null ? "Open a workspace to run SQL." : "Ctrl+Enter runs the query.");
        history.getItems().clear();
        loadHistory();
    }

    /** Runs the selected text, or the whole editor. */
    public void run() {
        if (workspace == null || running != null) {
            return;
        }
        String selected = editor.getSelectedText();
        String sql = selected == null || selected.isBlank() ? editor.getText() : selected;
        if (sql.isBlank()) {
            status.setText("Type a query first.");
            return;
        }
        Workspace ws = workspace;
        run.setDisable(true);
        cancel.setDisable(false);
        status.setText("Running…");
        showError(null);
        running = tasks.run("Running query", progress -> new QueryRunner(ws).run(sql, QueryRunner.DEFAULT_MAX_ROWS, progress))
                .onSuccess(this::showResult)
                .onError(failure -> {
                    showError(Failures.message(failure));
                    status.setText("The query failed.");
                })
                .andFinally(() -> {
                    if (running != null && running.isCancelled()) {
                        status.setText("Cancelled.");
                    }
                    running = null;
                    run.setDisable(this.workspace == null);
                    cancel.setDisable(true);
                    loadHistory();
                    onDataChanged.run();
                })
                .start();
    }

    private void showResult(ResultTable table) {
        result.show(table.columns(), table.types(), table.rows());
        status.setText(CellFormat.count(table.rowCount()) + (table.rowCount() == 1 ? " row" : " rows")
                + (table.truncated() ? " (the first " + CellFormat.count(QueryRunner.DEFAULT_MAX_ROWS)
                + "; add LIMIT or aggregate to see the rest)" : "") + " in " + table.elapsedMillis() + " ms");
    }

    private void showError(String message) {
        error.setText(message == null ? "" : message);
        error.setVisible(message != null);
        result.view().setVisible(message == null);
    }

    private void loadHistory() {
        if (workspace == null) {
            return;
        }
        Workspace ws = workspace;
        tasks.run("Reading the query history", progress -> new QueryRunner(ws).history(HISTORY)).quiet()
                .onSuccess(entries -> {
                    if (ws == workspace) {
                        history.setItems(FXCollections.observableArrayList(entries));
                    }
                }).start();
    }

    /** First line of the query, and when it ran, how long it took and what came of it; a click loads it. */
    private final class HistoryCell extends ListCell<QueryRunner.HistoryEntry> {
        HistoryCell() {
            // Fit the list's width (long queries end in "…") instead of scrolling sideways.
            setPrefWidth(0);
            setOnMouseClicked(e -> {
                if (getItem() != null) {
                    editor.setText(getItem().sql());
                    editor.requestFocus();
                }
            });
        }

        @Override
        protected void updateItem(QueryRunner.HistoryEntry entry, boolean empty) {
            super.updateItem(entry, empty);
            if (empty || entry == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Label sql = new Label(firstLine(entry.sql()));
            sql.getStyleClass().add("monospace");
            String outcome = entry.error() != null
                    ? ("cancelled".equals(entry.error()) ? "cancelled" : "error")
                    : entry.rows() == null ? "" : CellFormat.count(entry.rows()) + " rows";
            Label detail = new Label(entry.ranAt().toLocalTime().withNano(0) + " · " + entry.durationMillis() + " ms · "
                    + outcome);
            detail.getStyleClass().add("dim");
            if (entry.error() != null && !"cancelled".equals(entry.error())) {
                detail.getStyleClass().add("error-text");
            }
            VBox box = new VBox(1, sql, detail);
            setText(null);
            setGraphic(box);
            setTooltip(new Tooltip(entry.sql()));
        }

        private static String firstLine(String sql) {
            String line = sql.strip().lines().findFirst().orElse("");
            return line.length() > 60 ? line.substring(0, 59) + "…" : line;
        }
    }
}
