package org.c360.analytics.ingest;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.c360.analytics.sql.Sql;

/**
 * CSV: DuckDB's sniffer detects delimiter, quote, header, column types and date formats over the whole file
 * (or a large sample of a big one); the user may override any of them. The file is then read with exactly
 * those settings; lines that do not fit (too few or too many fields, a value of the wrong type, a broken
 * quote) are quarantined with their line number instead of failing the import.
 *
 * <p>{@code _source_row} is the line number in the file (the header is line 1), assuming one record per line.
 */
final class CsvLanding implements Landing {

    /** Files up to this size are sniffed completely, so a late odd value widens the type instead of being rejected. */
    static final long FULL_SNIFF_LIMIT = 256L << 20;
    static final int LARGE_SAMPLE_ROWS = 200_000;
    /** The longest line accepted; a 10 MB line must pass. */
    static final long MAX_LINE_BYTES = 32L << 20;

    private static final Pattern CAST_VALUE = Pattern.compile("Could not convert string \"(.*)\" to '([A-Z_ ]+)'",
            Pattern.DOTALL);
    private static final Pattern COLUMN_COUNTS = Pattern.compile("Expected Number of Columns: (\\d+) Found: (\\d+)");

    @Override
    public Landed land(LandingContext context, String table) throws SQLException, IOException {
        Path readable = readableCopy(context);
        String path = Sql.literal(readable.toString());
        String encoding = readable.equals(context.file()) ? "utf-8" : "transcoded from " + charsetName(context);

        Map<String, String> sniffParameters = new LinkedHashMap<>(context.csvOptions().readCsvParameters());
        long size = Files.size(readable);
        sniffParameters.put("sample_size", size <= FULL_SNIFF_LIMIT ? "-1" : Integer.toString(LARGE_SAMPLE_ROWS));
        sniffParameters.put("ignore_errors", "true");
        sniffParameters.put("max_line_size", Long.toString(MAX_LINE_BYTES));
        if (isUtf16(context)) {
            sniffParameters.put("encoding", "'utf-16'");
            encoding = "utf-16";
        }
        Sniffed sniffed = sniff(context, path, sniffParameters);

        Map<String, String> read = new LinkedHashMap<>();
        read.put("auto_detect", "false");
        read.put("delim", Sql.literal(sniffed.delimiter));
        read.put("quote", Sql.literal(sniffed.quote));
        read.put("escape", Sql.literal(sniffed.escape));
        read.put("header", Boolean.toString(sniffed.header));
        read.put("skip", Long.toString(sniffed.skipRows));
        if (!sniffed.comment.isEmpty()) {
            read.put("comment", Sql.literal(sniffed.comment));
        }
        read.put("columns", sniffed.columnsLiteral());
        if (sniffed.dateFormat != null) {
            read.put("dateformat", Sql.literal(sniffed.dateFormat));
        }
        if (sniffed.timestampFormat != null) {
            read.put("timestampformat", Sql.literal(sniffed.timestampFormat));
        }
        read.put("max_line_size", Long.toString(MAX_LINE_BYTES));
        if (sniffParameters.containsKey("encoding")) {
            read.put("encoding", sniffParameters.get("encoding"));
        }
        String rejectsTable = "c360_csv_rejects_" + context.importId() + "_" + Math.abs(table.hashCode());
        String rejectsScan = "c360_csv_scans_" + context.importId() + "_" + Math.abs(table.hashCode());
        read.put("store_rejects", "true");
        read.put("rejects_table", Sql.literal(rejectsTable));
        read.put("rejects_scan", Sql.literal(rejectsScan));
        read.put("rejects_limit", "0");

        long headerLines = sniffed.skipRows + (sniffed.header ? 1 : 0);
        try {
            context.execute("CREATE TABLE " + Sql.ident(table) + " AS SELECT *, "
                    + context.lineage("row_number() OVER () + " + headerLines) + " FROM read_csv(" + path
                    + parameters(read) + ")");
            List<Long> rejectedLines = quarantine(context, rejectsTable, table);
            renumberAfterRejects(context, table, rejectedLines);
            long rows = context.queryLong("SELECT count(*) FROM " + Sql.ident(table));
            if (rows == 0 && rejectedLines.isEmpty()) {
                throw new ImportException(context.file(), sniffed.header
                        ? "the file has a header line but no data rows"
                        : "the file has no data rows", null);
            }
            String options = "format=csv, delimiter=" + printable(sniffed.delimiter) + ", quote=" + printable(sniffed.quote)
                    + ", header=" + sniffed.header + ", skip=" + sniffed.skipRows + ", encoding=" + encoding
                    + (sniffed.dateFormat == null ? "" : ", dateformat=" + sniffed.dateFormat)
                    + (sniffed.timestampFormat == null ? "" : ", timestampformat=" + sniffed.timestampFormat);
            return new Landed(rows, rejectedLines.size(), options);
        } finally {
            context.execute("DROP TABLE IF EXISTS " + Sql.ident(rejectsTable));
            context.execute("DROP TABLE IF EXISTS " + Sql.ident(rejectsScan));
            if (!readable.equals(context.file())) {
                Files.deleteIfExists(readable);
            }
        }
    }

