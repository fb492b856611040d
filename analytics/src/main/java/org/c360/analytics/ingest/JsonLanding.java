package org.c360.analytics.ingest;

import java.sql.SQLException;

import org.c360.analytics.sql.Sql;

/**
 * JSON: an array of records or one record per line (NDJSON), detected by DuckDB. Types are inferred over the
 * whole file, so a field with mixed types becomes text instead of failing half-way; nesting deeper than
 * {@link #MAX_DEPTH} levels stays as JSON text.
 */
final class JsonLanding implements Landing {

    static final int MAX_DEPTH = 6;
    /** The largest single JSON record accepted (a 10 MB line must pass). */
    static final long MAX_OBJECT_BYTES = 64L << 20;

    @Override
    public Landed land(LandingContext context, String table) throws SQLException {
        String path = Sql.literal(context.file().toString());
        context.execute("CREATE TABLE " + Sql.ident(table) + " AS SELECT *, " + context.lineage("row_number() OVER ()")
                + " FROM read_json(" + path + ", format = 'auto', records = 'auto', sample_size = -1, maximum_depth = "
                + MAX_DEPTH + ", maximum_object_size = " + MAX_OBJECT_BYTES + ")");
        long rows = context.queryLong("SELECT count(*) FROM " + Sql.ident(table));
        return new Landed(rows, 0, "format=json");
    }
}
