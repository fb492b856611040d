package org.c360.analytics.profile;

import java.util.Map;

/** One source record of a person: where it is, how it was linked, and the identifiers it carries (standardised). */
public record SourceRecord(String source, String recordId, String linkedBy, Map<String, String> identifiers) {
    public SourceRecord {
        identifiers = Map.copyOf(identifiers);
    }
}
