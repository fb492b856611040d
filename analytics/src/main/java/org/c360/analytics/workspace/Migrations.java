package org.c360.analytics.workspace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.c360.analytics.work.C360Exception;

/**
 * The workspace schema as numbered migrations, recorded in {@code schema_migrations}. Each runs in its own
 * transaction, so a workspace is always at some exact version. Never edit a released migration: add one.
 */
public final class Migrations {

    record Migration(int version, String description, String sql) {
    }

    static final List<Migration> ALL = List.of(
            new Migration(1, "imports, rejected rows, column mappings, query history", """
                    CREATE SEQUENCE import_id_seq START 1;
                    CREATE TABLE imports (
                        import_id     BIGINT PRIMARY KEY,
                        started_at    TIMESTAMP NOT NULL,
                        finished_at   TIMESTAMP,
                        files         INTEGER NOT NULL,
                        rows_landed   BIGINT NOT NULL DEFAULT 0,
                        rows_rejected BIGINT NOT NULL DEFAULT 0
                    );
                    CREATE TABLE import_files (
                        import_id     BIGINT NOT NULL,
                        source_file   VARCHAR NOT NULL,
                        format        VARCHAR NOT NULL,
                        raw_table     VARCHAR NOT NULL,
                        rows_landed   BIGINT NOT NULL,
                        rows_rejected BIGINT NOT NULL,
                        size_bytes    BIGINT,
                        modified_at   TIMESTAMP,
                        read_options  VARCHAR,
                        parent_table  VARCHAR
                    );
                    CREATE TABLE rejected_rows (
                        import_id   BIGINT NOT NULL,
                        source_file VARCHAR NOT NULL,
                        source_row  BIGINT,
                        "column"    VARCHAR,
                        value       VARCHAR,
                        reason      VARCHAR NOT NULL,
                        raw_table   VARCHAR,
                        stage       VARCHAR NOT NULL
                    );
                    CREATE TABLE column_mappings (
                        raw_table        VARCHAR NOT NULL,
                        entity           VARCHAR NOT NULL,
                        canonical_column VARCHAR NOT NULL,
                        source_column    VARCHAR,
                        confirmed        BOOLEAN NOT NULL DEFAULT false,
                        PRIMARY KEY (raw_table, canonical_column)
                    );
                    CREATE SEQUENCE query_history_seq START 1;
                    CREATE TABLE query_history (
                        id          BIGINT PRIMARY KEY DEFAULT nextval('query_history_seq'),
                        sql         VARCHAR NOT NULL,
                        ran_at      TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
                        duration_ms BIGINT,
                        row_count   BIGINT,
                        error       VARCHAR
                    );
                    """),
            new Migration(2, "identity resolution: sources, runs, persons, links, guards, matches, review decisions, survivorship", """
                    CREATE TABLE identity_sources (
                        raw_table     VARCHAR NOT NULL,
                        role          VARCHAR NOT NULL,
                        source_column VARCHAR NOT NULL,
                        confirmed     BOOLEAN NOT NULL DEFAULT false,
                        PRIMARY KEY (raw_table, role)
                    );
                    CREATE SEQUENCE identity_run_seq START 1;
                    CREATE TABLE identity_runs (
                        run_id        BIGINT PRIMARY KEY,
                        mode          VARCHAR NOT NULL,
                        started_at    TIMESTAMP NOT NULL,
                        finished_at   TIMESTAMP,
                        records       BIGINT,
                        new_records   BIGINT,
                        persons       BIGINT,
                        deterministic_links BIGINT,
                        probabilistic_links BIGINT,
                        review_pairs  BIGINT,
                        guards_fired  BIGINT,
                        model         VARCHAR
                    );
                    CREATE SEQUENCE customer360_id_seq START 1;
                    CREATE TABLE identity_persons (
                        customer360_id VARCHAR PRIMARY KEY,
                        created_run    BIGINT NOT NULL,
                        created_at     TIMESTAMP NOT NULL,
                        merged_into    VARCHAR,
                        merged_run     BIGINT
                    );
                    CREATE TABLE identity_links (
                        record_key     VARCHAR PRIMARY KEY,
                        source         VARCHAR NOT NULL,
                        record_id      VARCHAR NOT NULL,
                        customer360_id VARCHAR,
                        linked_run     BIGINT NOT NULL,
                        linked_by      VARCHAR NOT NULL
                    );
                    CREATE TABLE identity_splits (
                        run_id         BIGINT NOT NULL,
                        customer360_id VARCHAR NOT NULL,
                        new_id         VARCHAR NOT NULL,
                        records        BIGINT NOT NULL
                    );
                    CREATE TABLE identity_guards (
                        run_id     BIGINT NOT NULL,
                        guard      VARCHAR NOT NULL,
                        role       VARCHAR,
                        value      VARCHAR,
                        persons    BIGINT,
                        records    BIGINT,
                        detail     VARCHAR
                    );
                    CREATE TABLE identity_matches (
                        left_key     VARCHAR NOT NULL,
                        right_key    VARCHAR NOT NULL,
                        run_id       BIGINT NOT NULL,
                        weight       DOUBLE NOT NULL,
                        probability  DOUBLE NOT NULL,
                        status       VARCHAR NOT NULL,
                        evidence     VARCHAR,
                        PRIMARY KEY (left_key, right_key)
                    );
                    CREATE TABLE survivorship_rules (
                        field VARCHAR PRIMARY KEY,
                        rule  VARCHAR NOT NULL
                    );
                    CREATE TABLE source_trust (
                        raw_table VARCHAR PRIMARY KEY,
                        rank      INTEGER NOT NULL
                    );
                    CREATE TABLE identity_decisions (
                        left_key   VARCHAR NOT NULL,
                        right_key  VARCHAR NOT NULL,
                        decision   VARCHAR NOT NULL,
                        decided_at TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
                        PRIMARY KEY (left_key, right_key)
                    );
                    """),
            // A full run replaces every link; an index over millions of keys made that a 145 s delete.
            new Migration(3, "identity links without a primary key index", """
                    CREATE TABLE identity_links_v3 AS SELECT * FROM identity_links;
                    DROP TABLE identity_links;
                    ALTER TABLE identity_links_v3 RENAME TO identity_links;
                    """),
            new Migration(4, "suggested links of source columns to known identifiers, with the analyst's decisions", """
                    CREATE SEQUENCE link_suggestion_seq START 1;
                    CREATE TABLE link_suggestions (
                        suggestion_id   BIGINT PRIMARY KEY,
                        raw_table       VARCHAR NOT NULL,
                        source_column   VARCHAR NOT NULL,
                        link            VARCHAR NOT NULL,
                        target          VARCHAR NOT NULL,
                        entity_column   VARCHAR,
                        identity_role   VARCHAR,
                        score           DOUBLE NOT NULL,
                        containment     DOUBLE NOT NULL,
                        name_similarity DOUBLE NOT NULL,
                        matched         BIGINT NOT NULL,
                        distinct_values BIGINT NOT NULL,
                        evidence        VARCHAR NOT NULL,
                        status          VARCHAR NOT NULL DEFAULT 'draft',
                        suggested_at    TIMESTAMP NOT NULL,
                        decided_by      VARCHAR,
                        decided_at      TIMESTAMP,
                        UNIQUE (raw_table, source_column, link)
                    );
                    CREATE TABLE link_scans (
                        raw_table    VARCHAR PRIMARY KEY,
                        import_id    BIGINT NOT NULL,
                        identity_run BIGINT NOT NULL,
                        scanned_at   TIMESTAMP NOT NULL,
                        rows_total   BIGINT NOT NULL,
                        rows_read    BIGINT NOT NULL,
                        columns      INTEGER NOT NULL,
                        targets      INTEGER NOT NULL,
                        millis       BIGINT NOT NULL
                    );
                    """),
            // An incremental run resolves only tables the last run had not seen, with the model it fitted, and
            // needs to know which tables those were and how they were mapped then.
            new Migration(5, "incremental identity runs: the tables each run read, its fitted model", """
                    ALTER TABLE identity_runs ADD COLUMN model_params VARCHAR;
                    ALTER TABLE identity_runs ADD COLUMN new_records_added BIGINT;
                    CREATE TABLE identity_run_tables (
                        run_id      BIGINT NOT NULL,
                        raw_table   VARCHAR NOT NULL,
                        kind        VARCHAR NOT NULL,
                        fingerprint VARCHAR NOT NULL,
                        PRIMARY KEY (run_id, raw_table, kind)
                    );
                    """),
            // lifetime value: a derived-layer model run and its scores; profiles read the latest through the view,
            // so a re-resolve (which rebuilds customer360_profiles) does not lose them
            new Migration(6, "model runs, per-customer scores, and the latest lifetime-value scores for the profiles", """
                    CREATE SEQUENCE model_run_seq START 1;
                    CREATE TABLE model_runs (
                        run_id            BIGINT PRIMARY KEY,
                        model             VARCHAR NOT NULL,
                        subject           VARCHAR NOT NULL,
                        source            VARCHAR NOT NULL,
                        fitted_at         TIMESTAMP NOT NULL,
                        identity_run      BIGINT,
                        transactions      BIGINT,
                        last_purchase_day DATE,
                        customers         BIGINT,
                        parameters        VARCHAR,
                        diagnostics       VARCHAR
                    );
                    CREATE TABLE scores (
                        run_id     BIGINT NOT NULL,
                        subject_id VARCHAR NOT NULL,
                        score      VARCHAR NOT NULL,
                        value      DOUBLE
                    );
                    CREATE VIEW latest_ltv_scores AS
                    SELECT subject_id AS customer360_id,
                           max(value) FILTER (WHERE score = 'lifetime_value') AS lifetime_value,
                           max(value) FILTER (WHERE score = 'p_alive') AS p_alive
                    FROM scores
                    WHERE run_id = (SELECT max(run_id) FROM model_runs
                                    WHERE model = 'ltv_bgnbd_gamma_gamma' AND subject = 'customer360_id')
                    GROUP BY subject_id;
                    """),
            // segment_members has no key index: a refresh replaces a segment's million rows at once
            new Migration(7, "saved segments: definitions, members, size history", """
                    CREATE SEQUENCE segment_id_seq START 1;
                    CREATE TABLE segments (
                        segment_id   BIGINT PRIMARY KEY,
                        name         VARCHAR NOT NULL UNIQUE,
                        expression   VARCHAR NOT NULL,
                        created_at   TIMESTAMP NOT NULL,
                        refreshed_at TIMESTAMP,
                        size         BIGINT
                    );
                    CREATE TABLE segment_members (
                        segment_id     BIGINT NOT NULL,
                        customer360_id VARCHAR NOT NULL
                    );
                    CREATE TABLE segment_history (
                        segment_id   BIGINT NOT NULL,
                        refreshed_at TIMESTAMP NOT NULL,
                        size         BIGINT NOT NULL,
                        added        BIGINT NOT NULL,
                        removed      BIGINT NOT NULL,
                        expression   VARCHAR NOT NULL,
                        millis       BIGINT NOT NULL
                    );
                    -- related records with their person, kept as c360_segment_rows_* for fast counts
                    CREATE TABLE segment_relation_cache (
                        relation  VARCHAR PRIMARY KEY,
                        signature VARCHAR NOT NULL,
                        built_at  TIMESTAMP NOT NULL,
                        rows      BIGINT NOT NULL,
                        millis    BIGINT NOT NULL
                    );
                    """),
            new Migration(8, "analysis runs: which analysis ran with which parameters, how long, how many rows or why not", """
                    CREATE SEQUENCE analysis_run_seq START 1;
                    CREATE TABLE analysis_runs (
                        run_id      BIGINT PRIMARY KEY DEFAULT nextval('analysis_run_seq'),
                        analysis    VARCHAR NOT NULL,
                        parameters  VARCHAR NOT NULL,
                        ran_at      TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
                        duration_ms BIGINT NOT NULL,
                        row_count   BIGINT,
                        error       VARCHAR
                    );
                    """),
            // A full resolution copies a million persons back when it swaps its tables in: with the primary key's
            // index that took 3.9 s against 0.2 s. The run adds only ids not yet in the table.
            new Migration(9, "identity_persons without a primary-key index", """
                    CREATE TABLE c360_identity_persons_9 (
                        customer360_id VARCHAR NOT NULL,
                        created_run    BIGINT NOT NULL,
                        created_at     TIMESTAMP NOT NULL,
                        merged_into    VARCHAR,
                        merged_run     BIGINT
                    );
                    INSERT INTO c360_identity_persons_9 SELECT customer360_id, created_run, created_at, merged_into, merged_run
                    FROM identity_persons;
                    DROP TABLE identity_persons;
                    ALTER TABLE c360_identity_persons_9 RENAME TO identity_persons;
                    """));

