package org.c360.app.ui.theme;

import java.util.Objects;

import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;

import atlantafx.base.theme.PrimerLight;

/**
 * The look of the app: AtlantaFX's Primer Light as the user-agent stylesheet for every control, plus one
 * stylesheet of our own ({@code app.css}) on every scene and dialog.
 */
public final class Theme {
    private static final String APP_CSS = Objects.requireNonNull(Theme.class.getResource("/org/c360/app/ui/app.css"),
            "app.css missing from the jar").toExternalForm();

    private Theme() {
    }

    /** Sets the theme for all windows; call once on the FX thread before building any. */
    public static void install() {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    }

    public static void style(Scene scene) {
        if (!scene.getStylesheets().contains(APP_CSS)) {
            scene.getStylesheets().add(APP_CSS);
        }
    }

    public static void style(Parent root) {
        if (!root.getStylesheets().contains(APP_CSS)) {
            root.getStylesheets().add(APP_CSS);
        }
    }
}
