package org.c360.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListView;

import org.c360.analytics.ingest.Importer;
import org.c360.analytics.testing.TestWorkspaces;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;
import org.c360.app.ui.main.StartOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Mapping tab: a detected mapping is shown with samples, corrected with the choosers and saved. */
class MappingUiTest {
    @TempDir
    static Path dir;
    static TestWindow ui;
    static Path workspaceFile;

    @BeforeAll
    static void openWindow() {
        workspaceFile = dir.resolve("mapping.c360");
        try (Workspace workspace = Workspace.open(workspaceFile)) {
            Path csv = TestWorkspaces.write(dir, "clients.csv", "client_no,mail,label\n1,a@x.com,Ann\n2,b@x.com,Bob\n");
            new Importer(workspace).importFiles(List.of(csv), Progress.none());
        }
        ui = TestWindow.open(dir.resolve("home"),
                new StartOptions(List.of(), workspaceFile, null, "Mapping", null, null, null));
    }

    @AfterAll
    static void closeWindow() {
        ui.close();
    }

    @Test
    void aDetectedMappingIsCorrectedAndSaved() {
        ListView<?> tables = ui.byId("mapping-tables");
        Fx.waitUntil("the raw table listed", () -> Fx.call(() -> tables.getItems().size()) == 1);
        Fx.waitUntil("the editor shows raw_clients", () -> {
            try {
                return "raw_clients".equals(ui.text("mapping-title"));
            } catch (AssertionError notYet) {
                return false;
            }
        });
        ui.waitIdle();
        assertTrue(ui.text("mapping-status").startsWith("Detected automatically: feeds customers"), ui.text("mapping-status"));
        ComboBox<String> entity = ui.byId("mapping-entity");
        assertEquals("customers", Fx.call(entity::getValue));
        ComboBox<String> key = ui.byId("mapping-source-customer_id");
        assertEquals("client_no", Fx.call(key::getValue));
        ComboBox<String> name = ui.byId("mapping-source-name");
        assertEquals(MappingTabNone.NONE, Fx.call(name::getValue));

        // the analyst picks the column that holds the names, from the chooser's own list
        Fx.clickUntil(name, "the chooser's list open", name::isShowing);
        Fx.run(() -> name.getSelectionModel().select("label"));
        Fx.run(name::hide);
        Button save = ui.byId("mapping-save");
        Fx.click(save);
        Fx.waitUntil("the entity rebuilt", () -> ui.text("mapping-status").startsWith("Saved."));
        ui.waitIdle();
        assertEquals("Saved. customers rebuilt: 2 rows. Confirmed: feeds customers.", ui.text("mapping-status"));
        // the workspace is held by the window: read through its session
        Workspace open = Fx.call(() -> ui.window.session().workspace());
        assertEquals(List.of("Ann", "Bob"), TestWorkspaces.column(open, "SELECT name FROM customers ORDER BY 1"));
        Fx.waitUntil("the list says confirmed", () -> Fx.call(() -> tables.getItems().getFirst().toString()).contains("confirmed=true"));
    }

    /** The chooser's "not mapped" entry. */
    static final class MappingTabNone {
        static final String NONE = "—";
    }
}
