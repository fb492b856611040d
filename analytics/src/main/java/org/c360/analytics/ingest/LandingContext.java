package org.c360.analytics.ingest;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.c360.analytics.sql.Sql;
import org.c360.analytics.work.Progress;

/**
 * Everything a reader needs to land one file: the import's connection (inside its transaction), ids and
 * lineage values, progress, and a scratch folder for transcoded copies.
 */
record LandingContext(Connection connection, long importId, Path file, String importedAt, Progress progress,
                      Path scratch, CsvOptions csvOptions) {

    /** The lineage value of {@code _source_file}: the absolute path as the user gave it. */
    String sourceFile() {
        return file.toAbsolutePath().normalize().toString();
    }

    /** The three lineage columns as SQL select items, with {@code rowExpression} as the row number. */
    String lineage(String rowExpression) {
        return Sql.literal(sourceFile()) + " AS _source_file, " + rowExpression + " AS _source_row, TIMESTAMP "
                + Sql.literal(importedAt) + " AS _imported_at";
    }

    void execute(String sql) throws SQLException {
        progress.throwIfCancelled();
        try (Statement statement = connection.createStatement();
             Progress.Registration ignored = progress.cancels(statement)) {
            statement.execute(sql);
        }
    }

    long queryLong(String sql) throws SQLException {
        progress.throwIfCancelled();
        try (PreparedStatement statement = connection.prepareStatement(sql);
             Progress.Registration ignored = progress.cancels(statement);
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Records one quarantined row. */
    void reject(Long row, String column, String value, String reason, String rawTable) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO rejected_rows(import_id, source_file, source_row, "column", value, reason, raw_table, stage)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'read')""")) {
            insert.setLong(1, importId);
            insert.setString(2, sourceFile());
            if (row == null) {
                insert.setNull(3, java.sql.Types.BIGINT);
            } else {
                insert.setLong(3, row);
            }
            insert.setString(4, column);
            insert.setString(5, value);
            insert.setString(6, reason);
            insert.setString(7, rawTable);
            insert.executeUpdate();
        }
    }
}
