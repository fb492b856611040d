package org.c360.analytics.entity;

import java.util.List;
import java.util.Locale;

/**
 * One canonical column of an {@link Entity}: its name, the kind of value it holds, whether a row without
 * it is rejected, and the source column names it is recognised by.
 */
public record Field(String name, Kind kind, Requirement requirement, List<String> synonyms) {

    /** Value kinds and the DuckDB type each becomes in canonical tables. */
    public enum Kind {
        /** Identifier: integer ids stay BIGINT, anything else is VARCHAR (decided per source column). */
        ID("VARCHAR"),
        TEXT("VARCHAR"),
        NUMBER("DOUBLE"),
        INTEGER("BIGINT"),
        TIMESTAMP("TIMESTAMP");

        private final String sqlType;

        Kind(String sqlType) {
            this.sqlType = sqlType;
        }

        public String sqlType() {
            return sqlType;
        }
    }

    /** KEY: identifies the row, must be present; REQUIRED: must be present; OPTIONAL: may be null. */
    public enum Requirement { KEY, REQUIRED, OPTIONAL }

    public Field {
        synonyms = List.copyOf(synonyms);
    }

    static Field key(String name, Kind kind, String... synonyms) {
        return new Field(name, kind, Requirement.KEY, List.of(synonyms));
    }

    static Field required(String name, Kind kind, String... synonyms) {
        return new Field(name, kind, Requirement.REQUIRED, List.of(synonyms));
    }

    static Field of(String name, Kind kind, String... synonyms) {
        return new Field(name, kind, Requirement.OPTIONAL, List.of(synonyms));
    }

    public boolean isKey() {
        return requirement == Requirement.KEY;
    }

    /** Whether a row missing this field is rejected. */
    public boolean isMandatory() {
        return requirement != Requirement.OPTIONAL;
    }

    /** Whether a source column name is one this field is known by. */
    public boolean recognises(String sourceColumn) {
        String normalized = normalize(sourceColumn);
        return normalized.equals(normalize(name)) || synonyms.contains(normalized);
    }

    /** "Customer ID", "customerId" and "cust_id" become "customerid", "customerid" and "custid". */
    public static String normalize(String columnName) {
        StringBuilder sb = new StringBuilder(columnName.length());
        for (char c : columnName.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
