package org.c360.analytics.standardize;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.c360.analytics.sql.Sql;

/**
 * Timestamps written as text, to UTC, in SQL (there are too many distinct values to standardise in Java):
 * ISO 8601 with or without an offset (without one it is UTC), epoch seconds or milliseconds, and the usual
 * local layouts.
 */
public final class TimestampSql {

    /** Non-ISO date/time layouts tried on text columns, most common first. */
    public static final List<String> FORMATS = List.of(
            "%m/%d/%Y", "%d/%m/%Y", "%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S",
            "%m/%d/%y", "%d/%m/%y", "%d.%m.%Y", "%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S", "%Y/%m/%d", "%Y/%m/%d %H:%M:%S",
            "%d-%m-%Y", "%d-%m-%Y %H:%M:%S", "%b %d, %Y", "%d %b %Y", "%B %d, %Y", "%d %B %Y", "%Y%m%d");

    private TimestampSql() {
    }

    /**
     * Text to UTC timestamp: ISO 8601 (with or without offset; without one it is UTC) or, when {@code format}
     * is given, that strptime layout; with {@code format} null, any of {@link #FORMATS}.
     */
    public static String timestampOf(String text, String format) {
        String iso = "timezone('UTC', TRY_CAST(trim(" + text + ") AS TIMESTAMPTZ))";
        if (format == null) {
            // epoch seconds (10 digits) or milliseconds (13 digits) written as text
            String epoch = "CASE WHEN regexp_full_match(trim(" + text + "), '[0-9]{13}') THEN epoch_ms(CAST(trim(" + text
                    + ") AS BIGINT)) WHEN regexp_full_match(trim(" + text + "), '[0-9]{10}') THEN timezone('UTC', "
                    + "to_timestamp(CAST(trim(" + text + ") AS BIGINT))) END";
            StringBuilder list = new StringBuilder("[");
            for (int i = 0; i < FORMATS.size(); i++) {
                list.append(i == 0 ? "" : ", ").append(Sql.literal(FORMATS.get(i)));
            }
            return "coalesce(" + epoch + ", " + iso + ", try_strptime(trim(" + text + "), " + list + "]))";
        }
        if (format.isEmpty()) {
            return iso;
        }
        return "coalesce(" + iso + ", try_strptime(trim(" + text + "), " + Sql.literal(format) + ")::TIMESTAMP)";
    }

    /**
     * The layout that parses most of a text column's values ("" = ISO 8601 parses best; null = no single
     * layout does as well as trying them all per value, so the column mixes layouts). Day-first and
     * month-first both parse "03/04/2024"; the one that also parses the unambiguous values ("25/04/2024") wins.
     */
    public static String bestFormat(Connection connection, String table, String column) throws SQLException {
        String c = Sql.ident(column);
        StringBuilder sql = new StringBuilder("SELECT count(timezone('UTC', TRY_CAST(trim(" + c + ") AS TIMESTAMPTZ)))");
        for (String format : FORMATS) {
            sql.append(", count(try_strptime(trim(").append(c).append("), ").append(Sql.literal(format)).append("))");
        }
        sql.append(" FROM (SELECT ").append(c).append(" FROM ").append(Sql.ident(table)).append(" WHERE ").append(c)
                .append(" IS NOT NULL LIMIT 10000)");
        sql.insert("SELECT ".length(), "count(" + timestampOf(c, null) + "), ");
        try (PreparedStatement statement = connection.prepareStatement(sql.toString());
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            long any = rs.getLong(1);
            long best = rs.getLong(2);
            String bestFormat = "";
            for (int i = 0; i < FORMATS.size(); i++) {
                long parsed = rs.getLong(i + 3);
                if (parsed > best) {
                    best = parsed;
                    bestFormat = FORMATS.get(i);
                }
            }
            // a column that mixes layouts (exports merged from several systems) is read value by value
            return any > best ? null : bestFormat;
        }
    }

}
