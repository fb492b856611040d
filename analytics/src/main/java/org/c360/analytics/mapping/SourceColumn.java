package org.c360.analytics.mapping;

import java.util.List;

/** A column of a raw table as the mapping editor shows it: name, DuckDB type and a few of its values. */
public record SourceColumn(String name, String type, List<String> samples) {
    public SourceColumn {
        samples = List.copyOf(samples);
    }
}
