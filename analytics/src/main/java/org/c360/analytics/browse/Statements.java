package org.c360.analytics.browse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.c360.analytics.work.C360Exception;
import org.c360.analytics.work.CancelledException;
import org.c360.analytics.work.Progress;

/** Runs one prepared query so that Cancel interrupts it and failures read as one sentence. */
final class Statements {
    private Statements() {
    }

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    static <T> T query(Connection connection, String sql, Binder binder, Progress progress, String what,
                       Reader<T> reader) {
        progress.throwIfCancelled();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (Progress.Registration ignored = progress.cancels(statement);
                 ResultSet rs = statement.executeQuery()) {
                return reader.read(rs);
            }
        } catch (SQLException e) {
            if (progress.isCancelled()) {
                throw new CancelledException();
            }
            throw new C360Exception(what + " failed: " + firstLine(e.getMessage()), e);
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no message from DuckDB";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
