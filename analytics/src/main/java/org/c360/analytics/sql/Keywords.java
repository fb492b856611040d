package org.c360.analytics.sql;

import java.util.Set;

/** SQL words that must be quoted when used as identifiers (the subset our generated names can hit). */
final class Keywords {
    private static final Set<String> RESERVED = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast",
            "check", "collate", "column", "constraint", "create", "default", "deferrable", "desc", "distinct", "do",
            "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in",
            "initially", "intersect", "into", "lateral", "leading", "limit", "not", "null", "offset", "on", "only",
            "or", "order", "placing", "primary", "references", "returning", "select", "symmetric", "table", "then",
            "to", "trailing", "true", "union", "unique", "using", "variadic", "when", "where", "window", "with",
            "type", "value", "timestamp", "date", "time", "interval", "user", "current_date", "current_time",
            "current_timestamp", "current_user", "session_user", "row", "rows", "key");

    private Keywords() {
    }

    static boolean isReserved(String lowerCaseWord) {
        return RESERVED.contains(lowerCaseWord);
    }
}
