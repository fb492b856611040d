package org.c360.datasets.sources;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.c360.analytics.sql.Sql;

/**
 * A generated dataset's source files opened for assertions, read back as an importer would (every CSV
 * column as text): the views crm_customers, loyalty_members, web_events, orders, support_tickets,
 * subscriptions, customers_nested, ground_truth, and customers (the e-commerce table, Parquet), plus
 * macros that normalise e-mail addresses the way a resolver would.
 */
final class SourceFiles implements AutoCloseable {

    private final Connection connection;

    private SourceFiles(Connection connection) {
        this.connection = connection;
    }

    static SourceFiles open(Path dir) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement st = connection.createStatement()) {
            for (SourceFile source : SourceFile.values()) {
                String file = Sql.literal(dir.resolve(source.fileName()).toString());
                String reader = source.fileName().endsWith(".csv") ? "read_csv(" + file + ", header = true, all_varchar = true)"
                        : source.fileName().endsWith(".ndjson") ? "read_json(" + file + ", format = 'newline_delimited')"
                        : "read_json(" + file + ", format = 'array')";
                st.execute("CREATE VIEW " + source.table() + " AS SELECT * FROM " + reader);
            }
            st.execute("CREATE VIEW customers AS SELECT * FROM read_parquet(" + Sql.literal(dir.resolve("customers.parquet").toString()) + ")");
            // Gmail ignores dots and +tags and also answers at googlemail.com; other providers ignore +tags
            st.execute("CREATE MACRO mail_domain(e) AS replace(split_part(lower(trim(e)), '@', 2), 'googlemail.com', 'gmail.com')");
            st.execute("CREATE MACRO mail_local(e) AS split_part(split_part(lower(trim(e)), '@', 1), '+', 1)");
            st.execute("""
                    CREATE MACRO norm_email(e) AS CASE WHEN contains(e, '@') AND lower(trim(e)) NOT IN ('test@test.com', 'noemail@example.com')
                        THEN CASE WHEN mail_domain(e) = 'gmail.com' THEN replace(mail_local(e), '.', '') ELSE mail_local(e) END
                             || '@' || mail_domain(e) END""");
            st.execute("CREATE MACRO truth(src) AS TABLE SELECT record_id, person_id::BIGINT AS person_id FROM ground_truth WHERE source = src");
        }
        return new SourceFiles(connection);
    }

    /** The single number {@code sql} returns. */
    double number(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                throw new AssertionError("no row from " + sql);
            }
            return rs.getDouble(1);
        }
    }

    long count(String sql) throws SQLException {
        return (long) number(sql);
    }

    /** Every row of {@code sql}, each column as text. */
    List<String[]> rows(String sql) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                String[] row = new String[n];
                for (int i = 0; i < n; i++) {
                    row[i] = rs.getString(i + 1);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
