package org.c360.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeCell;

import org.c360.app.ui.analysis.AnalysesTab;
import org.c360.app.ui.main.StartOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The Analyses tab as a user drives it: pick an analysis, run it, read the chart and grid, see and reuse its SQL, export. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnalysesUiTest {
    @TempDir
    static Path dir;
    static TestWindow ui;

    @BeforeAll
    static void openWindow() {
        // Three customers; Ann and Bob first buy in January, Cy in February; Ann buys again in February.
        Path workspace = TestWindow.workspaceWith(dir,
                "CREATE TABLE customers (customer_id BIGINT, name VARCHAR, email VARCHAR, segment VARCHAR, ltv DOUBLE, registration_date TIMESTAMP)",
                "INSERT INTO customers VALUES (1, 'Ann', 'ann@x.org', 'VIP', 100, '2023-12-01'), (2, 'Bob', 'bob@x.org', 'Basic', 50, '2023-12-05'), "
                        + "(3, 'Cy', 'cy@x.org', 'Basic', 10, '2024-01-20')",
                "CREATE TABLE transactions (transaction_id BIGINT, customer_id BIGINT, product_id BIGINT, amount DOUBLE, \"timestamp\" TIMESTAMP)",
                "INSERT INTO transactions VALUES (1, 1, 1, 30, '2024-01-03 10:00'), (2, 2, 1, 20, '2024-01-15 12:00'), "
                        + "(3, 1, 2, 40, '2024-02-02 09:00'), (4, 3, 2, 5, '2024-02-10 18:00')",
                "CREATE TABLE products (product_id BIGINT, name VARCHAR, category VARCHAR, brand VARCHAR)",
                "INSERT INTO products VALUES (1, 'Aurora Wireless Noise-Cancelling Headphones, Midnight Blue', 'Audio', 'Aurora'), "
                        + "(2, 'Desk Lamp', 'Home', 'Lumo')");
        ui = TestWindow.open(dir.resolve("home"), new StartOptions(List.of(), workspace, null, "Analyses", null, null, null));
    }

    @AfterAll
    static void closeWindow() {
        ui.close();
    }

    private static void choose(String title) {
        Node cell = Fx.call(() -> ui.root().lookupAll(".tree-cell").stream()
                .filter(n -> n instanceof TreeCell<?> c && title.equals(c.getText())).findFirst().orElseThrow());
        Fx.click(cell);
        Fx.waitUntil("'" + title + "' is shown", () -> title.equals(ui.text("analysis-title")));
    }

    private static TableView<Object[]> grid() {
        return ui.byId("analysis-result");
    }

    @Test
    @Order(1)
    void runningAnAnalysisShowsItsChartAndRows() {
        choose("Customer segmentation overview");
        Fx.click(ui.byId("analysis-run"));
        Fx.waitUntil("the result is shown", () -> ui.text("analysis-status").startsWith("2 rows in "));
        assertEquals("VIP", Fx.call(() -> grid().getItems().getFirst()[0]));
        BarChart<?, ?> chart = Fx.call(() -> (BarChart<?, ?>) ui.root().lookup("#analysis-chart .chart"));
        assertEquals(2, Fx.call(() -> chart.getData().getFirst().getData().size()), "one bar per segment");
    }

    @Test
    @Order(2)
    void theCohortHeatmapShowsRetentionPerCohortAndMonth() {
        choose("Monthly cohort retention");
        Fx.click(ui.byId("analysis-run"));
        Fx.waitUntil("the result is shown", () -> ui.text("analysis-status").startsWith("3 rows in "));
        // January's cohort is Ann and Bob; only Ann bought in February: 50 %
        Fx.waitUntil("the heatmap is drawn", () -> !ui.root().lookupAll(".heatmap-cell").isEmpty());
        List<String> cells = Fx.call(() -> ui.root().lookupAll(".heatmap-cell").stream().map(n -> ((Label) n).getText()).toList());
        assertEquals(List.of("100", "50", "100"), cells);
    }

    @Test
    @Order(3)
    void theSqlIsShownAndOpensInTheConsole() {
        choose("Top customers by lifetime value");
        TextArea sql = ui.byId("analysis-sql");
        Fx.click(ui.byId("analysis-show-sql"));
        Fx.waitUntil("the SQL is shown", sql::isVisible);
        String shown = Fx.call(sql::getText);
        assertTrue(shown.contains("LIMIT 20"), shown);
        Fx.run(() -> ((javafx.scene.control.TextField) ui.byId("param-limit")).setText("2"));
        Fx.waitUntil("the SQL follows the parameter", () -> sql.getText().contains("LIMIT 2\n") || sql.getText().endsWith("LIMIT 2"));
        Fx.click(ui.byId("analysis-open-sql"));
        TextArea editor = ui.byId("sql-editor");
        Fx.waitUntil("the SQL console has it", () -> editor.getText().equals(sql.getText()) && editor.isVisible());
        TabPane tabs = ui.byId("main-tabs");
        assertEquals("SQL", Fx.call(() -> tabs.getSelectionModel().getSelectedItem().getText()));
        Fx.run(() -> tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> t.getText().equals("Analyses")).findFirst().orElseThrow()));
    }

    @Test
    @Order(4)
    void resultsExportAsCsvAndChartsAsPng() throws Exception {
        TabPane tabs = ui.byId("main-tabs");
        AnalysesTab tab = Fx.call(() -> (AnalysesTab) tabs.getTabs().stream().filter(t -> t instanceof AnalysesTab).findFirst().orElseThrow());
        Path csv = dir.resolve("top.csv");
        Path png = dir.resolve("top.png");
        Fx.run(() -> tab.setSaveChooser((title, extension) -> extension.equals("csv") ? csv : png));
        Fx.click(ui.byId("analysis-run"));
        Fx.waitUntil("two customers are listed", () -> ui.text("analysis-status").startsWith("2 rows in "));
        Fx.click(ui.byId("analysis-export-csv"));
        Fx.waitUntil("the CSV is written", () -> Files.exists(csv) && ui.text("analysis-status").equals("Saved top.csv."));
        List<String> lines = Files.readAllLines(csv);
        assertEquals("customer_id,name,email,segment,ltv,registration_date", lines.getFirst());
        assertEquals(3, lines.size());
        assertTrue(lines.get(1).startsWith("1,Ann,"), lines.get(1));
        Fx.click(ui.byId("analysis-export-png"));
        Fx.waitUntil("the PNG is written", () -> Files.exists(png));
        byte[] head = Files.readAllBytes(png);
        assertTrue(head.length > 1000 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G', "a PNG image");
    }

    @Test
    @Order(5)
    void longNamesGetBarsAcrossWithTheWholeNameOnHover() {
        choose("Product performance");
        Fx.click(ui.byId("analysis-run"));
        Fx.waitUntil("the result is shown", () -> ui.text("analysis-status").startsWith("2 rows in "));
        BarChart<?, ?> chart = Fx.call(() -> (BarChart<?, ?>) ui.root().lookup("#analysis-chart .chart"));
        assertTrue(Fx.call(() -> chart.getYAxis() instanceof javafx.scene.chart.CategoryAxis), "names down the side");
        @SuppressWarnings("unchecked")
        List<String> names = Fx.call(() -> ((javafx.scene.chart.CategoryAxis) chart.getYAxis()).getCategories());
        // the first row (most revenue: the headphones, 70.00) is the top bar; a category axis lists it last
        assertEquals(List.of("Desk Lamp", "Aurora Wireless Noise-Cance…"), names);
        XYChart.Data<?, ?> top = Fx.call(() -> chart.getData().getFirst().getData().getLast());
        Fx.waitUntil("the bar has its tooltip", () -> top.getNode() != null && top.getNode().getProperties().values().stream()
                .anyMatch(v -> v instanceof javafx.scene.control.Tooltip t
                        && t.getText().startsWith("Aurora Wireless Noise-Cancelling Headphones, Midnight Blue: ")));
    }

    @Test
    @Order(6)
    void aMissingMappingIsNamedInsteadOfASqlError() {
        choose("Interaction patterns by type");
        Fx.click(ui.byId("analysis-run"));
        Label error = ui.byId("analysis-error");
        Fx.waitUntil("the error is shown", error::isVisible);
        assertEquals("The analysis 'Interaction patterns by type' needs the interactions table, but no imported table is mapped "
                + "to it yet: import a source and map it to Interactions in the Mapping tab (or with 'c360 mapping').", Fx.call(error::getText));
        assertTrue(ui.dialog() == null, "the message stays in the tab");
    }

    @Test
    @Order(7)
    void theOverviewShowsTheKeyFiguresAgainstThePeriodBefore() {
        TabPane tabs = ui.byId("main-tabs");
        Fx.run(() -> tabs.getSelectionModel().select(tabs.getTabs().getFirst()));
        Fx.waitUntil("the key figures are shown", () -> ui.root().lookup("#overview-kpis") != null);
        // the latest purchase is on 10 February: the 30 days before it hold 3 orders (65.00), the 30 before that 1 (30.00)
        javafx.scene.layout.VBox orders = ui.byId("kpi-orders");
        List<String> texts = Fx.call(() -> orders.getChildren().stream().map(n -> ((Label) n).getText()).toList());
        assertEquals(List.of("Orders", "3", "▲ +200.0 %  (before: 1)"), texts);
        javafx.scene.layout.VBox revenue = ui.byId("kpi-revenue");
        assertEquals("65", Fx.call(() -> ((Label) revenue.getChildren().get(1)).getText()));
    }
}
