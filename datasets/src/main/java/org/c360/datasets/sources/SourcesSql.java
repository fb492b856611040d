package org.c360.datasets.sources;

import java.util.List;
import java.util.Map;

import org.c360.datasets.SqlScript;

/**
 * The SQL that derives the source-system exports from the e-commerce model ({@code sources.sql}). It runs
 * in the e-commerce generator's connection after that model's own sections, reading its internal tables
 * ({@code customer_x}, {@code tx}) and macros ({@code rnd}), so the persons are the shop's customers.
 */
public final class SourcesSql {

    private SourcesSql() {
    }

    /** The sections in file order; {@code values} fills {@code ${customers}}, {@code ${products}}, {@code ${seed_offset}}. */
    public static List<SqlScript.Section> sections(Map<String, Number> values) {
        return SqlScript.sections(SourcesSql.class, "sources.sql", values);
    }
}
