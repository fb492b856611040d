package org.c360.datasets.ecommerce;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.c360.analytics.sql.Sql;

/**
 * The {@code manifest.json} that the generator writes beside the data files, last: what the files are
 * (seed, scale, format, time window, rows and size of each). A folder with a manifest whose files all
 * exist with the recorded sizes holds a complete dataset; the generator overwrites only folders whose
 * files it wrote. The manifest holds nothing run-dependent (no date, no timing), so it is as
 * reproducible as the data.
 *
 * @param generatorVersion {@link EcommerceGenerator#VERSION} of the generator that wrote it
 * @param tables           one entry per data file, in table order
 */
public record Manifest(int generatorVersion, long seed, double scale, DataFormat format, List<Entry> tables) {

    /** Its file name in the dataset folder. */
    public static final String FILE_NAME = "manifest.json";
    /** The value of its {@code generator} field, which tells our manifests from others. */
    public static final String GENERATOR = "c360 generate (e-commerce)";

    /** One data file. */
    public record Entry(String table, String file, long rows, long bytes) {
    }

    public Manifest {
        tables = List.copyOf(tables);
    }

    /** True if every file it lists is in {@code dir} with the recorded size. */
    public boolean isCompleteIn(Path dir) {
        for (Entry entry : tables) {
            Path file = dir.resolve(entry.file());
            try {
                if (!Files.isRegularFile(file) || Files.size(file) != entry.bytes()) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return !tables.isEmpty();
    }

    /** The JSON text: fixed field order, one table per line. */
    String toJson() {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"generator\": ").append(quote(GENERATOR)).append(",\n");
        sb.append("  \"generator_version\": ").append(generatorVersion).append(",\n");
        sb.append("  \"seed\": ").append(seed).append(",\n");
        sb.append("  \"scale\": ").append(scale).append(",\n");
        sb.append("  \"format\": ").append(quote(format.name())).append(",\n");
        sb.append("  \"window_start\": ").append(quote(EcommerceGenerator.WINDOW_START.toString())).append(",\n");
        sb.append("  \"window_end\": ").append(quote(EcommerceGenerator.WINDOW_END.toString())).append(",\n");
        sb.append("  \"tables\": [\n");
        for (int i = 0; i < tables.size(); i++) {
            Entry e = tables.get(i);
            sb.append(String.format(Locale.ROOT, "    {\"table\": %s, \"file\": %s, \"rows\": %d, \"bytes\": %d}%s%n",
                    quote(e.table()), quote(e.file()), e.rows(), e.bytes(), i + 1 < tables.size() ? "," : ""));
        }
        return sb.append("  ]\n}\n").toString();
    }

    void write(Path file) throws IOException {
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }

    /**
     * Reads the manifest in {@code dir}; empty if there is none, or if it was not written by this
     * generator (another tool's manifest.json, or a damaged one).
     */
    public static Optional<Manifest> read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String source = "read_json(" + Sql.literal(file.toString()) + ")";
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            Manifest manifest;
            try (ResultSet rs = statement.executeQuery(
                    "SELECT generator, generator_version, seed, scale, format FROM " + source)) {
                if (!rs.next() || !GENERATOR.equals(rs.getString(1))) {
                    return Optional.empty();
                }
                manifest = new Manifest(rs.getInt(2), rs.getLong(3), rs.getDouble(4),
                        DataFormat.valueOf(rs.getString(5)), List.of());
            }
            List<Entry> entries = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT t.table, t.file, t.rows, t.bytes FROM (SELECT unnest(tables) AS t FROM "
                    + source + ")")) {
                while (rs.next()) {
                    entries.add(new Entry(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
                }
            }
            return Optional.of(new Manifest(manifest.generatorVersion(), manifest.seed(), manifest.scale(),
                    manifest.format(), entries));
        } catch (SQLException | RuntimeException e) {
            // not JSON, or not our fields: someone else's manifest
            return Optional.empty();
        }
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
