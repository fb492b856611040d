package org.c360.datasets.ecommerce;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.c360.analytics.sql.Sql;

/**
 * A generated dataset opened for assertions: the four files as the views customers, products,
 * transactions and interactions of an in-memory DuckDB, read back as an importer would.
 */
final class DatasetFiles implements AutoCloseable {

    private final Connection connection;

    private DatasetFiles(Connection connection) {
        this.connection = connection;
    }

    static DatasetFiles open(Path dir, DataFormat format) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement st = connection.createStatement()) {
            for (String table : EcommerceGenerator.TABLES) {
                String file = Sql.literal(dir.resolve(format.fileName(table)).toString());
                String reader = switch (format) {
                    case parquet -> "read_parquet(" + file + ")";
                    case csv -> "read_csv(" + file + ", header = true)";
                    case json -> "read_json(" + file + ")";
                };
                st.execute("CREATE VIEW " + table + " AS SELECT * FROM " + reader);
            }
        }
        return new DatasetFiles(connection);
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

    /** The first column of every row of {@code sql}, as text. */
    List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    /** SHA-256 of every file in {@code dir} (hidden ones too), by name. */
    static Map<String, String> sha256(Path dir) {
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                try (InputStream in = Files.newInputStream(file)) {
                    byte[] buffer = new byte[1 << 16];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        digest.update(buffer, 0, n);
                    }
                }
                sums.put(file.getFileName().toString(), HexFormat.of().formatHex(digest.digest()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return sums;
    }
}
