package org.c360.analytics.mapping;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.c360.analytics.entity.Entity;
import org.c360.analytics.entity.Field;

/**
 * How one raw table fills a canonical entity: for each canonical column, the source column it comes from
 * (absent = not in this source). {@code confirmed} is false for a detected mapping nobody has reviewed yet.
 */
public record TableMapping(String rawTable, Entity entity, Map<String, String> columns, boolean confirmed) {

    public TableMapping {
        Objects.requireNonNull(rawTable);
        Objects.requireNonNull(entity);
        Map<String, String> ordered = new LinkedHashMap<>();
        for (Field field : entity.fields()) {
            String source = columns.get(field.name());
            if (source != null && !source.isBlank()) {
                ordered.put(field.name(), source);
            }
        }
        for (String name : columns.keySet()) {
            if (entity.field(name).isEmpty()) {
                throw new IllegalArgumentException(entity.table() + " has no column '" + name + "'.");
            }
        }
        columns = Collections.unmodifiableMap(ordered);
    }

    /** The source column of a canonical column, if mapped. */
    public Optional<String> source(String canonicalColumn) {
        return Optional.ofNullable(columns.get(canonicalColumn));
    }

    public TableMapping withColumn(String canonicalColumn, String sourceColumn) {
        Map<String, String> copy = new LinkedHashMap<>(columns);
        if (sourceColumn == null || sourceColumn.isBlank()) {
            copy.remove(canonicalColumn);
        } else {
            copy.put(canonicalColumn, sourceColumn);
        }
        return new TableMapping(rawTable, entity, copy, confirmed);
    }

    public TableMapping confirmed(boolean value) {
        return new TableMapping(rawTable, entity, columns, value);
    }

    /** Mandatory canonical columns (keys and required links) this mapping leaves out. */
    public List<String> missingMandatory() {
        return entity.fields().stream()
                .filter(Field::isMandatory)
                .filter(f -> !columns.containsKey(f.name()))
                .filter(f -> !(f.isKey() && Mappings.keyMayBeGenerated(entity)))
                .map(Field::name)
                .toList();
    }
}
