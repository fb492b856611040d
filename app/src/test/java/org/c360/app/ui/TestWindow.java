package org.c360.app.ui;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;

import org.c360.analytics.workspace.Workspace;
import org.c360.app.ui.main.MainWindow;
import org.c360.app.ui.main.StartOptions;

/** The real main window on its own stage, for one test class; plus ways to reach what it shows. */
final class TestWindow implements AutoCloseable {
    final MainWindow window;
    final Stage stage;

    private TestWindow(MainWindow window, Stage stage) {
        this.window = window;
        this.stage = stage;
    }

    /** Opens the window as {@code c360 app} would with {@code options}, and waits until its start-up work is done. */
    static TestWindow open(Path appHome, StartOptions options) {
        Fx.start();
        TestWindow opened = Fx.call(() -> {
            Stage stage = new Stage();
            MainWindow window = new MainWindow(stage, appHome, () -> { });
            window.show();
            window.start(options);
            return new TestWindow(window, stage);
        });
        opened.waitIdle();
        return opened;
    }

    /** Creates a workspace file with tables made by {@code statements}, then closes it for the app to open. */
    static Path workspaceWith(Path dir, String... statements) {
        Path file = dir.resolve("ui-test" + Workspace.EXTENSION);
        try (Workspace workspace = Workspace.open(file);
             Connection connection = workspace.connect();
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return file;
    }

    Parent root() {
        return stage.getScene().getRoot();
    }

    <T extends Node> T byId(String id) {
        return Fx.byId(root(), id);
    }

    String text(String labelId) {
        Label label = byId(labelId);
        return Fx.call(label::getText);
    }

    /** Waits until no background work is queued or running. */
    void waitIdle() {
        Fx.waitUntil("background work finished", () -> window.tasks().isIdle());
    }

    /** The topmost other window showing (a dialog), or null. */
    Window dialog() {
        return Fx.call(() -> Window.getWindows().stream().filter(w -> w != stage && w.isShowing())
                .reduce((a, b) -> b).orElse(null));
    }

    void closeDialogs() {
        Fx.run(() -> Window.getWindows().stream().filter(w -> w != stage && w.isShowing()).toList()
                .forEach(Window::hide));
    }

    @Override
    public void close() {
        closeDialogs();
        Fx.run(window::close);
        Fx.waitUntil("the window closed", () -> !stage.isShowing());
    }
}
