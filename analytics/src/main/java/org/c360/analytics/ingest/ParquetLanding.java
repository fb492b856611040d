package org.c360.analytics.ingest;

import java.sql.SQLException;

import org.c360.analytics.sql.Sql;

/** Parquet: typed and self-describing, so rows land as they are, numbered by their position in the file. */
final class ParquetLanding implements Landing {

    @Override
    public Landed land(LandingContext context, String table) throws SQLException {
        String path = Sql.literal(context.file().toString());
        context.execute("CREATE TABLE " + Sql.ident(table) + " AS SELECT * EXCLUDE (file_row_number), "
                + context.lineage("file_row_number + 1") + " FROM read_parquet(" + path + ", file_row_number = true)");
        long rows = context.queryLong("SELECT count(*) FROM " + Sql.ident(table));
        return new Landed(rows, 0, "format=parquet");
    }
}
