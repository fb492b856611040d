package org.c360.analytics.profile;

import java.util.List;

/**
 * Where one profile field's value came from: the winning record and the survivorship rule that chose it, and
 * the other values the person's records hold for that field (best first), so a profile can be explained field
 * by field.
 */
public record FieldOrigin(String field, String value, String source, String recordId, String rule,
                          List<Candidate> candidates) {

    /** One value a record holds for the field. */
    public record Candidate(String value, String source, String recordId, long frequency, int trust) {
    }

    public FieldOrigin {
        candidates = List.copyOf(candidates);
    }
}
