package org.c360.analytics.analysis;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.c360.analytics.sql.Sql;
import org.c360.analytics.work.C360Exception;

/**
 * One parameter of an analysis: written {@code ${name}} in its SQL, given as text (from a form field or
 * {@code --param name=value}) and checked before it becomes a SQL literal, so a value can never change the
 * statement's shape.
 *
 * @param defaultValue the value used when none is given; for {@link Kind#AS_OF} blank means "the latest
 *                     transaction"
 */
public record Parameter(String name, String label, Kind kind, String defaultValue, String description) {

    /** What a parameter holds, and so how its text is checked and written into SQL. */
    public enum Kind {
        /** a whole number of at least 0 */
        INTEGER,
        /** free text, written as a string literal */
        TEXT,
        /** a comma-separated list of texts, written as a list literal {@code ['a', 'b']}; blank means any */
        TEXT_LIST,
        /** a date (yyyy-mm-dd) meaning the end of that day, or blank for the latest transaction's time */
        AS_OF,
        /** RFM segment rules, see {@link RfmRules} */
        RFM_RULES
    }

    /** The end of the data: analyses "as of" it give the same answer whenever they are run. */
    static final String LATEST_TRANSACTION = "(SELECT max(\"timestamp\") FROM transactions)";

    public static Parameter integer(String name, String label, int defaultValue, String description) {
        return new Parameter(name, label, Kind.INTEGER, Integer.toString(defaultValue), description);
    }

    public static Parameter text(String name, String label, String defaultValue, String description) {
        return new Parameter(name, label, Kind.TEXT, defaultValue, description);
    }

    public static Parameter list(String name, String label, String defaultValue, String description) {
        return new Parameter(name, label, Kind.TEXT_LIST, defaultValue, description);
    }

    public static Parameter asOf() {
        return new Parameter("as_of", "As of", Kind.AS_OF, "",
                "End of the period looked at (yyyy-mm-dd, end of that day); blank means the latest transaction.");
    }

    /**
     * The SQL text for {@code value} (blank means the default).
     *
     * @throws C360Exception naming the parameter and what was expected when the value does not fit
     */
    public String sql(String value) {
        String text = value == null || value.isBlank() ? defaultValue : value.strip();
        return switch (kind) {
            case INTEGER -> {
                try {
                    long number = Long.parseLong(text.replace("_", ""));
                    if (number < 0) {
                        throw new NumberFormatException();
                    }
                    yield Long.toString(number);
                } catch (NumberFormatException e) {
                    throw new C360Exception("Parameter " + name + " must be a whole number of 0 or more, not '" + text + "'.");
                }
            }
            case TEXT -> Sql.literal(text);
            case TEXT_LIST -> {
                List<String> items = items(text);
                if (items.isEmpty()) {
                    // a list left blank on purpose means "no restriction"
                    yield "CAST(NULL AS VARCHAR[])";
                }
                yield "[" + String.join(", ", items.stream().map(Sql::literal).toList()) + "]";
            }
            case AS_OF -> {
                if (text.isBlank()) {
                    yield LATEST_TRANSACTION;
                }
                try {
                    LocalDate date = LocalDate.parse(text);
                    yield "TIMESTAMP '" + date + " 23:59:59.999999'";
                } catch (DateTimeParseException e) {
                    throw new C360Exception("Parameter " + name + " must be a date like 2024-06-30 (or blank for the latest transaction), not '" + text + "'.");
                }
            }
            case RFM_RULES -> RfmRules.parse(text).caseSql("r", "fm");
        };
    }

    static List<String> items(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The kind in lower case, for help texts. */
    public String kindName() {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
