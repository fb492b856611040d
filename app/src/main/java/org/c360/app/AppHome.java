package org.c360.app;

import java.nio.file.Path;

/**
 * Where the app keeps its own files (demo data and workspace, recent files, settings): {@code ~/.c360},
 * or the folder named by the {@code c360.home} system property or the {@code C360_HOME} variable.
 */
public final class AppHome {
    private AppHome() {
    }

    public static Path dir() {
        String property = System.getProperty("c360.home");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath();
        }
        String env = System.getenv("C360_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".c360");
    }
}
