package org.c360.analytics.browse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.c360.analytics.work.C360Exception;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Catalog;
import org.c360.analytics.workspace.Workspace;

/**
 * The overview of a workspace: its tables by layer with row counts, the latest imports and how many rows
 * each imported file had rejected.
 */
public record WorkspaceSummary(Path file, long sizeBytes, List<Catalog.TableInfo> tables, List<ImportInfo> imports,
                               List<RejectedFile> rejected) {

    public WorkspaceSummary {
        tables = List.copyOf(tables);
        imports = List.copyOf(imports);
        rejected = List.copyOf(rejected);
    }

    /** One import run. {@code finishedAt} is null while it runs (or if it never finished). */
    public record ImportInfo(long importId, LocalDateTime startedAt, LocalDateTime finishedAt, int files,
                             long rowsLanded, long rowsRejected) {
    }

    /** Rejected rows of one file of one import. */
    public record RejectedFile(long importId, String sourceFile, long rows) {
    }

    /** Reads the summary; {@code recentImports} limits the imports listed (newest first). */
    public static WorkspaceSummary read(Workspace workspace, int recentImports, Progress progress) {
        List<Catalog.TableInfo> tables = workspace.catalog().tables();
        progress.throwIfCancelled();
        try (Connection connection = workspace.connect()) {
            List<ImportInfo> imports = Statements.query(connection, """
                    SELECT import_id, started_at, finished_at, files, rows_landed, rows_rejected
                    FROM imports ORDER BY import_id DESC LIMIT ?""", s -> s.setInt(1, recentImports), progress,
                    "Reading the imports", rs -> {
                        List<ImportInfo> list = new ArrayList<>();
                        while (rs.next()) {
                            list.add(new ImportInfo(rs.getLong(1), local(rs.getTimestamp(2)), local(rs.getTimestamp(3)),
                                    rs.getInt(4), rs.getLong(5), rs.getLong(6)));
                        }
                        return list;
                    });
            List<RejectedFile> rejected = Statements.query(connection, """
                    SELECT import_id, source_file, count(*) FROM rejected_rows
                    GROUP BY import_id, source_file ORDER BY import_id DESC, source_file LIMIT 50""", s -> { },
                    progress, "Reading the rejected rows", rs -> {
                        List<RejectedFile> list = new ArrayList<>();
                        while (rs.next()) {
                            list.add(new RejectedFile(rs.getLong(1), rs.getString(2), rs.getLong(3)));
                        }
                        return list;
                    });
            return new WorkspaceSummary(workspace.file(), sizeOf(workspace.file()), tables, imports, rejected);
        } catch (SQLException e) {
            throw new C360Exception("Reading the workspace summary failed: " + Statements.firstLine(e.getMessage()), e);
        }
    }

    /** Rows in tables of one layer. */
    public long rowsIn(Catalog.Layer layer) {
        return tables.stream().filter(t -> t.layer() == layer).mapToLong(Catalog.TableInfo::rows).sum();
    }

    public long tablesIn(Catalog.Layer layer) {
        return tables.stream().filter(t -> t.layer() == layer).count();
    }

    private static LocalDateTime local(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toLocalDateTime();
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
