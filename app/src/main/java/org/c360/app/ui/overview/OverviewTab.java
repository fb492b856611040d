package org.c360.app.ui.overview;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.c360.analytics.analysis.AnalysisCatalog;
import org.c360.analytics.analysis.AnalysisRunner;
import org.c360.analytics.browse.WorkspaceSummary;
import org.c360.analytics.query.ResultTable;
import org.c360.analytics.workspace.Catalog;
import org.c360.analytics.workspace.Workspace;
import org.c360.app.ui.analysis.KpiCards;
import org.c360.app.ui.grid.CellFormat;
import org.c360.app.ui.task.Failures;
import org.c360.app.ui.task.Tasks;

/**
 * What the workspace holds at a glance: rows and tables per layer, every table, the latest imports and
 * the files that had rows rejected (each with a button that opens those rows in the data grid).
 */
public final class OverviewTab extends Tab {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final int RECENT_IMPORTS = 10;

    private final VBox content = new VBox(18);
    private final Tasks tasks;
    private final BiConsumer<Long, String> onOpenRejected;
    /** Counts the overviews shown, so key figures that arrive late land only on their own overview. */
    private int shown;

    /** @param onOpenRejected opens the rejected rows of (import id, source file) in the data grid */
    public OverviewTab(Tasks tasks, BiConsumer<Long, String> onOpenRejected) {
        super("Overview");
        this.tasks = tasks;
        this.onOpenRejected = onOpenRejected;
        setId("tab-overview");
        setClosable(false);
        content.setPadding(new Insets(20, 24, 24, 24));
        content.getStyleClass().add("overview");
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        setContent(scroll);
        showEmpty();
    }

    /** Reads the summary of {@code workspace} in the background and shows it. */
    public void reload(Workspace workspace) {
        if (workspace == null) {
            showEmpty();
            return;
        }
        tasks.run("Reading the workspace overview", progress -> WorkspaceSummary.read(workspace, RECENT_IMPORTS, progress))
                .quiet().onSuccess(summary -> {
                    show(summary);
                    showKeyFigures(workspace, shown);
                }).start();
    }

    /** The KPI overview analysis (last 30 days against the 30 before), when customers and transactions are mapped. */
    private void showKeyFigures(Workspace workspace, int overview) {
        tasks.run("Reading the key figures", progress -> {
            AnalysisRunner runner = new AnalysisRunner(workspace);
            return runner.missingTables(AnalysisCatalog.KPI_OVERVIEW).isEmpty()
                    ? Optional.of(runner.run(AnalysisCatalog.KPI_OVERVIEW, Map.of(), 100, progress).table())
                    : Optional.<ResultTable>empty();
        }).quiet().onSuccess(figures -> {
            if (overview == shown && figures.isPresent()) {
                KpiCards cards = new KpiCards(figures.get());
                cards.setId("overview-kpis");
                cards.setPadding(Insets.EMPTY);
                content.getChildren().addAll(2, List.of(section("Key figures: the last 30 days of transactions against the 30 before"), cards));
            }
        }).onError(failure -> {
            if (overview == shown) {
                content.getChildren().addAll(2, List.of(section("Key figures"), note(Failures.message(failure))));
            }
        }).start();
    }

    private void showEmpty() {
        shown++;
        Label title = heading("No workspace open");
        Label hint = new Label("Open one with File › Open workspace…, or start a new one with File › New workspace….");
        hint.getStyleClass().add("dim");
        content.getChildren().setAll(title, hint);
    }

    private void show(WorkspaceSummary summary) {
        shown++;
        Label title = heading(summary.file().getFileName().toString());
        Label where = new Label(summary.file() + (summary.sizeBytes() >= 0 ? "  ·  " + size(summary.sizeBytes()) : ""));
        where.getStyleClass().add("dim");

        FlowPane cards = new FlowPane(12, 12);
        for (Catalog.Layer layer : List.of(Catalog.Layer.SOURCE, Catalog.Layer.ENTITY, Catalog.Layer.QUARANTINE,
                Catalog.Layer.USER)) {
            cards.getChildren().add(card(layer.title(), summary.rowsIn(layer), summary.tablesIn(layer)));
        }

        content.getChildren().setAll(new VBox(4, title, where), cards, section("Tables"), tables(summary),
                section("Recent imports"), imports(summary), section("Rejected rows"), rejected(summary));
    }

    private static Node card(String title, long rows, long tables) {
        Label name = new Label(title);
        name.getStyleClass().add("card-title");
        Label count = new Label(CellFormat.count(rows));
        count.getStyleClass().add("card-number");
        Label detail = new Label((rows == 1 ? "row" : "rows") + " in " + tables + (tables == 1 ? " table" : " tables"));
        detail.getStyleClass().add("dim");
        VBox card = new VBox(2, name, count, detail);
        card.getStyleClass().add("card");
        card.setPrefWidth(160);
        return card;
    }

    private static Node tables(WorkspaceSummary summary) {
        GridPane grid = grid("Layer", "Table", "Rows", "Columns");
        int row = 1;
        for (Catalog.TableInfo table : summary.tables()) {
            if (table.layer() == Catalog.Layer.SYSTEM) {
                continue;
            }
            grid.addRow(row++, new Label(table.layer().title()), new Label(table.name()),
                    number(table.rows()), number(table.columns()));
        }
        return row == 1 ? note("No tables yet.") : grid;
    }

    private static Node imports(WorkspaceSummary summary) {
        if (summary.imports().isEmpty()) {
            return note("No imports yet.");
        }
        GridPane grid = grid("Import", "Started", "Files", "Rows landed", "Rows rejected");
        int row = 1;
        for (WorkspaceSummary.ImportInfo info : summary.imports()) {
            grid.addRow(row++, new Label("#" + info.importId()), new Label(WHEN.format(info.startedAt())),
                    number(info.files()), number(info.rowsLanded()), number(info.rowsRejected()));
        }
        return grid;
    }

    private Node rejected(WorkspaceSummary summary) {
        if (summary.rejected().isEmpty()) {
            return note("No rejected rows.");
        }
        GridPane grid = grid("Import", "File", "Rows", "");
        int row = 1;
        for (WorkspaceSummary.RejectedFile file : summary.rejected()) {
            Button open = new Button("Open rows");
            open.getStyleClass().add("small");
            open.setOnAction(e -> onOpenRejected.accept(file.importId(), file.sourceFile()));
            grid.addRow(row++, new Label("#" + file.importId()), new Label(file.sourceFile()), number(file.rows()), open);
        }
        return grid;
    }

    private static GridPane grid(String... headers) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("summary-grid");
        grid.setHgap(24);
        grid.setVgap(6);
        for (int i = 0; i < headers.length; i++) {
            Label header = new Label(headers[i]);
            header.getStyleClass().add("grid-header");
            grid.add(header, i, 0);
            ColumnConstraints constraints = new ColumnConstraints();
            constraints.setHgrow(Priority.NEVER);
            grid.getColumnConstraints().add(constraints);
        }
        return grid;
    }

    private static Label number(long value) {
        Label label = new Label(CellFormat.count(value));
        label.setMaxWidth(Double.MAX_VALUE);
        label.setAlignment(Pos.CENTER_RIGHT);
        return label;
    }

    private static Label heading(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("title-2");
        return label;
    }

    private static Node section(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-title");
        return new HBox(label);
    }

    private static Label note(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("dim");
        return label;
    }

    private static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return Math.max(1, bytes / 1024) + " KB";
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format("%.1f MB", bytes / (1024.0 * 1024));
        }
        return String.format("%.2f GB", bytes / (1024.0 * 1024 * 1024));
    }
}
