package org.c360.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;

import org.c360.analytics.query.QueryRunner;
import org.c360.app.ui.main.StartOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The SQL console as a user drives it: type, Ctrl+Enter, read the result or the error, reuse history, cancel. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SqlConsoleUiTest {
    @TempDir
    static Path dir;
    static TestWindow ui;

    @BeforeAll
    static void openWindow() {
        Path workspace = TestWindow.workspaceWith(dir, "CREATE TABLE numbers AS SELECT range AS n FROM range(10)");
        ui = TestWindow.open(dir.resolve("home"), new StartOptions(List.of(), workspace, null, "SQL", null, null, null));
    }

    @AfterAll
    static void closeWindow() {
        ui.close();
    }

    private static TextArea editor() {
        return ui.byId("sql-editor");
    }

    private static String status() {
        return ui.text("sql-status");
    }

    @Test
    @Order(1)
    void ctrlEnterRunsTheQueryAndShowsItsResult() {
        Fx.click(editor());
        Fx.type("select 6 * 7 as answer, count(*) as rows from numbers");
        Fx.press(KeyCode.CONTROL, KeyCode.ENTER);
        Fx.waitUntil("the result is shown", () -> status().startsWith("1 row in "));
        TableView<Object[]> result = ui.byId("sql-result");
        assertEquals(List.of("answer", "rows"), Fx.call(() -> result.getColumns().stream().map(c -> c.getText()).toList()));
        assertEquals(42, ((Number) Fx.call(() -> result.getItems().getFirst()[0])).intValue());
        assertEquals(10L, ((Number) Fx.call(() -> result.getItems().getFirst()[1])).longValue());
    }

    @Test
    @Order(2)
    void aBadQueryShowsDuckDbsErrorInline() {
        Fx.run(() -> editor().setText("select n from nowhere"));
        Fx.click(ui.byId("sql-run"));
        TextArea error = ui.byId("sql-error");
        Fx.waitUntil("the error is shown", error::isVisible);
        String message = Fx.call(error::getText);
        assertTrue(message.contains("nowhere") && message.contains("LINE 1"), message);
        assertEquals("The query failed.", status());
        assertTrue(ui.dialog() == null, "errors of the console stay in the console");
    }

    @Test
    @Order(3)
    void theHistoryListsQueriesAndLoadsThemBack() {
        ListView<QueryRunner.HistoryEntry> history = ui.byId("sql-history");
        Fx.waitUntil("both queries are listed", () -> history.getItems().size() == 2);
        assertEquals("select n from nowhere", Fx.call(() -> history.getItems().getFirst().sql()));
        Fx.waitUntil("the history cells are laid out", () -> history.lookupAll(".list-cell").stream()
                .anyMatch(n -> n instanceof ListCell<?> c && c.getIndex() == 1 && c.getItem() != null && c.getHeight() > 0));
        Node older = Fx.call(() -> history.lookupAll(".list-cell").stream()
                .filter(n -> n instanceof ListCell<?> c && c.getIndex() == 1 && c.getItem() != null).findFirst().orElseThrow());
        Fx.click(older);
        Fx.waitUntil("the old query is back in the editor",
                () -> editor().getText().equals("select 6 * 7 as answer, count(*) as rows from numbers"));
    }

    @Test
    @Order(4)
    void cancelStopsALongQueryAndTheWindowStaysResponsive() {
        Fx.run(() -> editor().setText("SELECT count(*) FROM range(100000000) a, range(100000000) b WHERE a.range + b.range = -1"));
        Fx.click(ui.byId("sql-run"));
        Button cancel = ui.byId("sql-cancel");
        Fx.waitUntil("the query runs", () -> !cancel.isDisabled() && status().equals("Running…"));
        Label task = ui.byId("status-task");
        Fx.waitUntil("the status bar shows it", () -> "Running query".equals(task.getText()));

        long start = System.nanoTime();
        Fx.call(() -> editor().getText());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 1000, "the FX thread answers while the query runs");

        Fx.click(cancel);
        Fx.waitUntil("the query stopped", () -> status().equals("Cancelled."), Duration.ofSeconds(20));
        ui.waitIdle();
        Fx.run(() -> editor().setText("select 1 as one"));
        Fx.click(ui.byId("sql-run"));
        Fx.waitUntil("the next query runs", () -> status().startsWith("1 row in "));
    }
}