    private static String charsetName(LandingContext context) {
        return context.csvOptions().encoding() != null ? context.csvOptions().encoding() : "windows-1252";
    }

    private static boolean isUtf16(LandingContext context) throws IOException {
        if (isCompressed(context.file())) {
            return false;
        }
        Charset charset = context.csvOptions().encoding() != null
                ? Charset.forName(context.csvOptions().encoding()) : Encoding.detect(context.file());
        return charset.equals(StandardCharsets.UTF_16) || charset.name().startsWith("UTF-16");
    }

    private static boolean isCompressed(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    /**
     * The file itself when DuckDB can read it as is; else a UTF-8 copy in the scratch folder (the source is
     * never written).
     */
    private static Path readableCopy(LandingContext context) throws IOException {
        Path file = context.file();
        if (isCompressed(file)) {
            return file;
        }
        Charset charset = context.csvOptions().encoding() != null
                ? Charset.forName(context.csvOptions().encoding()) : Encoding.detect(file);
        if (charset.equals(StandardCharsets.UTF_8) || charset.name().startsWith("UTF-16")) {
            return file;
        }
        context.progress().update(-1, "Converting " + file.getFileName() + " from " + charset.name() + " to UTF-8");
        Files.createDirectories(context.scratch());
        Path copy = Files.createTempFile(context.scratch(), "transcoded-", ".csv");
        Encoding.transcode(file, charset, copy);
        return copy;
    }

    private record Sniffed(String delimiter, String quote, String escape, boolean header, long skipRows,
                           String comment, List<String[]> columns, String dateFormat, String timestampFormat) {
        String columnsLiteral() {
            StringJoiner joiner = new StringJoiner(", ", "{", "}");
            for (String[] column : columns) {
                joiner.add(Sql.literal(column[0]) + ": " + Sql.literal(column[1]));
            }
            return joiner.toString();
        }
    }

    private static Sniffed sniff(LandingContext context, String path, Map<String, String> parameters)
            throws SQLException {
        String sniffTable = "c360_sniff_" + context.importId();
        context.execute("CREATE OR REPLACE TEMP TABLE " + sniffTable + " AS SELECT * FROM sniff_csv(" + path
                + parameters(parameters) + ")");
        try {
            String delimiter;
            String quote;
            String escape;
            boolean header;
            long skip;
            String comment;
            String dateFormat;
            String timestampFormat;
            try (PreparedStatement statement = context.connection().prepareStatement(
                    "SELECT Delimiter, Quote, Escape, HasHeader, SkipRows, Comment, DateFormat, TimestampFormat FROM "
                            + sniffTable);
                 ResultSet rs = statement.executeQuery()) {
                rs.next();
                delimiter = empty(rs.getString(1));
                quote = empty(rs.getString(2));
                escape = empty(rs.getString(3));
                header = rs.getBoolean(4);
                skip = rs.getLong(5);
                comment = empty(rs.getString(6));
                dateFormat = blankToNull(rs.getString(7));
                timestampFormat = blankToNull(rs.getString(8));
            }
            List<String[]> columns = new ArrayList<>();
            try (PreparedStatement statement = context.connection().prepareStatement(
                    "SELECT c.name, c.type FROM (SELECT unnest(Columns) AS c FROM " + sniffTable + ")");
                 ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            if (columns.isEmpty()) {
                throw new ImportException(context.file(), "no columns could be recognised in the file", null);
            }
            return new Sniffed(delimiter, quote, escape, header, skip, comment, columns, dateFormat, timestampFormat);
        } finally {
            context.execute("DROP TABLE IF EXISTS " + sniffTable);
        }
    }

    /** sniff_csv prints "(empty)" for an empty setting. */
    private static String empty(String value) {
        return value == null || "(empty)".equals(value) ? "" : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() || "(empty)".equals(value) ? null : value;
    }

    private static String printable(String value) {
        return switch (value) {
            case "\t" -> "tab";
            case "" -> "none";
            default -> value;
        };
    }

    private static String parameters(Map<String, String> parameters) {
        StringBuilder sb = new StringBuilder();
        parameters.forEach((name, value) -> sb.append(", ").append(name).append(" = ").append(value));
        return sb.toString();
    }

    /** Moves DuckDB's rejected lines into rejected_rows, one per line; returns their line numbers, sorted. */
    private static List<Long> quarantine(LandingContext context, String rejectsTable, String table) throws SQLException {
        List<Long> lines = new ArrayList<>();
        try (PreparedStatement statement = context.connection().prepareStatement(
                "SELECT line, any_value(column_name ORDER BY column_idx), any_value(error_type ORDER BY column_idx),"
                        + " any_value(csv_line), any_value(error_message ORDER BY column_idx), count(*) FROM "
                        + Sql.ident(rejectsTable) + " GROUP BY line ORDER BY line");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                long line = rs.getLong(1);
                String column = rs.getString(2);
                String type = rs.getString(3);
                String csvLine = rs.getString(4);
                String message = rs.getString(5);
                String[] valueAndReason = describe(type, column, csvLine, message);
                context.reject(line, column, valueAndReason[0], valueAndReason[1], table);
                lines.add(line);
            }
        }
        return lines;
    }

    /** A readable value and reason for a DuckDB CSV error. */
    static String[] describe(String type, String column, String csvLine, String message) {
        String line = csvLine == null ? null : abbreviate(csvLine);
        String text = message == null ? "" : message;
        return switch (type == null ? "" : type) {
            case "CAST" -> {
                Matcher m = CAST_VALUE.matcher(text);
                yield m.find()
                        ? new String[] {abbreviate(m.group(1)), "'" + abbreviate(m.group(1)) + "' is not a valid "
                                + m.group(2).strip() + (column == null ? "" : " for column " + column)}
                        : new String[] {line, "a value has the wrong type: " + text};
            }
            case "MISSING COLUMNS" -> {
                Matcher m = COLUMN_COUNTS.matcher(text);
                yield new String[] {line, m.find()
                        ? "the line has " + m.group(2) + " fields, expected " + m.group(1)
                        : "the line has too few fields"};
            }
            case "TOO MANY COLUMNS" -> {
                Matcher m = COLUMN_COUNTS.matcher(text);
                yield new String[] {line, m.find()
                        ? "the line has " + m.group(2) + " fields, expected " + m.group(1)
                        : "the line has too many fields"};
            }
            case "UNQUOTED VALUE" -> new String[] {line, "a quoted value is not closed or has text after its quote"};
            case "LINE SIZE OVER MAXIMUM" -> new String[] {abbreviate(line),
                    "the line is longer than " + (MAX_LINE_BYTES >> 20) + " MB"};
            case "INVALID ENCODING", "INVALID UNICODE" -> new String[] {line,
                    "the line has bytes that are not valid in the file's encoding"};
            default -> new String[] {line, text.isEmpty() ? "the line could not be read" : text};
        };
    }

    private static String abbreviate(String value) {
        if (value == null) {
            return null;
        }
        return value.length() <= 500 ? value : value.substring(0, 500) + "… (" + value.length() + " characters)";
    }

    /**
     * Landed rows were numbered consecutively; rows after a rejected line must skip it. With the i-th rejected
     * data line at position e_i (1-based, i from 1), the k-th landed row sits at k + #{i : e_i - i < k}.
     */
    private static void renumberAfterRejects(LandingContext context, String table, List<Long> rejectedLines)
            throws SQLException {
        if (rejectedLines.isEmpty()) {
            return;
        }
        String shifts = "c360_row_shifts_" + context.importId();
        context.execute("CREATE OR REPLACE TEMP TABLE " + shifts + " (first_line BIGINT, shift BIGINT)");
        // Landed lines >= first_line (in the landed numbering) move down by shift.
        try (PreparedStatement insert = context.connection().prepareStatement(
                "INSERT INTO " + shifts + " VALUES (?, ?)")) {
            for (int i = 0; i < rejectedLines.size(); i++) {
                long line = rejectedLines.get(i);
                insert.setLong(1, line - i);
                insert.setLong(2, i + 1);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        // Consecutive rejected lines share a first_line: keep the largest shift, then ASOF picks per row the
        // greatest first_line not after it.
        context.execute("UPDATE " + Sql.ident(table) + " t SET _source_row = t._source_row + s.shift FROM ("
                + "SELECT r._source_row AS old_row, x.shift FROM " + Sql.ident(table) + " r ASOF JOIN ("
                + "SELECT first_line, max(shift) AS shift FROM " + shifts + " GROUP BY first_line) x"
                + " ON r._source_row >= x.first_line) s WHERE t._source_row = s.old_row");
        context.execute("DROP TABLE " + shifts);
    }
}
