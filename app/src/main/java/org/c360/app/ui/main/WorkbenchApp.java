package org.c360.app.ui.main;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import org.c360.app.AppHome;
import org.c360.app.ui.task.AppExecutor;
import org.c360.app.ui.theme.Theme;

/**
 * The JavaFX application: it only builds the main window. It is started by {@code c360 app} through
 * {@link #launch(StartOptions)}, from the plain launcher, never as a main class (JavaFX on the class path
 * refuses an {@code Application} main class).
 */
public final class WorkbenchApp extends Application {
    private static volatile StartOptions startOptions = StartOptions.none();

    /** Starts the toolkit, opens the window as {@code options} say and returns when the app has exited. */
    public static void launch(StartOptions options) {
        startOptions = options;
        Application.launch(WorkbenchApp.class);
    }

    @Override
    public void start(Stage stage) {
        Theme.install();
        MainWindow window = new MainWindow(stage, AppHome.dir(), Platform::exit);
        window.show();
        window.start(startOptions);
    }

    @Override
    public void stop() {
        AppExecutor.shutdown();
    }
}
