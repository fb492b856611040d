package org.c360.analytics.ingest;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

import org.c360.analytics.work.C360Exception;

/**
 * An import failed; nothing of it was kept. Names the file and, when known, the row (for CSV the line in
 * the file, for Parquet and JSON the record number, both 1-based) and column.
 */
public final class ImportException extends C360Exception {
    private final Path file;
    private final Long row;
    private final String column;

    public ImportException(Path file, Long row, String column, String problem, Throwable cause) {
        super(compose(file, row, column, problem), cause);
        this.file = file;
        this.row = row;
        this.column = column;
    }

    public ImportException(Path file, String problem, Throwable cause) {
        this(file, null, null, problem, cause);
    }

    private static String compose(Path file, Long row, String column, String problem) {
        StringBuilder sb = new StringBuilder("Cannot import ").append(file.getFileName());
        if (row != null) {
            sb.append(", row ").append(row);
        }
        if (column != null) {
            sb.append(", column '").append(column).append('\'');
        }
        sb.append(": ").append(problem);
        if (!problem.endsWith(".")) {
            sb.append('.');
        }
        sb.append(" Nothing was imported.");
        return sb.toString();
    }

    public Path file() {
        return file;
    }

    public OptionalLong row() {
        return row == null ? OptionalLong.empty() : OptionalLong.of(row);
    }

    public Optional<String> column() {
        return Optional.ofNullable(column);
    }
}
