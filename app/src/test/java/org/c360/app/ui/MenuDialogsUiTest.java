package org.c360.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Window;

import org.c360.analytics.ingest.CsvOptions;
import org.c360.analytics.testing.TestWorkspaces;
import org.c360.analytics.workspace.Workspace;
import org.c360.app.ui.generate.GenerateDialog;
import org.c360.app.ui.importing.CsvOptionsDialog;
import org.c360.app.ui.main.StartOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File › Import CSV with options… and File › Generate sample data…: their dialogs and what they start. */
class MenuDialogsUiTest {
    @TempDir
    static Path dir;
    static TestWindow ui;

    @BeforeAll
    static void openWindow() {
        ui = TestWindow.open(dir.resolve("home"),
                new StartOptions(List.of(), dir.resolve("dialogs.c360"), null, null, null, null, null));
    }

    @AfterAll
    static void closeWindow() {
        ui.close();
    }

    /** Opens a dialog without waiting for it (it blocks in showAndWait), then returns its pane. */
    private static <T> DialogPane open(java.util.function.Supplier<Optional<T>> ask, AtomicReference<Optional<T>> result,
                                       String id) {
        Platform.runLater(() -> result.set(ask.get()));
        Fx.waitUntil("the dialog " + id, () -> Window.getWindows().stream().anyMatch(w -> w.isShowing()
                && w.getScene() != null && w.getScene().getRoot() instanceof DialogPane pane && id.equals(pane.getId())));
        return Fx.call(() -> (DialogPane) Window.getWindows().stream().filter(Window::isShowing)
                .map(w -> w.getScene().getRoot()).filter(r -> r instanceof DialogPane p && id.equals(p.getId()))
                .findFirst().orElseThrow());
    }

    private static Button button(DialogPane pane, ButtonBar.ButtonData data) {
        return Fx.call(() -> (Button) pane.getButtonTypes().stream().filter(t -> t.getButtonData() == data)
                .map(pane::lookupButton).findFirst().orElseThrow());
    }

    /** Keeps a picture of the dialog under target/screenshots, to look at. */
    private static void snapshot(DialogPane pane, String name) {
        Fx.run(() -> {
            try {
                Path out = Path.of("target", "screenshots");
                Files.createDirectories(out);
                javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(pane.getScene().getRoot()
                        .snapshot(null, null), null), "png", out.resolve(name).toFile());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static <T extends Node> T in(DialogPane pane, String id) {
        return (T) Fx.call(() -> pane.lookup("#" + id));
    }

    @Test
    void csvOptionsAreCheckedInTheDialogAndThenUsedForTheImport() throws Exception {
        AtomicReference<Optional<CsvOptions>> result = new AtomicReference<>();
        DialogPane pane = open(() -> CsvOptionsDialog.ask(ui.stage), result, "csv-options");
        ComboBox<String> quote = in(pane, "csv-quote");
        Fx.run(() -> quote.setValue("ab"));
        Fx.click(button(pane, ButtonBar.ButtonData.OK_DONE));
        Label error = in(pane, "csv-options-error");
        Fx.waitUntil("the error shown", () -> !error.getText().isEmpty());
        assertEquals("A CSV quote must be a single character, not 'ab'.", Fx.call(error::getText));
        snapshot(pane, "csv-options.png");
        assertNull(result.get(), "the dialog closed on a bad setting");

        Fx.run(() -> quote.setValue("Detect"));
        ComboBox<String> delimiter = in(pane, "csv-delimiter");
        ComboBox<String> header = in(pane, "csv-header");
        Fx.run(() -> {
            delimiter.setValue(";");
            header.setValue("No");
        });
        Fx.click(button(pane, ButtonBar.ButtonData.OK_DONE));
        Fx.waitUntil("the dialog closed", () -> result.get() != null);
        CsvOptions options = result.get().orElseThrow();
        assertEquals(new CsvOptions(";", null, false, null, null, null), options);

        // a headerless, semicolon-separated file the sniffer alone would read as one header line
        Path csv = Files.writeString(dir.resolve("headerless.csv"), "1;Ann\n2;Bob\n3;Cid\n");
        Fx.run(() -> ui.window.importFiles(List.of(csv), options));
        ui.waitIdle();
        ui.closeDialogs();
        Workspace workspace = Fx.call(() -> ui.window.session().workspace());
        assertEquals(3, TestWorkspaces.scalar(workspace, "SELECT count(*) FROM raw_headerless"));
        assertEquals(List.of("Ann", "Bob", "Cid"), TestWorkspaces.column(workspace, "SELECT column1 FROM raw_headerless ORDER BY 1"));
    }

    @Test
    void generatingSampleDataImportsIt() {
        AtomicReference<Optional<GenerateDialog.Request>> result = new AtomicReference<>();
        DialogPane pane = open(() -> GenerateDialog.ask(ui.stage, dir.resolve("sample")), result, "generate-dialog");
        TextField scale = in(pane, "generate-scale");
        Fx.run(() -> scale.setText("50"));
        Fx.click(button(pane, ButtonBar.ButtonData.OK_DONE));
        Label error = in(pane, "generate-error");
        Fx.waitUntil("the error shown", () -> !error.getText().isEmpty());
        assertTrue(Fx.call(error::getText).startsWith("The scale must be between 0.001 and 10"), Fx.call(error::getText));
        snapshot(pane, "generate.png");

        Fx.run(() -> scale.setText("0.001"));
        Fx.click(button(pane, ButtonBar.ButtonData.OK_DONE));
        Fx.waitUntil("the dialog closed", () -> result.get() != null);
        GenerateDialog.Request request = result.get().orElseThrow();
        assertTrue(request.importWhenDone());
        Fx.run(() -> ui.window.generate(request));
        Fx.waitUntil("the generated data imported", () -> {
            Workspace ws = ui.window.session().workspace();
            return ui.window.tasks().isIdle() && ws.catalog().exists("customers");
        });
        ui.closeDialogs();
        Workspace workspace = Fx.call(() -> ui.window.session().workspace());
        assertEquals(1_000, TestWorkspaces.scalar(workspace, "SELECT count(*) FROM customers"));
        assertTrue(Files.exists(dir.resolve("sample").resolve("manifest.json")));
        assertFalse(TestWorkspaces.column(workspace, "SELECT segment FROM customers").isEmpty());
    }
}
