package org.c360.analytics.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.c360.analytics.entity.Entity;
import org.c360.analytics.mapping.Mappings;
import org.c360.analytics.mapping.TableMapping;
import org.c360.analytics.sql.DuckDbMessages;
import org.c360.analytics.sql.Sql;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.work.CancelledException;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;

/**
 * Imports Parquet, CSV and JSON files into a workspace, all of them in one transaction: each file lands in a
 * {@code raw_*} table as it came (nested arrays of records become linked child tables), unreadable rows go to
 * {@code rejected_rows}, the table's column roles are detected and saved, and the canonical entities they
 * feed are rebuilt. A failure or Cancel rolls everything back. Source files are only ever read.
 */
public final class Importer {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);
    private static final Pattern DUCKDB_ROW = Pattern.compile("(?:line|record|row)[^0-9]{0,20}(\\d+)", Pattern.CASE_INSENSITIVE);

    private final Workspace workspace;
    private final CsvOptions csvOptions;

    public Importer(Workspace workspace) {
        this(workspace, CsvOptions.DETECT);
    }

    /** @param csvOptions overrides for reading CSV files (null fields are detected) */
    public Importer(Workspace workspace, CsvOptions csvOptions) {
        this.workspace = workspace;
        this.csvOptions = csvOptions;
    }

    /**
     * Imports {@code files} in one transaction.
     *
     * @throws ImportException    naming the file (and row/column when known) that could not be imported
     * @throws CancelledException when {@code progress} was cancelled; nothing was kept
     */
    public ImportResult importFiles(List<Path> files, Progress progress) {
        if (files.isEmpty()) {
            throw new C360Exception("No files to import.");
        }
        List<Path> sources = new ArrayList<>();
        for (Path file : files) {
            sources.add(checkReadable(file));
        }
        long start = System.nanoTime();
        String importedAt = TIMESTAMP.format(LocalDateTime.now().truncatedTo(ChronoUnit.MICROS));
        Path scratch = workspace.file().resolveSibling(workspace.file().getFileName() + ".import-tmp");
        Path current = null;
        try (Connection connection = workspace.connect()) {
            connection.setAutoCommit(false);
            try {
                long importId = nextImportId(connection);
                insertImport(connection, importId, importedAt, sources.size());
                List<FileResult> results = new ArrayList<>();
                List<ImportResult.Step> steps = new ArrayList<>();
                Set<Entity> entities = EnumSet.noneOf(Entity.class);
                Set<String> tablesOfThisImport = new HashSet<>();
                for (int i = 0; i < sources.size(); i++) {
                    current = sources.get(i);
                    progress.throwIfCancelled();
                    progress.update((double) i / sources.size() * 0.8,
                            "Reading " + current.getFileName() + " (" + (i + 1) + " of " + sources.size() + ")");
                    LandingContext context = new LandingContext(connection, importId, current, importedAt, progress,
                            scratch, csvOptions);
                    long fileStart = System.nanoTime();
                    results.add(importOne(context, tablesOfThisImport, entities));
                    steps.add(new ImportResult.Step("read " + current.getFileName(), millisSince(fileStart)));
                }
                current = null;
                progress.update(0.8, "Building canonical tables");
                long buildStart = System.nanoTime();
                Mappings.rebuild(connection, entities, progress);
                List<FileResult> counted = recountRejected(connection, importId, results);
                updateImport(connection, importId, counted);
                steps.add(new ImportResult.Step("validate and build canonical tables", millisSince(buildStart)));
                progress.throwIfCancelled();
                long commitStart = System.nanoTime();
                connection.commit();
                steps.add(new ImportResult.Step("commit", millisSince(commitStart)));
                progress.update(1, "Imported " + sources.size() + " file(s)");
                return new ImportResult(importId, counted, millisSince(start), steps);
            } catch (SQLException | IOException | RuntimeException e) {
                rollback(connection);
                throw translate(e, current, progress);
            }
        } catch (SQLException e) {
            throw new C360Exception("Cannot use workspace " + workspace.file() + ": " + e.getMessage(), e);
        } finally {
            deleteScratch(scratch);
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private FileResult importOne(LandingContext context, Set<String> tablesOfThisImport, Set<Entity> entities)
            throws SQLException, IOException {
        Path file = context.file();
        SourceFormat format = SourceFormat.of(file);
        Connection connection = context.connection();
        // Re-importing a file replaces what its previous import made.
        for (String old : tablesFrom(connection, context.sourceFile())) {
            if (!tablesOfThisImport.contains(old)) {
                Optional<TableMapping> mapping = Mappings.saved(connection, old);
                mapping.ifPresent(m -> entities.add(m.entity()));
                dropRawTable(context, old, mapping.isPresent() && mapping.get().confirmed());
            }
        }
        String table = freeTableName(connection, rawName(file), tablesOfThisImport);
        String staging = "c360_staging_" + context.importId() + "_" + tablesOfThisImport.size();
        Landing.Landed landed = Landing.of(format).land(context, staging);
        List<Nesting.Table> tables = new Nesting(context).flatten(staging, table);
        try (PreparedStatement rename = connection.prepareStatement(
                "UPDATE rejected_rows SET raw_table = ? WHERE import_id = ? AND raw_table = ?")) {
            rename.setString(1, table);
            rename.setLong(2, context.importId());
            rename.setString(3, staging);
            rename.executeUpdate();
        }
        List<FileResult.ChildTable> children = new ArrayList<>();
        Optional<Entity> entity = Optional.empty();
        Map<String, Entity> mapped = new HashMap<>();
        for (Nesting.Table made : tables) {
            tablesOfThisImport.add(made.name());
            recordFile(context, format, made, landed, table);
            Optional<TableMapping> mapping = Mappings.detectAndStore(connection, made.name());
            if (mapping.isPresent() && !mapping.get().confirmed() && made.parent() != null
                    && mapping.get().entity() == mapped.get(made.parent())) {
                // order lines inside an order look like orders too; the parent already feeds that entity
                Mappings.forget(connection, made.name());
                mapping = Optional.empty();
            }
            mapping.ifPresent(m -> {
                entities.add(m.entity());
                mapped.put(made.name(), m.entity());
            });
            if (made.name().equals(table)) {
                entity = mapping.map(TableMapping::entity);
            } else {
                children.add(new FileResult.ChildTable(made.name(), made.rows(), mapping.map(TableMapping::entity)));
            }
        }
        return new FileResult(file, format, table, tables.getFirst().rows(), landed.rejected(), entity, children,
                landed.readOptions());
    }

    /** Rows rejected per file, counting both reading and mapping; one row rejected twice counts once. */
    private static List<FileResult> recountRejected(Connection connection, long importId, List<FileResult> results)
            throws SQLException {
        List<FileResult> counted = new ArrayList<>();
        for (FileResult result : results) {
            long rejected;
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT count(DISTINCT (raw_table, coalesce(source_row, -1))) FROM rejected_rows
                    WHERE import_id = ? AND source_file = ? AND (stage = 'read' OR raw_table = ?)""")) {
                statement.setLong(1, importId);
                statement.setString(2, result.file().toAbsolutePath().normalize().toString());
                statement.setString(3, result.table());
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    rejected = rs.getLong(1);
                }
            }
            long mappedRejects = rejected - result.rowsRejected();
            counted.add(new FileResult(result.file(), result.format(), result.table(),
                    result.rowsLanded() - Math.max(0, mappedRejects), rejected, result.entity(), result.childTables(),
                    result.readOptions()));
        }
        return counted;
    }

    private static Path checkReadable(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.exists(absolute)) {
            throw new ImportException(absolute, "the file does not exist", null);
        }
        if (Files.isDirectory(absolute)) {
            throw new ImportException(absolute, "it is a folder, not a file", null);
        }
        if (!Files.isReadable(absolute)) {
            throw new ImportException(absolute, "the file cannot be read (permissions)", null);
        }
        try {
            if (Files.size(absolute) == 0) {
                throw new ImportException(absolute, "the file is empty", null);
            }
        } catch (IOException e) {
            throw new ImportException(absolute, "the file cannot be read: " + e.getMessage(), e);
        }
        return absolute;
    }

    /** "Customers 2024.csv" -> raw_customers_2024. */
    static String rawName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String extension : List.of(".gz", ".parquet", ".pq", ".csv", ".tsv", ".txt", ".tab", ".ndjson",
                ".jsonl", ".json")) {
            if (name.endsWith(extension)) {
                name = name.substring(0, name.length() - extension.length());
            }
        }
        String word = name.replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return "raw_" + (word.isEmpty() ? "data" : word);
    }

    private static String freeTableName(Connection connection, String wanted, Set<String> taken) throws SQLException {
        String candidate = wanted;
        for (int i = 2; taken.contains(candidate) || tableExists(connection, candidate); i++) {
            candidate = wanted + "_" + i;
        }
        return candidate;
    }

    private static boolean tableExists(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = ?")) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    /** Raw tables a previous import made from the same file (parent and nested). */
    private static List<String> tablesFrom(Connection connection, String sourceFile) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT DISTINCT raw_table FROM import_files WHERE source_file = ?")) {
            statement.setString(1, sourceFile);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    if (tableExists(connection, rs.getString(1))) {
                        tables.add(rs.getString(1));
                    }
                }
            }
        }
        return tables;
    }

    private static void dropRawTable(LandingContext context, String table, boolean keepMapping) throws SQLException {
        context.execute("DROP TABLE IF EXISTS " + Sql.ident(table));
        if (!keepMapping) {
            Mappings.forget(context.connection(), table);
        }
        try (PreparedStatement statement = context.connection().prepareStatement(
                "DELETE FROM rejected_rows WHERE raw_table = ?")) {
            statement.setString(1, table);
            statement.executeUpdate();
        }
    }

    private static void recordFile(LandingContext context, SourceFormat format, Nesting.Table table,
                                   Landing.Landed landed, String parent) throws SQLException, IOException {
        try (PreparedStatement insert = context.connection().prepareStatement("""
                INSERT INTO import_files(import_id, source_file, format, raw_table, rows_landed, rows_rejected,
                                         size_bytes, modified_at, read_options, parent_table)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            boolean isParent = table.name().equals(parent);
            insert.setLong(1, context.importId());
            insert.setString(2, context.sourceFile());
            insert.setString(3, format.name().toLowerCase(Locale.ROOT));
            insert.setString(4, table.name());
            insert.setLong(5, table.rows());
            insert.setLong(6, isParent ? landed.rejected() : 0);
            insert.setLong(7, Files.size(context.file()));
            insert.setTimestamp(8, Timestamp.from(Files.getLastModifiedTime(context.file()).toInstant()));
            insert.setString(9, landed.readOptions());
            insert.setString(10, isParent ? null : parent);
            insert.executeUpdate();
        }
    }

    private static long nextImportId(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT nextval('import_id_seq')");
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void insertImport(Connection connection, long importId, String startedAt, int files)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO imports(import_id, started_at, files) VALUES (?, CAST(? AS TIMESTAMP), ?)")) {
            insert.setLong(1, importId);
            insert.setString(2, startedAt);
            insert.setInt(3, files);
            insert.executeUpdate();
        }
    }

    private static void updateImport(Connection connection, long importId, List<FileResult> results)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE imports SET finished_at = current_localtimestamp(), rows_landed = ?, rows_rejected = ? WHERE import_id = ?")) {
            update.setLong(1, results.stream().mapToLong(FileResult::rowsLanded).sum());
            update.setLong(2, results.stream().mapToLong(FileResult::rowsRejected).sum());
            update.setLong(3, importId);
            update.executeUpdate();
        }
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is closed next; DuckDB discards an uncommitted transaction with it
        }
    }

    private static void deleteScratch(Path scratch) {
        try (var files = Files.exists(scratch) ? Files.list(scratch) : java.util.stream.Stream.<Path>empty()) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(scratch);
        } catch (IOException ignored) {
            // leftover scratch copies are harmless and are removed by the next import
        }
    }

    /** One clear sentence naming the file (and row/column when DuckDB says which). */
    private static RuntimeException translate(Exception e, Path file, Progress progress) {
        if (progress.isCancelled() || e instanceof CancelledException) {
            return new CancelledException();
        }
        if (e instanceof ImportException importException) {
            return importException;
        }
        if (file == null) {
            return e instanceof C360Exception c ? c
                    : new C360Exception("The import failed: " + DuckDbMessages.headline(e.getMessage()), e);
        }
        if (e instanceof NoSuchFileException || (!Files.exists(file))) {
            return new ImportException(file, "the file disappeared or became unreadable during the import", e);
        }
        if (e instanceof C360Exception c360) {
            return new ImportException(file, c360.getMessage(), e);
        }
        String message = DuckDbMessages.headline(e.getMessage() == null ? e.toString() : e.getMessage());
        String problem = problem(message);
        Long row = null;
        Matcher matcher = DUCKDB_ROW.matcher(message);
        if (matcher.find()) {
            row = Long.parseLong(matcher.group(1));
        }
        return new ImportException(file, row, null, problem, e);
    }

    /** A sentence for the common ways a file is broken; else DuckDB's own headline. */
    static String problem(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("too small to be a parquet file") || lower.contains("no magic bytes")
                || lower.contains("invalid parquet") || lower.contains("corrupt") && lower.contains("parquet")) {
            return "it is not a complete Parquet file (was it cut off while copying?)";
        }
        if (lower.contains("malformed json")) {
            return "the JSON is malformed (" + message.replaceFirst("(?i)^malformed json in file \"[^\"]*\",\s*", "")
                    .replaceAll("\\.\\s*$", "") + ")";
        }
        if (lower.contains("no files found") || lower.contains("no such file")) {
            return "the file disappeared or became unreadable during the import";
        }
        return message;
    }
}
