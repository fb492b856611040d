package org.c360.analytics.identity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.c360.analytics.sql.Sql;
import org.c360.analytics.standardize.CountryRule;
import org.c360.analytics.standardize.EmailRule;
import org.c360.analytics.standardize.EventNameRule;
import org.c360.analytics.standardize.IdRule;
import org.c360.analytics.standardize.PhoneRule;
import org.c360.analytics.standardize.Rule;
import org.c360.analytics.standardize.TimestampSql;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.workspace.Catalog;
import org.c360.analytics.workspace.Workspace;

/**
 * Each standardisation rule as the user sees it: what it does, and before/after samples of this workspace's
 * own values (the ones it changed, and the ones it refused with why), so no rule works out of sight.
 */
public final class StandardizationSamples {

    /** One rule with its samples. */
    public record RuleSamples(String role, String name, String description, long values, long changed, long refused,
                              List<Sample> samples) {
    }

    /** A raw value and what the rule made of it (or why it refused it). */
    public record Sample(String before, String after, String problem) {
    }

    /** The rules, by the role they standardise (event names and timestamps included). */
    public static final Map<String, Rule> RULES = rules();

    private static Map<String, Rule> rules() {
        Map<String, Rule> rules = new LinkedHashMap<>();
        rules.put("EMAIL", new EmailRule());
        rules.put("PHONE", new PhoneRule());
        rules.put("COUNTRY", new CountryRule());
        rules.put("CUSTOMER_ID", new IdRule());
        rules.put("EVENT_NAME", new EventNameRule());
        return rules;
    }

    private final Workspace workspace;

    public StandardizationSamples(Workspace workspace) {
        this.workspace = workspace;
    }

    /** Every rule with up to {@code perRule} changed and refused samples (after a resolution has run). */
    public List<RuleSamples> read(int perRule) {
        List<RuleSamples> result = new ArrayList<>();
        try (Connection connection = workspace.connect()) {
            for (Map.Entry<String, Rule> entry : RULES.entrySet()) {
                String roles = "IdRule".equals(entry.getValue().getClass().getSimpleName())
                        ? "('CUSTOMER_ID', 'CRM_ID', 'LOYALTY_ID', 'NATIONAL_ID', 'DEVICE_ID', 'COOKIE_ID')"
                        : "('" + entry.getKey() + "')";
                long[] counts = new long[3];
                try (PreparedStatement statement = connection.prepareStatement("SELECT count(*), count(*) FILTER (WHERE value"
                        + " IS DISTINCT FROM raw AND value IS NOT NULL), count(*) FILTER (WHERE problem IS NOT NULL) FROM "
                        + RecordBuilder.VALUES + " WHERE role IN " + roles);
                     ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    for (int i = 0; i < 3; i++) {
                        counts[i] = rs.getLong(i + 1);
                    }
                }
                List<Sample> samples = new ArrayList<>();
                try (PreparedStatement statement = connection.prepareStatement("""
                        (SELECT raw, value, problem FROM %1$s WHERE role IN %2$s AND value IS DISTINCT FROM raw AND value IS NOT NULL
                         ORDER BY hash(raw) LIMIT ?)
                        UNION ALL
                        (SELECT any_value(raw), NULL, problem FROM %1$s WHERE role IN %2$s AND problem IS NOT NULL
                         GROUP BY problem ORDER BY count(*) DESC LIMIT ?)""".formatted(RecordBuilder.VALUES, roles))) {
                    statement.setInt(1, perRule);
                    statement.setInt(2, Math.max(1, perRule / 2));
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            samples.add(new Sample(rs.getString(1), rs.getString(2), rs.getString(3)));
                        }
                    }
                }
                result.add(new RuleSamples(entry.getKey(), entry.getValue().name(), entry.getValue().description(),
                        counts[0], counts[1], counts[2], samples));
            }
            result.add(timestamps(connection, perRule));
        } catch (SQLException e) {
            throw new C360Exception("Reading the standardisation samples failed: " + e.getMessage(), e);
        }
        return result;
    }

    /**
     * Timestamps are standardised in SQL (too many distinct values): samples from the event-time columns of the
     * tables resolved as records, one per layout. Read from the raw tables, so the records need not keep the text.
     */
    private static RuleSamples timestamps(Connection connection, int perRule) throws SQLException {
        List<Sample> samples = new ArrayList<>();
        long values = 0;
        Set<String> tables = new HashSet<>(Catalog.rawTables(connection));
        List<String> columns = new ArrayList<>();
        for (IdentitySource source : IdentitySources.load(connection).values()) {
            // the tables resolved as records, as before; a mapping whose table or column has gone is skipped
            Optional<String> column = source.column(IdentityRole.EVENT_TIME);
            if (column.isEmpty() || source.attachesOnly() || !tables.contains(source.rawTable())
                    || Catalog.columns(connection, source.rawTable()).stream().noneMatch(c -> c.name().equals(column.get()))) {
                continue;
            }
            columns.add("SELECT nullif(trim(CAST(" + Sql.ident(column.get()) + " AS VARCHAR)), '') AS raw FROM "
                    + Sql.ident(source.rawTable()));
        }
        if (columns.isEmpty()) {
            return timestampRule(0, samples);
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT raw, CAST(%s AS VARCHAR), count(*) OVER () FROM (
                    -- one example of each layout: digits made alike, so "2024-05-01" and "2023-11-30" are one shape
                    SELECT DISTINCT ON (regexp_replace(raw, '[0-9]', '9', 'g')) raw
                    FROM (%s) WHERE raw IS NOT NULL
                    ORDER BY regexp_replace(raw, '[0-9]', '9', 'g'), raw)
                ORDER BY raw LIMIT ?"""
                .formatted(TimestampSql.timestampOf("raw", null), String.join(" UNION ALL ", columns)))) {
            statement.setInt(1, perRule);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    samples.add(new Sample(rs.getString(1), rs.getString(2), null));
                    values = rs.getLong(3);
                }
            }
        }
        return timestampRule(values, samples);
    }

    private static RuleSamples timestampRule(long layouts, List<Sample> samples) {
        return new RuleSamples("EVENT_TIME", "timestamp", "ISO 8601 with or without offset (without one it is UTC), "
                + "epoch seconds or milliseconds, or one of the usual local layouts, to UTC.", layouts, layouts, 0, samples);
    }
}
