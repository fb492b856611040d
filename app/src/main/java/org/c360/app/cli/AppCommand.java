package org.c360.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.c360.analytics.work.C360Exception;
import org.c360.app.ui.main.StartOptions;
import org.c360.app.ui.main.WorkbenchApp;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code c360 app}: the desktop app. */
@Command(name = "app", mixinStandardHelpOptions = true,
        description = "Open the desktop app. Without a workspace it opens demo.c360 in the app's home folder.")
public final class AppCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "Files to open: a *.c360 file opens as the workspace.")
    List<Path> files = new ArrayList<>();

    @Option(names = {"-w", "--workspace"}, paramLabel = "WS", description = "Workspace to open (created if missing).")
    Path workspace;

    @Option(names = "--table", paramLabel = "TABLE", description = "Open this table in the Data tab.")
    String table;

    @Option(names = "--profile", paramLabel = "COLUMN", description = "With --table: profile this column.")
    String profile;

    @Option(names = "--sql", paramLabel = "QUERY", description = "Put this query in the SQL tab and run it.")
    String sql;

    @Option(names = "--tab", paramLabel = "NAME",
            description = "Show this tab first: Overview, Data, Mapping, Profiles, 'Identity quality', Analyses, Segments, 'Cohorts & LTV' or SQL.")
    String tab;

    @Option(names = "--person", paramLabel = "TEXT",
            description = "Find this person (name, e-mail, phone or any id) and show them in the Profiles tab.")
    String person;

    @Option(names = "--section", paramLabel = "NAME",
            description = "With --tab 'Identity quality': show sources, review or standardisation; with --tab 'Cohorts & LTV': fit (fit the models at start).")
    String section;

    @Option(names = "--analysis", paramLabel = "NAME",
            description = "Select this analysis in the Analyses tab and run it (see 'c360 analyze').")
    String analysis;

    @Option(names = "--segment", paramLabel = "EXPRESSION",
            description = "Show this segment expression in the Segments tab and count it (see 'c360 segment --where').")
    String segment;

    @Option(names = "--screenshot", paramLabel = "PNG",
            description = "Render the window without a screen, write it to PNG once loaded, and exit.")
    Path screenshot;

    @Override
    public Integer call() {
        if (screenshot != null && System.getProperty("glass.platform") == null) {
            // JavaFX's Headless platform renders in software with no display: the same picture anywhere.
            System.setProperty("glass.platform", "Headless");
            System.setProperty("prism.order", "sw");
        }
        try {
            WorkbenchApp.launch(new StartOptions(files, workspace, screenshot, tab, table, profile, sql, person, section, analysis,
                    segment));
        } catch (UnsupportedOperationException e) {
            // JavaFX's way of saying there is no screen (no DISPLAY on Linux).
            String reason = String.valueOf(e.getMessage()).replaceAll("\\.+$", "");
            throw new C360Exception("Cannot open a window: " + reason + ". Run it on a desktop, or use --screenshot "
                    + "to render the window to a PNG without one.", e);
        }
        return 0;
    }
}
