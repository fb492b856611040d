package org.c360.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.stage.Window;

import org.c360.analytics.segment.SavedSegment;
import org.c360.analytics.segment.Segments;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;
import org.c360.app.testing.MultiSource;
import org.c360.app.ui.main.StartOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's segment builder as an analyst uses it on a resolved multi-source workspace: a condition and a
 * related-record condition added in the tree give the engine's count; a typo is pointed at; saved segments
 * are compared; an export writes its file.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SegmentsUiTest {
    @TempDir
    static Path dir;
    static TestWindow ui;

    @BeforeAll
    static void openWindow() {
        Path workspace = MultiSource.resolved(dir);
        ui = TestWindow.open(dir.resolve("home"), new StartOptions(List.of(), workspace, null, "Segments", null, null, null));
    }

    @AfterAll
    static void closeWindow() {
        ui.close();
    }

    private static Workspace workspace() {
        return Fx.call(() -> ui.window.session().workspace());
    }

    private static String expression() {
        TextArea area = ui.byId("segment-expression");
        return Fx.call(area::getText);
    }

    private static String people(String expression) {
        return String.format("%,d people", new Segments(workspace()).count(expression, Progress.none()).people());
    }

    private static void waitForCount(String expression) {
        String expected = people(expression);
        Fx.waitUntil("the live count shows " + expected, () -> ui.text("segment-count").equals(expected));
    }

    /** The last condition row under {@code within}: its field and operator boxes and value field. */
    @SuppressWarnings("unchecked")
    private static HBox lastCondition(Node within) {
        List<Node> rows = Fx.call(() -> List.copyOf(within.lookupAll(".segment-condition")));
        return (HBox) rows.getLast();
    }

    private static void fill(HBox row, String field, String value) {
        @SuppressWarnings("unchecked")
        ComboBox<String> fieldBox = (ComboBox<String>) Fx.call(() -> row.getChildren().get(0));
        TextField valueField = (TextField) Fx.call(() -> row.getChildren().get(2));
        Fx.waitUntil("the field list is filled", () -> fieldBox.getItems().contains(field));
        Fx.run(() -> fieldBox.setValue(field));
        // the row was just added and the list filled: a click during that layout can miss, as in MappingUiTest
        Fx.clickUntil(valueField, "the value field has focus", valueField::isFocused);
        Fx.type(value);
    }

    @Test
    @Order(1)
    void conditionsBuiltInTheTreeAreCountedLive() {
        Fx.waitUntil("the builder shows", () -> ui.byId("segment-add-condition").isVisible());
        Node tree = ui.byId("segment-tree");
        Fx.clickUntil(ui.byId("segment-add-condition"), "a condition row", () -> !tree.lookupAll(".segment-condition").isEmpty());
        fill(lastCondition(tree), "country", "US");
        Fx.waitUntil("the expression follows the tree", () -> expression().equals("country = 'US'"));
        waitForCount("country = 'US'");

        Fx.clickUntil(ui.byId("segment-add-related"), "a related-record row", () -> !tree.lookupAll(".segment-relation").isEmpty());
        Node relation = Fx.call(() -> List.copyOf(tree.lookupAll(".segment-relation")).getLast());
        @SuppressWarnings("unchecked")
        ComboBox<String> kind = (ComboBox<String>) Fx.call(() -> ((Pane) ((Pane) relation).getChildren().get(0)).getChildren().get(1));
        Fx.waitUntil("support tickets are offered", () -> kind.getItems().contains("support_ticket"));
        Fx.run(() -> kind.setValue("support_ticket"));
        Button innerAdd = Fx.call(() -> relation.lookupAll(".button").stream().map(n -> (Button) n)
                .filter(b -> b.getText().equals("+ Condition")).findFirst().orElseThrow());
        Fx.clickUntil(innerAdd, "a condition on tickets", () -> !relation.lookupAll(".segment-condition").isEmpty());
        fill(lastCondition(relation), "status", "open");
        String expected = "country = 'US' and has support_ticket(status = 'open')";
        Fx.waitUntil("the expression has the related record", () -> expression().equals(expected));
        waitForCount(expected);
        TextArea sql = ui.byId("segment-sql");
        String shownSql = Fx.call(sql::getText);
        assertTrue(shownSql.contains("-- parameters: $1 = 'US', $2 = 'open'"), shownSql);
        TableView<?> preview = ui.byId("segment-preview");
        Fx.waitUntil("the preview shows people", () -> !preview.getItems().isEmpty());

        // "none of" negates the group: everyone outside the US with no open ticket
        @SuppressWarnings("unchecked")
        ChoiceBox<Object> mode = ui.byId("segment-root-mode");
        Fx.run(() -> mode.getSelectionModel().select(2));
        String none = "not (country = 'US' or has support_ticket(status = 'open'))";
        Fx.waitUntil("the expression negates the group", () -> expression().equals(none));
        waitForCount(none);
        Fx.run(() -> mode.getSelectionModel().select(0));
        Fx.waitUntil("back to all of", () -> expression().equals(expected));
    }

    @Test
    @Order(2)
    void aNegationTypedAsTextShowsAsANoneOfGroup() {
        TextArea area = ui.byId("segment-expression");
        Fx.run(() -> area.setText("not (country = 'US' or country = 'DE')"));
        // the tree is built anew from the text: look its root's box up again
        Fx.waitUntil("the tree shows a none-of group", () -> "none".equals(String.valueOf(
                ((ChoiceBox<?>) ui.byId("segment-root-mode")).getValue()))
                && ui.byId("segment-tree").lookupAll(".segment-condition").size() == 2);
        waitForCount("not (country = 'US' or country = 'DE')");
    }

    @Test
    @Order(3)
    void aTypoIsPointedAtWithTheClosestField() {
        TextArea area = ui.byId("segment-expression");
        Fx.run(() -> area.setText("contry = 'US'"));
        Fx.waitUntil("the problem shows", () -> ui.text("segment-problem").contains("did you mean 'country'"));
        assertTrue(ui.text("segment-problem").contains("position 1"), ui.text("segment-problem"));
        assertEquals("—", ui.text("segment-count"));
        Fx.run(() -> area.setText("country = 'US'"));
        waitForCount("country = 'US'");
    }

    @Test
    @Order(4)
    void savedSegmentsAreListedAndCompared() {
        TextArea area = ui.byId("segment-expression");
        TextField name = ui.byId("segment-name");
        for (String[] segment : new String[][] {{"US", "country = 'US'"}, {"Open tickets", "has support_ticket(status = 'open')"}}) {
            Fx.run(() -> area.setText(segment[1]));
            waitForCount(segment[1]);
            Fx.run(() -> name.setText(segment[0]));
            Fx.click(ui.byId("segment-save"));
            ui.waitIdle();
        }
        @SuppressWarnings("unchecked")
        TableView<SavedSegment> saved = (TableView<SavedSegment>) (TableView<?>) ui.byId("segment-saved");
        Fx.waitUntil("both are listed", () -> saved.getItems().size() == 2);
        Fx.run(() -> saved.getSelectionModel().selectAll());
        Fx.clickUntil(ui.byId("segment-overlap"), "the matrix", () -> ui.root().lookup("#overlap-0-1") != null);
        long both = new Segments(workspace()).overlap(List.of("Open tickets", "US"), Progress.none()).both(0, 1);
        assertEquals(String.format("%,d", both), ui.text("overlap-0-1"));
    }

    @Test
    @Order(5)
    void theExportDialogWritesTheFileAndSaysWhoWasLeftOut() throws Exception {
        TextArea area = ui.byId("segment-expression");
        Fx.run(() -> area.setText("country = 'US'"));
        waitForCount("country = 'US'");
        Fx.clickUntil(ui.byId("segment-export"), "the export dialog", () -> ui.dialog() != null);
        Window dialog = ui.dialog();
        DialogPane pane = Fx.call(() -> (DialogPane) dialog.getScene().getRoot());
        Label consent = (Label) Fx.call(() -> pane.lookup("#export-consent"));
        Segments.Count count = new Segments(workspace()).count("country = 'US'", Progress.none());
        String consentText = Fx.call(consent::getText);
        assertTrue(consentText.startsWith(String.format("%,d people", count.optedOut())), consentText);
        Path target = dir.resolve("us.csv");
        TextField file = (TextField) Fx.call(() -> pane.lookup("#export-file"));
        Fx.run(() -> file.setText(target.toString()));
        Fx.click((Node) Fx.call(() -> pane.lookup("#export-ok")));
        Fx.waitUntil("the export finished", () -> ui.dialog() != null && "export-done".equals(Fx.call(() -> ui.dialog().getScene().getRoot().getId())));
        long lines = Files.readAllLines(target).size();
        assertEquals(count.people() - count.optedOut() + 1, lines, "header and everyone who did not opt out");
        ui.closeDialogs();
    }
}
