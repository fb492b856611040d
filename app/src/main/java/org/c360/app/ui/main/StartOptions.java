package org.c360.app.ui.main;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code c360 app} was asked to do at start: files to open (a {@code .c360} file is a workspace),
 * a workspace, and for documentation and checks a screenshot to write once the window has settled.
 *
 * @param tab     the tab to show first (Overview, Data, Mapping, Profiles, Identity quality, Analyses, Segments, Cohorts &amp; LTV or SQL), or null
 * @param table   a table to open in the data grid, or null
 * @param profile a column of that table to profile, or null
 * @param sql     a query to put in the SQL console and run, or null
 * @param person  a person to find and show in the Profiles tab (name, e-mail, phone, any id), or null
 * @param section the section of the Identity quality tab to show (sources, review, standardisation), or null;
 *                with the Cohorts &amp; LTV tab, "fit" fits the models at start
 * @param analysis an analysis to select and run in the Analyses tab (its {@code c360 analyze} name), or null
 * @param segment  a segment expression to show and count in the Segments tab, or null
 */
public record StartOptions(List<Path> files, Path workspace, Path screenshot, String tab, String table, String profile,
                           String sql, String person, String section, String analysis, String segment) {

    public StartOptions {
        files = List.copyOf(files);
    }

    public StartOptions(List<Path> files, Path workspace, Path screenshot, String tab, String table, String profile, String sql) {
        this(files, workspace, screenshot, tab, table, profile, sql, null, null);
    }

    public StartOptions(List<Path> files, Path workspace, Path screenshot, String tab, String table, String profile,
                        String sql, String person, String section) {
        this(files, workspace, screenshot, tab, table, profile, sql, person, section, null);
    }

    public StartOptions(List<Path> files, Path workspace, Path screenshot, String tab, String table, String profile,
                        String sql, String person, String section, String analysis) {
        this(files, workspace, screenshot, tab, table, profile, sql, person, section, analysis, null);
    }

    public static StartOptions none() {
        return new StartOptions(List.of(), null, null, null, null, null, null);
    }
}
