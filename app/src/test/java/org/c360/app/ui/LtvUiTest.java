package org.c360.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import javafx.scene.chart.BarChart;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;

import org.c360.analytics.ml.LtvResult;
import org.c360.analytics.testing.TestWorkspaces;
import org.c360.analytics.workspace.Workspace;
import org.c360.analytics.ingest.Importer;
import org.c360.analytics.work.Progress;
import org.c360.datasets.ecommerce.DataFormat;
import org.c360.datasets.ecommerce.EcommerceGenerator;
import org.c360.datasets.ecommerce.GeneratedDataset;
import org.c360.datasets.ecommerce.GeneratorOptions;
import org.c360.app.ui.main.StartOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's lifetime value as an analyst meets it: fit, read the diagnostics, write the scores, cancel; on the
 * generator's shop (3,000 customers, not resolved: purchases per customer_id from the transactions).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LtvUiTest {
    @TempDir
    static Path dir;
    static TestWindow ui;

    @BeforeAll
    static void openWindow() {
        Path workspace = dir.resolve("shop" + Workspace.EXTENSION);
        GeneratedDataset data = EcommerceGenerator.generate(new GeneratorOptions(0.003, 7, DataFormat.parquet,
                dir.resolve("data"), false), Progress.none());
        try (Workspace ws = Workspace.open(workspace)) {
            new Importer(ws).importFiles(data.files(), Progress.none());
        }
        ui = TestWindow.open(dir.resolve("home"), new StartOptions(List.of(), workspace, null, "Cohorts & LTV", null, null, null));
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
    void cancelBeforeTheFitRunsLeavesNothingBehind() {
        Button fit = ui.byId("ltv-fit");
        Button cancel = ui.byId("ltv-cancel");
        Fx.waitUntil("the tab can fit", () -> !fit.isDisabled());
        // one FX pulse: the task is queued on the executor and cancelled before it can finish
        Fx.run(() -> {
            fit.fire();
            assertTrue(cancel.isVisible(), "Cancel shows while fitting");
            cancel.fire();
        });
        ui.waitIdle();
        assertNull(Fx.call(() -> ui.window.ltv().result()));
        assertNull(ui.dialog(), "a cancelled fit is not an error");
        assertFalse(Fx.call(cancel::isVisible));
        assertFalse(Fx.call(fit::isDisabled));
    }

    @Test
    @Order(2)
    void fitShowsParametersHoldoutHeatmapAndClv() {
        Fx.waitUntil("the scores' status shows", () -> ui.text("ltv-scores-status").startsWith("No scores written yet"));
        Button write = ui.byId("ltv-write");
        assertTrue(Fx.call(write::isDisabled), "nothing to write before a fit");
        Fx.clickUntil(ui.byId("ltv-fit"), "the fit started", () -> !ui.window.tasks().isIdle() || ui.window.ltv().result() != null);
        ui.waitIdle();
        LtvResult result = Fx.call(() -> ui.window.ltv().result());
        assertTrue(result != null && result.scorable(), result == null ? "no result" : result.describe());
        assertTrue(ui.text("ltv-summary").startsWith("Purchases from transactions (per customer_id)"), ui.text("ltv-summary"));
        TableView<?> parameters = ui.byId("ltv-parameters");
        assertEquals(4 + 4 + 3, Fx.call(() -> parameters.getItems().size()), "BG/NBD (holdout), BG/NBD and Gamma-Gamma parameters");
        String diagnostics = ui.text("ltv-diagnostics");
        assertTrue(diagnostics.contains("iterations, converged"), diagnostics);
        BarChart<?, ?> calibration = ui.byId("ltv-calibration");
        assertEquals(2, Fx.call(() -> calibration.getData().size()), "actual and predicted");
        assertEquals(result.calibration().points().size(), Fx.call(() -> calibration.getData().getFirst().getData().size()));
        BarChart<?, ?> clv = ui.byId("ltv-clv");
        assertEquals(result.clv().bins().length, Fx.call(() -> clv.getData().getFirst().getData().size()));
        assertFalse(Fx.call(write::isDisabled));
    }

    @Test
    @Order(3)
    void writeStoresTheScoresAndTheStatusSaysSo() {
        // by events: the headless robot can lose its active window once a tooltip has come and gone
        Fx.clickByEvents(ui.byId("ltv-write"));
        Fx.waitUntil("the scores were written", () -> ui.text("ltv-scores-status").startsWith("Scores of model run"));
        ui.waitIdle();
        String status = ui.text("ltv-scores-status");
        assertFalse(status.contains("STALE"), status);
        long customers = Fx.call(() -> ui.window.ltv().result().counts().customers());
        assertTrue(status.contains(String.format("per customer_id, from transactions): %,d customers", customers)), status);
        assertEquals(3 * customers, TestWorkspaces.scalar(workspace(), "SELECT count(*) FROM scores"));
        assertTrue(ui.text("ltv-written").startsWith("Wrote model run 1: "), ui.text("ltv-written"));
    }
}
