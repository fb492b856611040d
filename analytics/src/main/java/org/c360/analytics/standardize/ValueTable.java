package org.c360.analytics.standardize;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.c360.analytics.sql.Sql;
import org.c360.analytics.sql.Statements;
import org.c360.analytics.work.Progress;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Standardises the distinct values of a column with a {@link Rule} and writes them to a lookup table
 * {@code (role, raw, context, value, problem)} that SQL joins back. A million rows usually hold far fewer
 * distinct values, and Java rules (libphonenumber, e-mail canonicalisation) then run once per value.
 */
public final class ValueTable {

    /** Values handed to the rule per batch, in parallel. */
    private static final int BATCH = 50_000;

    private ValueTable() {
    }

    /** Creates an empty lookup table named {@code table}. */
    public static void create(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TABLE " + Sql.ident(table)
                    + " (role VARCHAR, raw VARCHAR, context VARCHAR, value VARCHAR, problem VARCHAR)");
        }
    }

    /**
     * Standardises every row of {@code distinctQuery} (columns: raw, context) with {@code rule} and appends
     * them to {@code table} under {@code role}, in one transaction (the caller's, if it has one).
     *
     * @return rows written
     */
    public static long fill(Connection connection, String table, String role, String distinctQuery, Rule rule,
                            Progress progress) throws SQLException {
        long start = System.nanoTime();
        long[] written = {0};
        DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
        Statements.inOneTransaction(connection, () -> {
            try (PreparedStatement statement = connection.prepareStatement(distinctQuery);
                 Progress.Registration ignored = progress.cancels(statement);
                 ResultSet rs = statement.executeQuery();
                 DuckDBAppender appender = duck.createAppender("main", table)) {
                List<String[]> batch = new ArrayList<>(BATCH);
                while (rs.next()) {
                    batch.add(new String[] {rs.getString(1), rs.getString(2)});
                    if (batch.size() == BATCH) {
                        written[0] += write(appender, role, batch, rule);
                        batch.clear();
                        progress.throwIfCancelled();
                    }
                }
                written[0] += write(appender, role, batch, rule);
            }
        });
        Statements.log(role + ": " + written[0] + " distinct values by " + rule.name() + " rule", start);
        return written[0];
    }

    private static long write(DuckDBAppender appender, String role, List<String[]> batch, Rule rule)
            throws SQLException {
        Standardized[] results = new Standardized[batch.size()];
        java.util.stream.IntStream.range(0, batch.size()).parallel()
                .forEach(i -> results[i] = rule.apply(batch.get(i)[0], batch.get(i)[1]));
        for (int i = 0; i < results.length; i++) {
            appender.beginRow();
            appender.append(role);
            appendNullable(appender, batch.get(i)[0]);
            appendNullable(appender, batch.get(i)[1]);
            appendNullable(appender, results[i].value());
            appendNullable(appender, results[i].problem());
            appender.endRow();
        }
        return results.length;
    }

    private static void appendNullable(DuckDBAppender appender, String value) throws SQLException {
        if (value == null) {
            appender.appendNull();
        } else {
            appender.append(value);
        }
    }
}
