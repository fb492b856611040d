package org.c360.analytics.identity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.c360.analytics.sql.Statements;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.workspace.Workspace;

/**
 * The data-quality view of identity resolution: per source, rows rejected at import, records resolved and how
 * many joined a person other sources know too (match rate), identifier values refused and why; the size of
 * people; the guards that fired; the pairs waiting for review; people whose sources disagree on the birth
 * date; files imported more than once. Every figure comes with examples, so nothing is dropped or merged
 * out of sight.
 */
public final class IdentityQuality {

    /** Figures for one source table. */
    public record SourceQuality(String source, long rejectedRows, long records, long placed, long matchedAcross,
                                long refusedValues, String refusedExamples) {
        public double matchRate() {
            return records == 0 ? 0 : (double) matchedAcross / records;
        }
    }

    /** A count with up to a few examples. */
    public record Finding(String what, long count, String examples) {
    }

    /** Everything the view shows. */
    public record Report(long runId, List<SourceQuality> sources, List<Finding> personSizes, List<Finding> guards,
                         List<Finding> problems, long reviewPairs) {
    }

    /**
     * What the latest finished resolution run did, as {@code identity_runs} recorded it; {@code records} are all
     * records resolved after it, {@code added} those an incremental run added.
     */
    public record Run(long runId, LocalDateTime startedAt, LocalDateTime finishedAt, long records, long persons,
                      long guardsFired, long probabilisticLinks, long reviewPairs, boolean incremental, long added) {

        /** "Run 7" or "Run 8 (new data only: 84,100 records added)". */
        public String title() {
            return "Run " + runId + (incremental ? String.format(" (new data only: %,d records added)", added) : "");
        }
    }

    private final Workspace workspace;

    public IdentityQuality(Workspace workspace) {
        this.workspace = workspace;
    }

