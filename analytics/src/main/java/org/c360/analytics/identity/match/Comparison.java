package org.c360.analytics.identity.match;

import java.util.List;

/**
 * One field compared between two records, as an ordered list of agreement levels, best first; the last level
 * is "disagree". A pair whose field is missing on either side has no level (it counts neither for nor
 * against). Levels are SQL conditions over the two records aliased {@code l} and {@code r}.
 *
 * @param name   the field, as shown in the evidence ("first name")
 * @param column the identity_records column compared
 * @param levels the agreement levels, best first, without the final "disagree" level
 * @param termFrequency whether an exact match is weighed by how common the value is (rare surnames count more)
 */
public record Comparison(String name, String column, List<Level> levels, boolean termFrequency) {

    /** An agreement level: its label in the evidence and its SQL condition. */
    public record Level(String label, String condition) {
    }

    public Comparison {
        levels = List.copyOf(levels);
    }

    /** Levels including the final "different" one. */
    public int levelCount() {
        return levels.size() + 1;
    }

    public String label(int level) {
        return level < levels.size() ? levels.get(level).label() : "different";
    }

    /** SQL giving the level index (0 = best, levelCount()-1 = different), or -1 when either side is missing. */
    public String levelSql() {
        StringBuilder sql = new StringBuilder("CASE WHEN l.").append(column).append(" IS NULL OR r.").append(column)
                .append(" IS NULL THEN -1");
        for (int i = 0; i < levels.size(); i++) {
            sql.append(" WHEN ").append(levels.get(i).condition()).append(" THEN ").append(i);
        }
        return sql.append(" ELSE ").append(levels.size()).append(" END").toString();
    }

    static Comparison names(String name, String column) {
        return new Comparison(name, column, List.of(
                new Level("exact", "l." + column + " = r." + column),
                new Level("Jaro-Winkler >= 0.92", "jaro_winkler_similarity(l." + column + ", r." + column + ") >= 0.92"),
                new Level("Jaro-Winkler >= 0.80", "jaro_winkler_similarity(l." + column + ", r." + column + ") >= 0.80")),
                true);
    }

    /** The comparisons of the person model: names, birth date, address, phone, e-mail, national id. */
    public static List<Comparison> personModel() {
        return List.of(
                names("first name", "first_name"),
                names("last name", "last_name"),
                new Comparison("date of birth", "date_of_birth", List.of(
                        new Level("exact", "l.date_of_birth = r.date_of_birth"),
                        new Level("one digit or day/month swapped", "levenshtein(l.dob_text, r.dob_text) <= 1 OR (year(l.date_of_birth) = year(r.date_of_birth) "
                                + "AND month(l.date_of_birth) = day(r.date_of_birth) AND day(l.date_of_birth) = month(r.date_of_birth))"),
                        new Level("same year", "year(l.date_of_birth) = year(r.date_of_birth)")), false),
                new Comparison("street", "street", List.of(
                        new Level("exact", "l.street = r.street AND l.street_number IS NOT DISTINCT FROM r.street_number"),
                        new Level("similar", "jaro_winkler_similarity(l.street, r.street) >= 0.88")), false),
                new Comparison("postcode", "postcode", List.of(
                        new Level("exact", "l.postcode = r.postcode"),
                        new Level("one character apart", "levenshtein(l.postcode, r.postcode) <= 1")), false),
                new Comparison("city", "city", List.of(
                        new Level("exact", "l.city = r.city"),
                        new Level("similar", "jaro_winkler_similarity(l.city, r.city) >= 0.9")), false),
                new Comparison("phone", "phone", List.of(new Level("exact", "l.phone = r.phone")), false),
                new Comparison("e-mail", "email", List.of(
                        new Level("exact", "l.email = r.email"),
                        new Level("same mailbox name", "split_part(l.email, '@', 1) = split_part(r.email, '@', 1)")), false),
                new Comparison("national id", "national_id", List.of(
                        new Level("exact", "l.national_id = r.national_id"),
                        new Level("one character apart", "levenshtein(l.national_id, r.national_id) <= 1")), false),
                // Two different ids of one system usually mean two people (a shop has one account per
                // person); a CRM's duplicate records differ in their CRM id, which EM learns to forgive.
                new Comparison("customer id", "customer_id", List.of(new Level("exact", "l.customer_id = r.customer_id")), false),
                new Comparison("CRM id", "crm_id", List.of(new Level("exact", "l.crm_id = r.crm_id")), false),
                new Comparison("loyalty id", "loyalty_id", List.of(new Level("exact", "l.loyalty_id = r.loyalty_id")), false));
    }
}
