package org.c360.analytics.standardize;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * System ids to one form per namespace: trimmed, lower case, and a short letter prefix with leading zeros
 * dropped when the rest is a number, so the shop's {@code 8821}, the nested export's {@code cust-8821} and
 * a CRM's {@code C-008821} meet. Placeholders ("0", "unknown", "n/a") are refused.
 */
public final class IdRule implements Rule {

    private static final Pattern PREFIXED_NUMBER = Pattern.compile("[a-z]{1,8}[-_ #:]?0*(\\d+)");
    private static final Pattern NUMBER = Pattern.compile("0*(\\d+)");

    @Override
    public String name() {
        return "id";
    }

    @Override
    public String description() {
        return "Trim and lower case; a short letter prefix and leading zeros are dropped from numeric ids "
                + "(cust-0042 and 42 meet); placeholders are refused.";
    }

    /**
     * The same rule as SQL over the text expression {@code raw}: the standard form, or NULL where the rule
     * refuses. Resolution standardises millions of ids; in SQL that is one vectorised pass with no lookup
     * table to join. A test holds the two forms to the same answers.
     */
    public static String valueSql(String raw) {
        return valueOfBaseSql(baseSql(raw));
    }

    /**
     * {@link #valueSql} over {@code base}, the expression (or column) {@link #baseSql} gave: a query that names it
     * once works out the trim, lower case and regular expression once per value, not once per use (a quarter faster
     * for a million device ids).
     */
    public static String valueOfBaseSql(String base) {
        return "CASE WHEN " + refusedSql(base) + " THEN NULL"
                + " WHEN regexp_full_match(" + base + ", '[0-9]+') THEN " + withoutZeros(base)
                + " WHEN regexp_full_match(" + base + ", '[a-z]{1,8}[-_ #:]?[0-9]+') THEN "
                + withoutZeros("regexp_extract(" + base + ", '([0-9]+)$', 1)")
                + " ELSE " + base + " END";
    }

    /**
     * The rule for a column of whole numbers, read as text ({@code CAST(n AS VARCHAR)}): such text is already
     * its standard form, and only 0 is a placeholder.
     */
    public static String integerSql(String text) {
        return "nullif(" + text + ", '0')";
    }

    /**
     * The rule for opaque ids (devices, cookies) as SQL: trimmed, lower case, placeholders refused, but no
     * prefix or leading zeros dropped, since "d-0001" and "t-1" are different devices.
     */
    public static String opaqueValueSql(String raw) {
        return opaqueValueOfBaseSql(baseSql(raw));
    }

    /** {@link #opaqueValueSql} over {@code base}, as {@link #valueOfBaseSql}. */
    public static String opaqueValueOfBaseSql(String base) {
        return "CASE WHEN " + refusedSql(base) + " THEN NULL ELSE " + base + " END";
    }

    /** Why the rule refuses {@code raw} ("empty", "placeholder value"), as SQL; NULL where it does not. */
    public static String problemSql(String raw) {
        return problemOfBaseSql(raw, baseSql(raw));
    }

    /** {@link #problemSql} over {@code raw} and its {@code base}, as {@link #valueOfBaseSql}. */
    public static String problemOfBaseSql(String raw, String base) {
        return "CASE WHEN " + raw + " IS NULL OR " + base + " = '' THEN 'empty' WHEN " + Placeholders.sqlTest(base)
                + " THEN 'placeholder value' END";
    }

    /** Trimmed, lower case, a trailing ".0" of a number dropped (ids that went through a spreadsheet). */
    public static String baseSql(String raw) {
        String trimmed = "lower(trim(" + raw + "))";
        return "(CASE WHEN regexp_full_match(" + trimmed + ", '[0-9]+\\.0') THEN left(" + trimmed + ", -2) ELSE "
                + trimmed + " END)";
    }

    private static String refusedSql(String base) {
        return "(" + base + " IS NULL OR " + base + " = '' OR " + Placeholders.sqlTest(base) + ")";
    }

    /** "0042" to "42", "000" to "0", as Java's {@code 0*(\d+)} reads them. */
    private static String withoutZeros(String digits) {
        return "coalesce(nullif(ltrim(" + digits + ", '0'), ''), '0')";
    }

    @Override
    public Standardized apply(String raw, String context) {
        if (raw == null) {
            return Standardized.refused("empty");
        }
        String value = raw.strip().toLowerCase(Locale.ROOT);
        if (value.endsWith(".0") && NUMBER.matcher(value.substring(0, value.length() - 2)).matches()) {
            value = value.substring(0, value.length() - 2);
        }
        if (value.isEmpty()) {
            return Standardized.refused("empty");
        }
        if (Placeholders.isPlaceholder(value)) {
            return Standardized.refused("placeholder value");
        }
        Matcher number = NUMBER.matcher(value);
        if (number.matches()) {
            return Standardized.of(number.group(1));
        }
        Matcher prefixed = PREFIXED_NUMBER.matcher(value);
        if (prefixed.matches()) {
            return Standardized.of(prefixed.group(1));
        }
        return Standardized.of(value);
    }
}
