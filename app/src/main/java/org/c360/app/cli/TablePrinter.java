package org.c360.app.cli;

import java.io.PrintWriter;
import java.util.List;

import org.c360.analytics.query.ResultTable;

/** Prints a {@link ResultTable} as an aligned text table, CSV (RFC 4180) or JSON lines. */
public final class TablePrinter {
    private static final int MAX_CELL = 60;

    private TablePrinter() {
    }

    public static void print(ResultTable table, OutputFormat format, PrintWriter out) {
        switch (format) {
            case table -> printTable(table, out);
            case csv -> printCsv(table, out);
            case json -> printJson(table, out);
        }
        out.flush();
    }

    private static void printTable(ResultTable table, PrintWriter out) {
        int n = table.columnCount();
        int[] widths = new int[n];
        for (int c = 0; c < n; c++) {
            widths[c] = table.columns().get(c).length();
        }
        for (Object[] row : table.rows()) {
            for (int c = 0; c < n; c++) {
                widths[c] = Math.max(widths[c], cell(row[c]).length());
            }
        }
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < n; c++) {
            rule.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
        }
        out.println(line(table.columns().toArray(), widths, table.types(), true));
        out.println(rule);
        for (Object[] row : table.rows()) {
            out.println(line(row, widths, table.types(), false));
        }
        out.println("(" + table.rowCount() + (table.truncated() ? "+ rows, output truncated" : " rows") + ")");
    }

    private static String line(Object[] values, int[] widths, List<String> types, boolean header) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < values.length; c++) {
            String text = header ? String.valueOf(values[c]) : cell(values[c]);
            boolean right = !header && isNumeric(types.get(c));
            if (c > 0) {
                sb.append(" | ");
            }
            String pad = " ".repeat(widths[c] - text.length());
            sb.append(right ? pad + text : text + (c == values.length - 1 ? "" : pad));
        }
        return sb.toString();
    }

    private static boolean isNumeric(String type) {
        return type.matches("(?i)(BIGINT|INTEGER|SMALLINT|TINYINT|HUGEINT|UBIGINT|UINTEGER|DOUBLE|FLOAT|REAL|DECIMAL.*)");
    }

    private static String cell(Object value) {
        if (value == null) {
            return "NULL";
        }
        String text = value.toString().replace('\n', ' ').replace('\r', ' ');
        return text.length() > MAX_CELL ? text.substring(0, MAX_CELL - 1) + "…" : text;
    }

    private static void printCsv(ResultTable table, PrintWriter out) {
        out.println(String.join(",", table.columns().stream().map(TablePrinter::csv).toList()));
        for (Object[] row : table.rows()) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                if (c > 0) {
                    sb.append(',');
                }
                sb.append(row[c] == null ? "" : csv(row[c].toString()));
            }
            out.println(sb);
        }
    }

    static String csv(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    private static void printJson(ResultTable table, PrintWriter out) {
        for (Object[] row : table.rows()) {
            StringBuilder sb = new StringBuilder("{");
            for (int c = 0; c < row.length; c++) {
                if (c > 0) {
                    sb.append(',');
                }
                sb.append(Json.string(table.columns().get(c))).append(':').append(Json.value(row[c]));
            }
            out.println(sb.append('}'));
        }
    }
}
