package org.c360.analytics.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the user overrides when DuckDB's CSV sniffer guesses wrong. Every field is optional: {@code null}
 * means "detect". Values are passed to DuckDB's {@code read_csv} as quoted literals.
 *
 * @param delimiter       column separator, e.g. {@code ";"} or {@code "\t"}
 * @param quote           quote character, e.g. {@code "\""}
 * @param header          whether the first line holds the column names
 * @param encoding        a Java charset name, e.g. {@code "windows-1252"}; the file is transcoded to UTF-8
 * @param dateFormat      strftime pattern for dates, e.g. {@code "%d/%m/%Y"}
 * @param timestampFormat strftime pattern for timestamps, e.g. {@code "%d/%m/%Y %H:%M"}
 */
public record CsvOptions(String delimiter, String quote, Boolean header, String encoding, String dateFormat,
                         String timestampFormat) {

    /** Detect everything. */
    public static final CsvOptions DETECT = new CsvOptions(null, null, null, null, null, null);

    public CsvOptions {
        if (delimiter != null && (delimiter.isEmpty() || delimiter.length() > 4)) {
            throw new IllegalArgumentException("A CSV delimiter must be 1 to 4 characters, not '" + delimiter + "'.");
        }
        if (quote != null && quote.length() > 1) {
            throw new IllegalArgumentException("A CSV quote must be a single character, not '" + quote + "'.");
        }
        if (encoding != null && !java.nio.charset.Charset.isSupported(encoding)) {
            throw new IllegalArgumentException("Unknown encoding '" + encoding + "'.");
        }
    }

    /** The overrides as {@code read_csv} named parameters (name -> SQL literal). */
    Map<String, String> readCsvParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (delimiter != null) {
            parameters.put("delim", org.c360.analytics.sql.Sql.literal(delimiter));
        }
        if (quote != null) {
            parameters.put("quote", org.c360.analytics.sql.Sql.literal(quote));
        }
        if (header != null) {
            parameters.put("header", header.toString());
        }
        if (dateFormat != null) {
            parameters.put("dateformat", org.c360.analytics.sql.Sql.literal(dateFormat));
        }
        if (timestampFormat != null) {
            parameters.put("timestampformat", org.c360.analytics.sql.Sql.literal(timestampFormat));
        }
        return parameters;
    }
}
