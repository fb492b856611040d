package org.c360.analytics.ingest;

import java.io.IOException;
import java.sql.SQLException;

/**
 * Reads one source file into a table of the workspace, as it came, plus the lineage columns
 * {@code _source_file}, {@code _source_row}, {@code _imported_at}. Rows that cannot be read go to
 * {@code rejected_rows}; a file that cannot be read at all throws.
 */
interface Landing {

    /** What landing a file produced. */
    record Landed(long rows, long rejected, String readOptions) {
    }

    Landed land(LandingContext context, String table) throws SQLException, IOException;

    static Landing of(SourceFormat format) {
        return switch (format) {
            case PARQUET -> new ParquetLanding();
            case CSV -> new CsvLanding();
            case JSON -> new JsonLanding();
        };
    }
}
