package org.c360.app.ui.main;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;

import org.c360.analytics.work.C360Exception;

/** Writes what a scene shows as a PNG file (for the README and for looking at the UI without a screen). */
public final class Screenshot {
    private Screenshot() {
    }

    /** Snapshots {@code scene}; FX thread. */
    public static void write(Scene scene, Path file) {
        WritableImage image = scene.snapshot(null);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        } catch (IOException e) {
            throw new C360Exception("Cannot write the screenshot " + file + ": " + e.getMessage(), e);
        }
    }
}
