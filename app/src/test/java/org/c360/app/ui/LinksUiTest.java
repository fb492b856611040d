package org.c360.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;

import org.c360.analytics.ingest.Importer;
import org.c360.analytics.testing.TestWorkspaces;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;
import org.c360.app.ui.main.StartOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suggested links in the Mapping tab: the app looks for links of freshly imported tables by itself, lists the
 * drafts with their evidence, and approving one by clicking applies it to the mapping the editor shows.
 */
class LinksUiTest {
    @TempDir
    static Path dir;
    static TestWindow ui;

    @BeforeAll
    static void openWindow() {
        Path workspaceFile = dir.resolve("links.c360");
        StringBuilder customers = new StringBuilder("customer_id,email,name\n");
        for (int i = 1; i <= 100; i++) {
            customers.append(i).append(",person").append(i).append("@example.org,Person ").append(i).append('\n');
        }
        // orders whose customer column is called "buyer": detection leaves transactions.customer_id empty
        StringBuilder orders = new StringBuilder("order_id,buyer,amount\n");
        for (int k = 1; k <= 40; k++) {
            orders.append(7000 + k).append(',').append(2 * k + k % 2).append(',').append(10 + k).append(".5\n");
        }
        try (Workspace workspace = Workspace.open(workspaceFile)) {
            new Importer(workspace).importFiles(List.of(TestWorkspaces.write(dir, "customers.csv", customers.toString()),
                    TestWorkspaces.write(dir, "orders.csv", orders.toString())), Progress.none());
        }
        ui = TestWindow.open(dir.resolve("home"),
                new StartOptions(List.of(), workspaceFile, null, "Mapping", null, null, null));
    }

    @AfterAll
    static void closeWindow() {
        ui.close();
    }

    @Test
    void approvingASuggestedLinkByClickingMapsTheColumn() {
        ListView<Object> tables = ui.byId("mapping-tables");
        // the app looked for links of the imported tables in the background: raw_orders has one waiting
        Fx.waitUntil("raw_orders listed with a suggested link", () -> tables.getItems().stream()
                .anyMatch(row -> row.toString().contains("rawTable=raw_orders") && row.toString().contains("pendingLinks=1")));
        ui.waitIdle();
        Fx.run(() -> tables.getItems().stream().filter(row -> row.toString().contains("rawTable=raw_orders")).findFirst()
                .ifPresent(row -> tables.getSelectionModel().select(row)));
        Fx.waitUntil("the editor shows raw_orders", () -> {
            try {
                return "raw_orders".equals(ui.text("mapping-title"));
            } catch (AssertionError notYet) {
                return false;
            }
        });
        ui.waitIdle();
        ComboBox<String> customer = ui.byId("mapping-source-customer_id");
        assertEquals("—", Fx.call(customer::getValue));
        Button approve = approveButton().orElseThrow(() -> new AssertionError("no draft to approve"));
        VBox draft = (VBox) Fx.call(approve::getParent).getParent();
        String evidence = Fx.call(() -> ((Label) draft.getChildren().get(1)).getText());
        assertTrue(evidence.contains("40 of 40 distinct values (100.0%) found in customers.customer_id"), evidence);

        Fx.clickUntil(approve, "the approval applied", () -> ui.text("mapping-status").startsWith("Approved #"));
        ui.waitIdle();
        Fx.waitUntil("the editor reloaded with buyer as the customer id", () -> {
            ComboBox<String> reloaded = ui.byId("mapping-source-customer_id");
            return "buyer".equals(reloaded.getValue());
        });
        ui.waitIdle();
        assertTrue(ui.text("mapping-status").contains("raw_orders.buyer → customer id: transactions.customer_id ← buyer;"
                + " identity role customer id ← buyer."), ui.text("mapping-status"));
        assertEquals("✓ linked", ui.text("mapping-linked-customer_id"));
        Label linked = ui.byId("mapping-linked-customer_id");
        assertEquals("Approved link: 100% of its values are in customers.customer_id.",
                Fx.call(() -> linked.getTooltip().getText()));
        assertTrue(approveButton().isEmpty(), "the approved draft is gone");
        Workspace open = Fx.call(() -> ui.window.session().workspace());
        assertEquals(List.of("40"), TestWorkspaces.column(open, "SELECT count(customer_id) FROM transactions"));
        assertEquals(List.of("buyer"), TestWorkspaces.column(open,
                "SELECT source_column FROM identity_sources WHERE raw_table = 'raw_orders' AND role = 'CUSTOMER_ID'"));
        assertEquals(List.of("approved"), TestWorkspaces.column(open, "SELECT status FROM link_suggestions"));
    }

    /** The Approve button of the first draft shown, if any. */
    private static Optional<Button> approveButton() {
        return Fx.call(() -> ui.root().lookupAll(".button").stream()
                .filter(n -> n.getId() != null && n.getId().startsWith("links-approve-") && n.isVisible())
                .map(Button.class::cast).findFirst());
    }
}
