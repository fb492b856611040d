package org.c360.analytics.profile;

import java.util.List;
import java.util.Map;

/**
 * Everything about one person: every profile field, where each chosen field came from, the source records
 * and how each was linked, and the guards that fired on the person's identifiers.
 */
public record ProfileCard(String customer360Id, Map<String, Object> fields, List<FieldOrigin> origins,
                          List<SourceRecord> records, List<String> guards) {
    public ProfileCard {
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        origins = List.copyOf(origins);
        records = List.copyOf(records);
        guards = List.copyOf(guards);
    }
}
