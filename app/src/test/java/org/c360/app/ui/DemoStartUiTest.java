package org.c360.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.c360.analytics.testing.TestWorkspaces;
import org.c360.analytics.workspace.Workspace;
import org.c360.app.ui.main.StartOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first start with nothing named opens the demo workspace, filled with the demo data in the background. */
class DemoStartUiTest {
    @TempDir
    Path home;

    @Test
    void firstStartFillsTheDemoWorkspaceAndTheSecondReusesIt() {
        try (TestWindow ui = TestWindow.open(home, StartOptions.none())) {
            Workspace workspace = Fx.call(() -> ui.window.session().workspace());
            assertEquals(home.resolve("demo.c360"), workspace.file());
            assertEquals(20_000, TestWorkspaces.scalar(workspace, "SELECT count(*) FROM customers"));
            assertTrue(TestWorkspaces.scalar(workspace, "SELECT count(*) FROM transactions") > 100_000);
            assertTrue(Files.exists(home.resolve("demo-data").resolve("manifest.json")));
        }
        try (TestWindow again = TestWindow.open(home, StartOptions.none())) {
            Workspace workspace = Fx.call(() -> again.window.session().workspace());
            assertEquals(1, TestWorkspaces.scalar(workspace, "SELECT count(*) FROM imports"), "the demo was imported twice");
        }
    }
}