    private Migrations() {
    }

    /** The version a fully migrated workspace has. */
    public static int latestVersion() {
        return ALL.getLast().version();
    }

    static void apply(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                        version     INTEGER PRIMARY KEY,
                        description VARCHAR NOT NULL,
                        applied_at  TIMESTAMP NOT NULL DEFAULT current_localtimestamp()
                    )""");
            int current = currentVersion(statement);
            if (current > latestVersion()) {
                throw new C360Exception("This workspace was written by a newer Customer 360 Workbench (schema "
                        + current + ", this version knows up to " + latestVersion() + "); update the app to open it.");
            }
            for (Migration migration : ALL) {
                if (migration.version() <= current) {
                    continue;
                }
                connection.setAutoCommit(false);
                try {
                    for (String part : migration.sql().split(";\\s*\\n")) {
                        if (!part.isBlank()) {
                            statement.execute(part);
                        }
                    }
                    try (PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO schema_migrations(version, description) VALUES (?, ?)")) {
                        insert.setInt(1, migration.version());
                        insert.setString(2, migration.description());
                        insert.executeUpdate();
                    }
                    connection.commit();
                } catch (SQLException e) {
                    connection.rollback();
                    throw new C360Exception("Upgrading the workspace schema to version " + migration.version()
                            + " failed: " + Workspace.firstLine(String.valueOf(e.getMessage())), e);
                } finally {
                    connection.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new C360Exception("Reading the workspace schema failed: "
                    + Workspace.firstLine(String.valueOf(e.getMessage())), e);
        }
    }

    private static int currentVersion(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT coalesce(max(version), 0) FROM schema_migrations")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
