package org.c360.analytics.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.c360.analytics.sql.Sql;
import org.c360.analytics.work.C360Exception;

/**
 * Named RFM segments as rules over the recency score R and the frequency-monetary score FM (both 1-5, 5 best),
 * written {@code Name: R a-b, FM c-d} and separated by {@code ;}. The first rule that matches names the
 * customer; customers no rule matches are "Other". The defaults cover the whole 5 x 5 grid.
 */
public record RfmRules(List<Rule> rules) {

    /** The usual R x FM grid of named segments. */
    public static final String DEFAULT = "Champions: R 4-5, FM 4-5; Loyal: R 3-5, FM 3-5; "
            + "Potential loyalists: R 4-5, FM 2; New customers: R 5, FM 1; Promising: R 4, FM 1; "
            + "Need attention: R 3, FM 2; About to sleep: R 3, FM 1; Cannot lose them: R 1-2, FM 5; "
            + "At risk: R 1-2, FM 3-4; Hibernating: R 1-2, FM 2; Lost: R 1-2, FM 1";

    /** The name given to customers no rule matches. */
    public static final String OTHER = "Other";

    private static final Pattern RULE = Pattern.compile(
            "\\s*([^:;]+?)\\s*:\\s*R\\s*([1-5])(?:\\s*-\\s*([1-5]))?\\s*,\\s*FM\\s*([1-5])(?:\\s*-\\s*([1-5]))?\\s*",
            Pattern.CASE_INSENSITIVE);

    /** One named cell range of the grid (inclusive). */
    public record Rule(String name, int rFrom, int rTo, int fmFrom, int fmTo) {
        public boolean matches(int r, int fm) {
            return r >= rFrom && r <= rTo && fm >= fmFrom && fm <= fmTo;
        }
    }

    public RfmRules {
        rules = List.copyOf(rules);
    }

    /**
     * Reads rules written as {@link #DEFAULT} is.
     *
     * @throws C360Exception naming the rule (by position and text) that cannot be read
     */
    public static RfmRules parse(String text) {
        List<Rule> rules = new ArrayList<>();
        String[] parts = text.split(";");
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isBlank()) {
                continue;
            }
            Matcher m = RULE.matcher(parts[i]);
            if (!m.matches()) {
                throw new C360Exception("RFM rule " + (i + 1) + " ('" + parts[i].strip()
                        + "') is not of the form 'Name: R 4-5, FM 4-5' (scores 1 to 5).");
            }
            int rFrom = Integer.parseInt(m.group(2));
            int rTo = m.group(3) == null ? rFrom : Integer.parseInt(m.group(3));
            int fmFrom = Integer.parseInt(m.group(4));
            int fmTo = m.group(5) == null ? fmFrom : Integer.parseInt(m.group(5));
            if (rFrom > rTo || fmFrom > fmTo) {
                throw new C360Exception("RFM rule " + (i + 1) + " ('" + parts[i].strip() + "') has a range that runs backwards.");
            }
            rules.add(new Rule(m.group(1), rFrom, rTo, fmFrom, fmTo));
        }
        if (rules.isEmpty()) {
            throw new C360Exception("No RFM rules given: write them as 'Name: R 4-5, FM 4-5; ...'.");
        }
        return new RfmRules(rules);
    }

    /** The segment name for scores {@code r} and {@code fm}. */
    public String name(int r, int fm) {
        return rules.stream().filter(rule -> rule.matches(r, fm)).map(Rule::name).findFirst().orElse(OTHER);
    }

    /** A SQL CASE giving the segment name from the columns {@code r} and {@code fm}. */
    String caseSql(String r, String fm) {
        StringBuilder sql = new StringBuilder("CASE");
        for (Rule rule : rules) {
            sql.append(" WHEN ").append(r).append(" BETWEEN ").append(rule.rFrom).append(" AND ").append(rule.rTo)
                    .append(" AND ").append(fm).append(" BETWEEN ").append(rule.fmFrom).append(" AND ").append(rule.fmTo)
                    .append(" THEN ").append(Sql.literal(rule.name));
        }
        return sql.append(" ELSE ").append(Sql.literal(OTHER)).append(" END").toString();
    }
}
