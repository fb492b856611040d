package org.c360.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.control.skin.TableColumnHeader;

import org.c360.analytics.browse.Filter;
import org.c360.app.ui.catalog.CatalogPane;
import org.c360.app.ui.main.StartOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The data grid as a user drives it: open a table from the catalog, page, sort by header, filter, profile. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DataGridUiTest {
    @TempDir
    static Path dir;
    static TestWindow ui;

    @BeforeAll
    static void openWindow() {
        Path workspace = TestWindow.workspaceWith(dir, """
                CREATE TABLE people AS
                SELECT i AS id, 'name' || i AS name,
                       CASE WHEN i % 10 = 0 THEN NULL ELSE i % 7 END AS grp,
                       (1000 - i) * 2 AS score
                FROM range(1, 1001) r(i)""", "CREATE TABLE other AS SELECT 1 AS x");
        ui = TestWindow.open(dir.resolve("home"), new StartOptions(List.of(), workspace, null, null, null, null, null));
    }

    @AfterAll
    static void closeWindow() {
        ui.close();
    }

    private static TableView<Object[]> grid() {
        return ui.byId("data-grid");
    }

    private static Object cell(int row, String column) {
        return Fx.call(() -> {
            TableView<Object[]> grid = grid();
            int index = -1;
            for (int c = 0; c < grid.getColumns().size(); c++) {
                if (grid.getColumns().get(c).getText().equals(column)) {
                    index = c;
                }
            }
            return grid.getItems().get(row)[index];
        });
    }

    private static long number(int row, String column) {
        return ((Number) cell(row, column)).longValue();
    }

    private static Node header(String column) {
        return Fx.call(() -> grid().lookupAll(".column-header").stream()
                .filter(n -> n instanceof TableColumnHeader h && h.getTableColumn() != null
                        && h.getTableColumn().getText().equals(column))
                .findFirst().orElseThrow());
    }

    @Test
    @Order(1)
    void doubleClickInTheCatalogShowsTheFirstPage() {
        TreeView<CatalogPane.Entry> tree = ui.byId("catalog-tree");
        Fx.waitUntil("the catalog lists people", () -> tree.getRoot() != null && !tree.getRoot().getChildren().isEmpty());
        TreeItem<CatalogPane.Entry> people = Fx.call(() -> tree.getRoot().getChildren().stream()
                .flatMap(layer -> layer.getChildren().stream())
                .filter(item -> "people".equals(item.getValue().table())).findFirst().orElseThrow());
        assertEquals(1000, people.getValue().rows());
        Fx.run(() -> tree.getSelectionModel().select(people));
        Node cell = Fx.call(() -> tree.lookupAll(".tree-cell").stream()
                .filter(n -> n instanceof javafx.scene.control.TreeCell<?> c && c.getItem() == people.getValue())
                .findFirst().orElseThrow());
        Fx.click(cell, 2);
        Fx.waitUntil("the grid shows people", () -> "people".equals(ui.text("data-title")) && !grid().getItems().isEmpty());
        ui.waitIdle();
        assertEquals(100, Fx.call(() -> grid().getItems().size()));
        assertEquals(1, number(0, "id"));
        assertEquals("1,000 rows", ui.text("row-count"));
        assertEquals("of 10", ui.text("page-count"));
    }

    @Test
    @Order(2)
    void nextPageShowsTheNextRows() {
        Fx.click(ui.byId("page-next"));
        Fx.waitUntil("page 2 is shown", () -> number(0, "id") == 101);
        assertEquals("2", Fx.call(() -> ((TextField) ui.byId("page-number")).getText()));
        Fx.click(ui.byId("page-last"));
        Fx.waitUntil("the last page is shown", () -> number(0, "id") == 901);
        Fx.click(ui.byId("page-first"));
        Fx.waitUntil("the first page is shown", () -> number(0, "id") == 1);
    }

    @Test
    @Order(3)
    void clickingAHeaderSortsInTheDatabase() {
        Fx.clickByEvents(header("score"));
        ui.waitIdle();
        Fx.waitUntil("sorted ascending by score", () -> number(0, "score") == 0);
        assertEquals(1000, number(0, "id"), "the smallest score of all 1000 rows, not of the page");
        Fx.clickByEvents(header("score"));
        Fx.waitUntil("sorted descending by score", () -> number(0, "score") == 1998);
        Fx.clickByEvents(header("score"));
        Fx.waitUntil("back to stored order", () -> number(0, "id") == 1);
    }

    @Test
    @Order(4)
    void aFilterNarrowsTheRowCount() {
        ComboBox<String> column = ui.byId("filter-column");
        ComboBox<Filter.Operator> operator = ui.byId("filter-operator");
        Fx.run(() -> {
            column.setValue("grp");
            operator.setValue(Filter.Operator.EQUALS);
        });
        TextField value = ui.byId("filter-value");
        Fx.click(value);
        Fx.type("3");
        Fx.click(ui.byId("filter-add"));
        ui.waitIdle();
        Fx.waitUntil("the count shows the filtered rows", () -> ui.text("row-count").equals("128 of 1,000 rows"));
        assertEquals(3, number(0, "grp"));

        Fx.run(() -> value.setText("not a number"));
        Fx.click(ui.byId("filter-add"));
        ui.waitIdle();
        Fx.waitUntil("the bad value is reported", () -> ui.text("data-error")
                .equals("'not a number' is not a valid BIGINT value for column grp."));
        assertEquals("128 of 1,000 rows", ui.text("row-count"), "the last good filter stays");

        Fx.click(ui.byId("filter-clear"));
        ui.waitIdle();
        Fx.waitUntil("all rows again", () -> ui.text("row-count").equals("1,000 rows"));
    }

    @Test
    @Order(5)
    void searchLooksInTextColumns() {
        TextField search = ui.byId("data-search");
        Fx.click(search);
        Fx.type("name99");
        Fx.press(javafx.scene.input.KeyCode.ENTER);
        ui.waitIdle();
        Fx.waitUntil("the search narrows", () -> ui.text("row-count").equals("11 of 1,000 rows"));
        Fx.run(() -> search.setText(""));
        Fx.click(search);
        Fx.press(javafx.scene.input.KeyCode.ENTER);
        ui.waitIdle();
        Fx.waitUntil("all rows again", () -> ui.text("row-count").equals("1,000 rows"));
    }

    @Test
    @Order(6)
    void clickingACellProfilesItsColumn() {
        Node cell = Fx.call(() -> grid().lookupAll(".table-cell").stream()
                .filter(n -> n instanceof javafx.scene.control.TableCell<?, ?> c && c.getTableColumn() != null
                        && c.getTableColumn().getText().equals("grp") && c.getIndex() == 0)
                .findFirst().orElseThrow());
        Fx.clickByEvents(cell);
        ui.waitIdle();
        Fx.waitUntil("the profile of grp", () -> ui.text("profile-nulls").equals("100 (10.0%)"));
        assertEquals("BIGINT", ui.text("profile-type"));
        assertEquals("7", ui.text("profile-distinct"));
        assertEquals("0", ui.text("profile-min"));
        assertEquals("6", ui.text("profile-max"));
        assertTrue(Fx.call(() -> ((javafx.scene.chart.BarChart<?, ?>) ui.byId("profile-histogram")).getData()
                .getFirst().getData().size()) == 7);
    }

    @Test
    @Order(7)
    void theWindowRemembersTheWorkspace() throws Exception {
        String recent = Files.readString(dir.resolve("home").resolve("recent.properties"));
        assertTrue(recent.contains("ui-test.c360"), recent);
        Button next = ui.byId("page-next");
        assertTrue(Fx.call(() -> !next.isDisabled()));
    }
}
