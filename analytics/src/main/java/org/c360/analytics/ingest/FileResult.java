package org.c360.analytics.ingest;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.c360.analytics.entity.Entity;

/**
 * One imported file.
 *
 * @param table        the raw table it landed in ({@code raw_*})
 * @param rowsRejected rows quarantined in {@code rejected_rows}, while reading or while mapping
 * @param entity       the canonical entity it was mapped to, if one was recognised
 * @param childTables  tables made from arrays of records nested in it, with their entity if recognised
 * @param readOptions  how it was read (sniffed delimiter, header, encoding...), for the record
 */
public record FileResult(Path file, SourceFormat format, String table, long rowsLanded, long rowsRejected,
                         Optional<Entity> entity, List<ChildTable> childTables, String readOptions) {

    /** A table split off from nested records, linked to its parent by key and {@code _parent_row}. */
    public record ChildTable(String table, long rows, Optional<Entity> entity) {
    }

    public FileResult {
        childTables = List.copyOf(childTables);
    }

    String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%s -> %s: %,d rows landed, %,d rejected%s", file.getFileName(), table, rowsLanded,
                rowsRejected, entity.map(e -> " (mapped to " + e.table() + ")").orElse("")));
        for (ChildTable child : childTables) {
            sb.append(String.format("%n  nested -> %s: %,d rows%s", child.table(), child.rows(),
                    child.entity().map(e -> " (mapped to " + e.table() + ")").orElse("")));
        }
        return sb.toString();
    }
}
