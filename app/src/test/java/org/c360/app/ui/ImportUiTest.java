package org.c360.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Window;

import org.c360.analytics.testing.TestWorkspaces;
import org.c360.analytics.workspace.Workspace;
import org.c360.app.ui.catalog.CatalogPane;
import org.c360.app.ui.main.StartOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Importing from the window: a CSV shows up in the grid, a bad file gets the error dialog, Cancel keeps nothing. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImportUiTest {
    @TempDir
    static Path dir;
    static TestWindow ui;

    @BeforeAll
    static void openWindow() {
        ui = TestWindow.open(dir.resolve("home"),
                new StartOptions(List.of(dir.resolve("import-test.c360")), null, null, null, null, null, null));
    }

    @AfterAll
    static void closeWindow() {
        ui.close();
    }

    private static DialogPane dialogPane() {
        Window dialog = ui.dialog();
        return dialog == null ? null : (DialogPane) Fx.call(() -> dialog.getScene().getRoot());
    }

    private static TreeItem<CatalogPane.Entry> catalogItem(String table) {
        TreeView<CatalogPane.Entry> tree = ui.byId("catalog-tree");
        return Fx.call(() -> tree.getRoot().getChildren().stream().flatMap(layer -> layer.getChildren().stream())
                .filter(item -> table.equals(item.getValue().table())).findFirst().orElse(null));
    }

    @Test
    @Order(1)
    void anOpenedCsvShowsItsRowsInTheGrid() throws Exception {
        Path csv = dir.resolve("customers.csv");
        Files.writeString(csv, """
                customer_id,email,name,country
                1,ann@example.com,Ann,DE
                2,bob@example.com,Bob,FR
                3,cy@example.com,Cy,US
                """);
        Fx.run(() -> ui.window.openFiles(List.of(csv)));
        Fx.waitUntil("the import summary", () -> dialogPane() != null && "import-summary".equals(dialogPane().getId()));
        assertTrue(Fx.call(() -> dialogPane().getHeaderText()).contains("3 rows landed"), Fx.call(() -> dialogPane().getHeaderText()));
        ui.closeDialogs();
        ui.waitIdle();

        TreeItem<CatalogPane.Entry> raw = catalogItem("raw_customers");
        assertNotNull(raw, "the catalog lists the raw table");
        TreeView<CatalogPane.Entry> tree = ui.byId("catalog-tree");
        Fx.run(() -> tree.getSelectionModel().select(raw));
        Node cell = Fx.call(() -> tree.lookupAll(".tree-cell").stream()
                .filter(n -> n instanceof TreeCell<?> c && c.getItem() == raw.getValue()).findFirst().orElseThrow());
        Fx.click(cell, 2);
        TableView<Object[]> grid = ui.byId("data-grid");
        Fx.waitUntil("the grid shows the CSV", () -> "raw_customers".equals(ui.text("data-title")) && grid.getItems().size() == 3);
        assertEquals("Bob", Fx.call(() -> {
            int name = grid.getColumns().stream().map(c -> c.getText()).toList().indexOf("name");
            return grid.getItems().get(1)[name];
        }));
        assertTrue(Files.readString(dir.resolve("home").resolve("recent.properties")).contains("customers.csv"));
    }

    @Test
    @Order(2)
    void theSummaryOpensTheRejectedRowsInTheGrid() throws Exception {
        Path orders = dir.resolve("orders.csv");
        Files.writeString(orders, """
                order_id,customer_id,amount
                10,1,9.5
                ,3,12.0
                12,2,3.25
                """);
        Fx.run(() -> ui.window.openFiles(List.of(orders)));
        Fx.waitUntil("the import summary", () -> dialogPane() != null && "import-summary".equals(dialogPane().getId()));
        String header = Fx.call(() -> dialogPane().getHeaderText());
        assertTrue(header.contains("1 rejected"), header);
        Button open = Fx.call(() -> (Button) dialogPane().lookupAll(".button").stream()
                .filter(n -> n instanceof Button b && "Open rejected rows".equals(b.getText())).findFirst().orElseThrow());
        Fx.click(open);
        ui.waitIdle();
        TableView<Object[]> grid = ui.byId("data-grid");
        Fx.waitUntil("the grid shows the rejected row", () -> "rejected_rows".equals(ui.text("data-title"))
                && grid.getItems().size() == 1);
        assertEquals("1 row", ui.text("row-count"));
        assertTrue(Fx.call(() -> ((javafx.scene.layout.FlowPane) ui.byId("filter-chips")).getChildren().size()) >= 2,
                "the import and file filters are shown as chips");
        assertEquals(null, ui.dialog());
    }

    @Test
    @Order(3)
    void aFileThatCannotBeImportedGetsTheErrorDialog() throws Exception {
        Path notes = dir.resolve("notes.xyz");
        Files.writeString(notes, "not data");
        Fx.run(() -> ui.window.importFiles(List.of(notes)));
        Fx.waitUntil("the error dialog", () -> dialogPane() != null && "error-dialog".equals(dialogPane().getId()));
        String header = Fx.call(() -> dialogPane().getHeaderText());
        assertTrue(header.contains("notes.xyz"), header);
        assertNotNull(Fx.call(() -> dialogPane().getExpandableContent()), "details on demand");
        ui.closeDialogs();
        ui.waitIdle();
    }

    @Test
    @Order(4)
    void cancellingALongImportLeavesTheWorkspaceUnchanged() throws Exception {
        Path big = dir.resolve("events.csv");
        try (Workspace scratch = Workspace.open(dir.resolve("scratch.c360"));
             Connection connection = scratch.connect(); Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT i AS event_id, i % 50000 AS customer_id, 'page_view' AS type, "
                    + "TIMESTAMP '2024-01-01' + to_seconds(i) AS timestamp, 'https://example.com/p/' || (i % 977) AS page "
                    + "FROM range(3000000) r(i)) TO '" + big + "' (HEADER)");
        }
        Workspace workspace = Fx.call(() -> ui.window.session().workspace());
        Map<String, Long> before = TestWorkspaces.snapshot(workspace);

        Fx.run(() -> ui.window.importFiles(List.of(big)));
        Label task = ui.byId("status-task");
        Fx.waitUntil("the import runs", () -> task.isVisible() && task.getText() != null && !task.getText().isEmpty());
        Fx.click(ui.byId("status-cancel"));
        ui.waitIdle();
        assertTrue(Fx.call(() -> ui.dialog() == null), "a cancelled import is no error");
        Fx.waitUntil("the status bar is clear", () -> !task.isVisible(), Duration.ofSeconds(10));

        assertEquals(before, TestWorkspaces.snapshot(workspace));
        assertFalse(TestWorkspaces.snapshot(workspace).containsKey("raw_events"));
    }
}