    /** The latest finished resolution run; empty when identities have never been resolved here. */
    public Optional<Run> lastRun() {
        try (Connection connection = workspace.connect();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT run_id, started_at, finished_at, records, persons, guards_fired, probabilistic_links, review_pairs,
                            mode = 'incremental', coalesce(new_records_added, 0)
                     FROM identity_runs WHERE finished_at IS NOT NULL ORDER BY run_id DESC LIMIT 1""");
             ResultSet rs = statement.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new Run(rs.getLong(1), rs.getTimestamp(2).toLocalDateTime(), rs.getTimestamp(3).toLocalDateTime(),
                    rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getBoolean(9), rs.getLong(10)));
        } catch (SQLException e) {
            throw new C360Exception("Reading the latest identity resolution run failed: " + e.getMessage(), e);
        }
    }

    public Report read() {
        try (Connection connection = workspace.connect()) {
            long run = scalar(connection, "SELECT coalesce(max(run_id), 0) FROM identity_runs WHERE finished_at IS NOT NULL");
            if (run == 0) {
                throw new C360Exception("Identities have not been resolved yet: run the resolution first.");
            }
            return new Report(run, sources(connection), sizes(connection), guards(connection, run), problems(connection),
                    scalar(connection, "SELECT count(*) FROM identity_matches WHERE status = 'review'"));
        } catch (SQLException e) {
            throw new C360Exception("Reading the identity quality failed: " + e.getMessage(), e);
        }
    }

    private static List<SourceQuality> sources(Connection connection) throws SQLException {
        List<SourceQuality> sources = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                WITH persons AS (SELECT customer360_id, count(DISTINCT source) AS sources FROM identity_links GROUP BY ALL),
                per_source AS (
                    SELECT l.source, count(*) AS records, count(l.customer360_id) AS placed,
                           count(*) FILTER (WHERE p.sources > 1) AS matched
                    FROM identity_links l LEFT JOIN persons p USING (customer360_id) GROUP BY l.source),
                refused AS (
                    SELECT source, sum(n) AS refused, string_agg(example, '; ') AS examples FROM (
                        SELECT r.source, lower(v.role) || ' ' || v.problem AS problem, count(*) AS n,
                               lower(v.role) || ' "' || any_value(v.raw) || '": ' || v.problem || ' (' || count(*) || ')' AS example
                        FROM identity_values v
                        JOIN (UNPIVOT (SELECT source, raw_email AS email, raw_phone AS phone, raw_customer_id AS customer_id,
                                              raw_crm_id AS crm_id, raw_loyalty_id AS loyalty_id, raw_device_id AS device_id,
                                              raw_cookie_id AS cookie_id, raw_national_id AS national_id FROM identity_records)
                              ON email, phone, customer_id, crm_id, loyalty_id, device_id, cookie_id, national_id
                              INTO NAME role VALUE raw) r ON upper(r.role) = v.role AND r.raw = v.raw
                        WHERE v.problem IS NOT NULL GROUP BY r.source, v.role, v.problem ORDER BY n DESC)
                    GROUP BY source),
                rejected AS (SELECT raw_table AS source, count(DISTINCT (source_file, source_row)) AS n FROM rejected_rows GROUP BY 1)
                SELECT coalesce(s.source, j.source), coalesce(j.n, 0), coalesce(s.records, 0), coalesce(s.placed, 0),
                       coalesce(s.matched, 0), coalesce(r.refused, 0), r.examples
                FROM per_source s FULL JOIN rejected j USING (source) LEFT JOIN refused r ON r.source = coalesce(s.source, j.source)
                ORDER BY 1""");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                sources.add(new SourceQuality(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getString(7)));
            }
        }
        return sources;
    }

    private static List<Finding> sizes(Connection connection) throws SQLException {
        return findings(connection, """
                WITH sized AS (
                    SELECT customer360_id, count(*) AS n,
                           CASE WHEN count(*) = 1 THEN '1 record' WHEN count(*) = 2 THEN '2 records'
                                WHEN count(*) <= 5 THEN '3-5 records' WHEN count(*) <= 10 THEN '6-10 records'
                                WHEN count(*) <= 50 THEN '11-50 records' WHEN count(*) <= 500 THEN '51-500 records'
                                ELSE 'more than 500 records' END AS bucket
                    FROM identity_links GROUP BY customer360_id),
                ranked AS (SELECT *, row_number() OVER (PARTITION BY bucket ORDER BY n DESC, customer360_id) AS rank FROM sized)
                SELECT bucket, count(*), string_agg(customer360_id || ' (' || n || ')', ', ' ORDER BY rank) FILTER (WHERE rank <= 3)
                FROM ranked GROUP BY bucket ORDER BY min(n)""");
    }

    private static List<Finding> guards(Connection connection, long run) throws SQLException {
        return findings(connection, """
                SELECT guard || coalesce(' (' || lower(replace(role, '_', ' ')) || ')', ''), count(*),
                       string_agg(coalesce(value || ': ', '') || detail, '; ') FILTER (WHERE rank <= 3)
                FROM (SELECT *, row_number() OVER (PARTITION BY guard, role ORDER BY persons DESC, records DESC) AS rank
                      FROM identity_guards WHERE run_id = %d)
                GROUP BY guard, role ORDER BY count(*) DESC""".formatted(run));
    }

    /** Things the analyst should know: sources without usable identifiers, disagreeing birth dates, re-imports. */
    private static List<Finding> problems(Connection connection) throws SQLException {
        List<Finding> problems = new ArrayList<>();
        problems.addAll(findings(connection, """
                SELECT 'records with no usable identifier and no name (' || source || ')', count(*),
                       string_agg(record_id, ', ') FILTER (WHERE rank <= 5)
                FROM (SELECT source, record_id, row_number() OVER (PARTITION BY source ORDER BY record_id) AS rank
                      FROM identity_records WHERE record_key NOT IN (SELECT record_key FROM identity_links))
                GROUP BY source"""));
        problems.addAll(findings(connection, """
                SELECT 'people whose sources disagree on the date of birth', count(*),
                       string_agg(customer360_id || ' (' || dates || ')', '; ') FILTER (WHERE rank <= 3)
                FROM (SELECT l.customer360_id, string_agg(DISTINCT CAST(r.date_of_birth AS VARCHAR), ' vs ') AS dates,
                             row_number() OVER (ORDER BY l.customer360_id) AS rank
                      FROM identity_records r JOIN identity_links l USING (record_key)
                      WHERE r.date_of_birth IS NOT NULL GROUP BY l.customer360_id
                      HAVING count(DISTINCT r.date_of_birth) > 1)
                HAVING count(*) > 0"""));
        problems.addAll(findings(connection, """
                SELECT 'files imported more than once (the newest import replaced the older)', count(*),
                       string_agg(source_file || ' (' || imports || ' imports)', '; ') FILTER (WHERE rank <= 3)
                FROM (SELECT source_file, count(DISTINCT import_id) AS imports, row_number() OVER (ORDER BY source_file) AS rank
                      FROM import_files WHERE parent_table IS NULL GROUP BY source_file HAVING count(DISTINCT import_id) > 1)
                HAVING count(*) > 0"""));
        return problems;
    }

    private static List<Finding> findings(Connection connection, String sql) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                findings.add(new Finding(rs.getString(1), rs.getLong(2), rs.getString(3)));
            }
        }
        return findings;
    }

    private static long scalar(Connection connection, String sql) throws SQLException {
        return Statements.scalar(connection, sql);
    }
}
