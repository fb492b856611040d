package org.c360.app.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import javafx.scene.control.Button;
import javafx.scene.control.Label;

import org.c360.analytics.ml.LtvResult;
import org.c360.app.testing.MultiSource;
import org.c360.app.ui.main.StartOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The small multi-source workspace (1,000 people, resolved) has too little repeat buying to pin down BG/NBD's
 * dropout: the tab says the fit did not converge, shows no CLV, and offers nothing to write.
 */
class LtvNotConvergedUiTest {
    @TempDir
    static Path dir;
    static TestWindow ui;

    @BeforeAll
    static void openWindow() {
        ui = TestWindow.open(dir.resolve("home"), new StartOptions(List.of(), MultiSource.resolved(dir), null,
                "Cohorts & LTV", null, null, null));
    }

    @AfterAll
    static void closeWindow() {
        ui.close();
    }

    @Test
    void aFitThatDoesNotConvergeSaysSoAndWritesNothing() {
        Fx.clickUntil(ui.byId("ltv-fit"), "the fit started", () -> !ui.window.tasks().isIdle() || ui.window.ltv().result() != null);
        ui.waitIdle();
        LtvResult result = Fx.call(() -> ui.window.ltv().result());
        assertTrue(result != null && !result.scorable(), result == null ? "no result" : result.describe());
        assertTrue(ui.text("ltv-summary").startsWith("Purchases from customer360_events (per customer360_id)"), ui.text("ltv-summary"));
        String diagnostics = ui.text("ltv-diagnostics");
        assertTrue(diagnostics.contains("DID NOT CONVERGE"), diagnostics);
        assertTrue(diagnostics.contains("No CLV: a model did not converge"), diagnostics);
        Label label = ui.byId("ltv-diagnostics");
        assertTrue(Fx.call(() -> label.getStyleClass().contains("error-text")));
        Button write = ui.byId("ltv-write");
        assertTrue(Fx.call(write::isDisabled), "nothing to write from a fit that did not converge");
    }
}
