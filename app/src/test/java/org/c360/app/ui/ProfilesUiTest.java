package org.c360.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.stage.Window;

import org.c360.analytics.ingest.Importer;
import org.c360.analytics.testing.TestWorkspaces;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;
import org.c360.app.testing.MultiSource;
import org.c360.app.ui.main.StartOptions;
import org.c360.app.ui.profiles.ProfileCardView;
import org.c360.app.ui.profiles.ProfilesTab;
import org.c360.app.ui.quality.IdentityQualityTab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3 as an analyst meets it: a multi-source workspace that is not resolved yet, resolved with the
 * Profiles tab's button; a person found by name and shown whole; a review pair accepted; a resolution
 * cancelled.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProfilesUiTest {
    @TempDir
    static Path dir;
    static TestWindow ui;

    @BeforeAll
    static void openWindow() {
        Path workspace = MultiSource.imported(dir);
        ui = TestWindow.open(dir.resolve("home"), new StartOptions(List.of(), workspace, null, "Profiles", null, null, null));
    }

    @AfterAll
    static void closeWindow() {
        ui.close();
    }

    private static Workspace workspace() {
        return Fx.call(() -> ui.window.session().workspace());
    }

    @Test
    @Order(1)
    void theResolveButtonResolvesAndSaysWhatItDid() {
        Button resolve = ui.byId("profiles-resolve");
        Fx.waitUntil("the tab offers to resolve", () -> resolve.isVisible() && !resolve.isDisabled());
        assertTrue(ui.text("profiles-empty-text").startsWith("Resolution links the records"), ui.text("profiles-empty-text"));
        Fx.clickUntil(resolve, "the resolution started", () -> ui.window.resolveAction().runningProperty().get() != null
                || ui.window.resolveAction().lastResultProperty().get() != null);
        Fx.waitUntil("the resolution finished", () -> ui.window.resolveAction().lastResultProperty().get() != null);
        Fx.waitUntil("the summary shows", () -> ui.dialog() != null);
        Window dialog = ui.dialog();
        DialogPane pane = Fx.call(() -> (DialogPane) dialog.getScene().getRoot());
        assertEquals("resolve-summary", pane.getId());
        long people = TestWorkspaces.scalar(workspace(), "SELECT count(*) FROM customer360_profiles");
        assertTrue(people > 900, "about a thousand people: " + people);
        Label persons = (Label) Fx.call(() -> pane.lookup("#resolve-summary-persons"));
        assertEquals(String.format("%,d", people), Fx.call(persons::getText));
        ui.closeDialogs();
        ui.waitIdle();
        Fx.waitUntil("the profiles show", () -> Fx.call(() -> ui.window.profiles().results().getItems().size()) > 0);
        assertTrue(ui.text("profiles-summary").startsWith(String.format("%,d people from ", people)), ui.text("profiles-summary"));
    }

    @Test
    @Order(2)
    void aPersonFoundByNameShowsCardGraphAndTimeline() {
        ProfilesTab profiles = ui.window.profiles();
        // someone several sources know, with a name the test keyboard can type
        String name = TestWorkspaces.column(workspace(), """
                SELECT full_name FROM customer360_profiles WHERE regexp_full_match(full_name, '[A-Za-z ]+') AND len(sources) >= 4
                  AND full_name IN (SELECT full_name FROM customer360_profiles GROUP BY 1 HAVING count(*) = 1)
                ORDER BY records DESC, customer360_id LIMIT 1""").getFirst();
        TextField search = ui.byId("profiles-search");
        Fx.click(search);
        Fx.waitUntil("the search field has the focus", search::isFocused);
        Fx.type(name);
        Fx.waitUntil("the person is found", () -> ui.text("profiles-results-caption").equals("1 person matches \"" + name + "\"."));
        ListCell<?> cell = Fx.call(() -> profiles.results().lookupAll(".list-cell").stream()
                .map(n -> (ListCell<?>) n).filter(c -> c.getItem() != null).findFirst().orElseThrow());
        Fx.click(cell);
        Fx.waitUntil("the profile shows", () -> profiles.shownCard() != null && name.equals(profiles.shownCard().fields().get("full_name")));
        ui.waitIdle();

        ProfileCardView.Row firstName = Fx.call(() -> profiles.card().row("first_name").orElseThrow());
        assertEquals(name.substring(0, name.indexOf(' ')), firstName.value());
        assertTrue(firstName.from().matches("\\w+ \\S+ · (source|recent|frequent)( · \\d+ lost)?"),
                "the source record and the rule: " + firstName.from());
        Fx.run(() -> profiles.card().select("first_name"));
        assertTrue(ui.text("profile-field-detail").startsWith("first_name = " + firstName.value() + " · from "),
                ui.text("profile-field-detail"));
        assertTrue(Fx.call(() -> profiles.card().row("orders_count").orElseThrow().from()).startsWith("derived: "));

        assertTrue(Fx.call(() -> profiles.graph().nodeCount()) >= 4, "records and identifiers are drawn");
        assertTrue(Fx.call(() -> profiles.graph().labelCount()) > 0, "some labels are drawn");
        Node legend = ui.byId("profile-graph-legend");
        assertTrue(Fx.call(() -> legend.lookupAll(".label").size()) > 3, "the legend names sources and identifiers");
        int events = Fx.call(() -> profiles.timeline().table().getItems().size());
        assertTrue(events > 0, "the timeline has rows");
        assertEquals(TestWorkspaces.scalar(workspace(), "SELECT count(*) FROM customer360_events WHERE customer360_id = '"
                + profiles.shownCard().customer360Id() + "'"), events);
    }

    @Test
    @Order(3)
    void acceptingAReviewPairRecordsTheDecision() {
        IdentityQualityTab quality = ui.window.quality();
        Fx.run(() -> {
            ui.window.tabs().getSelectionModel().select(quality);
            quality.showSection(1);
        });
        Fx.waitUntil("the review queue is read", () -> !quality.pairs().getItems().isEmpty());
        int waiting = Fx.call(() -> quality.pairs().getItems().size());
        var pair = Fx.call(() -> quality.pairs().getSelectionModel().getSelectedItem());
        assertNotNull(pair, "the strongest pair is selected");
        Button accept = ui.byId("review-accept");
        Fx.clickUntil(accept, "the decision recorded", () -> quality.decisions().getItems().size() == 1);
        ui.waitIdle();
        assertEquals(waiting - 1, Fx.call(() -> quality.pairs().getItems().size()));
        assertTrue(ui.text("review-note").startsWith("Accepted: "), ui.text("review-note"));
        assertEquals(List.of(pair.leftKey() + " " + pair.rightKey() + " accept"), TestWorkspaces.column(workspace(),
                "SELECT left_key || ' ' || right_key || ' ' || decision FROM identity_decisions"));
    }

    @Test
    @Order(4)
    void cancellingAResolutionLeavesTheWorkspaceAsItWas() {
        long runs = TestWorkspaces.scalar(workspace(), "SELECT count(*) FROM identity_runs");
        Object before = Fx.call(() -> ui.window.resolveAction().lastResultProperty().get());
        Fx.run(() -> {
            ui.window.resolveAction().run();
            ui.window.tasks().shown().getFirst().cancel();
        });
        ui.waitIdle();
        assertNull(Fx.call(() -> ui.window.resolveAction().runningProperty().get()));
        assertEquals(before, Fx.call(() -> ui.window.resolveAction().lastResultProperty().get()), "no new result");
        assertNull(ui.dialog(), "no summary for a cancelled run");
        assertEquals(runs, TestWorkspaces.scalar(workspace(), "SELECT count(*) FROM identity_runs"), "the run was rolled back");
    }

    @Test
    @Order(5)
    void resolvingNewDataOnlyAddsTheNewlyImportedRecords() {
        Path later = TestWorkspaces.write(dir.resolve("later"), "crm_customers.csv", """
                crm_id,customer_id,first_name,last_name,email,city
                CRM-9000001,9000001,Zelda,Quist,zelda.quist@example.org,Utrecht
                CRM-9000002,9000002,Yorick,Paal,yorick.paal@example.org,Leiden
                """);
        new Importer(workspace()).importFiles(List.of(later), Progress.none());
        ui.closeDialogs();
        MenuItem item = Fx.call(() -> ((MenuBar) ui.stage.getScene().lookup(".menu-bar")).getMenus().stream()
                .flatMap(menu -> menu.getItems().stream()).filter(i -> "menu-resolve-new".equals(i.getId()))
                .findFirst().orElseThrow());
        assertEquals("Resolve new data only", Fx.call(item::getText));
        Fx.run(item::fire);
        Fx.waitUntil("the summary shows", () -> ui.dialog() != null);
        DialogPane pane = Fx.call(() -> (DialogPane) ui.dialog().getScene().getRoot());
        assertEquals("2 new records resolved; " + String.format("%,d", TestWorkspaces.scalar(workspace(),
                "SELECT count(*) FROM customer360_profiles")) + " people in all", Fx.call(pane::getHeaderText));
        assertEquals("2", Fx.call(() -> ((Label) pane.lookup("#resolve-summary-new")).getText()), "two new people");
        ui.closeDialogs();
        assertEquals("incremental", TestWorkspaces.scalarText(workspace(),
                "SELECT mode FROM identity_runs ORDER BY run_id DESC LIMIT 1"));
    }
}
