package org.c360.analytics.sql;

/**
 * DuckDB's JDBC errors wrap the real message ("Attempting to execute an unsuccessful or closed pending query
 * result / Error: ..."); these helpers keep what a person needs to read.
 */
public final class DuckDbMessages {
    private static final String WRAPPER = "Attempting to execute an unsuccessful or closed pending query result";

    private DuckDbMessages() {
    }

    /** The message without the JDBC wrapper, keeping DuckDB's context lines (LINE 1: ... with its caret). */
    public static String clean(String message) {
        if (message == null || message.isBlank()) {
            return "The statement failed.";
        }
        String text = message.strip();
        int wrapper = text.indexOf(WRAPPER);
        if (wrapper >= 0) {
            int newline = text.indexOf('\n', wrapper);
            text = newline < 0 ? text : text.substring(newline + 1).strip();
        }
        if (text.startsWith("Error: ")) {
            text = text.substring("Error: ".length());
        }
        return text;
    }

    /** The first line of the cleaned message without DuckDB's error class ("Invalid Input Error: "). */
    public static String headline(String message) {
        String text = clean(message);
        int newline = text.indexOf('\n');
        String first = (newline < 0 ? text : text.substring(0, newline)).strip();
        return first.replaceFirst("^([A-Z][A-Za-z]*\\s)*(Error|Exception):\\s*", "");
    }
}
