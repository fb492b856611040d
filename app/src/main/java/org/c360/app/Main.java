package org.c360.app;

import org.c360.app.cli.C360Command;

/**
 * The launcher: a plain {@code main} (not a JavaFX {@code Application}, so it runs from the class path)
 * that hands the arguments to the {@code c360} command line; {@code c360 app} opens the desktop app.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(C360Command.run(args));
    }
}
