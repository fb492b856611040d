package org.c360.analytics.identity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.c360.analytics.identity.match.MatchModel;
import org.c360.analytics.identity.match.ProbabilisticMatcher;
import org.c360.analytics.sql.DuckDbMessages;
import org.c360.analytics.sql.Statements;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.work.CancelledException;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Identity resolution, end to end, saved all at once (a failure or Cancel leaves the workspace as it was, see
 * {@link Staging}): standardised identity records, the deterministic identity graph under its guards, the probabilistic
 * pass, stable customer360 ids. Seed 004's flow.
 */
public final class Resolver {

    private static final String INDEX = "identity_index";
    /**
     * The tables a full run changes but does not rebuild (a million persons at most), which it works on copies
     * of until it is saved.
     */
    private static final List<String> COPIED = List.of("identity_sources", "identity_runs", "identity_run_tables",
            "identity_guards", "identity_matches", "identity_persons", "identity_splits");
    /** What a run reads that the analyst may change while it goes: if they do, the run is not saved. */
    private static final List<String> READ = List.of("imports", "column_mappings", "identity_decisions",
            "survivorship_rules", "source_trust");

    private final Workspace workspace;

    public Resolver(Workspace workspace) {
        this.workspace = workspace;
    }

    public ResolveResult resolve(ResolveOptions options, Progress progress) {
        long start = System.nanoTime();
        List<ResolveResult.Step> steps = new ArrayList<>();
        try (Connection connection = workspace.connect()) {
            // No statement of a run relies on the order rows were written in (numbers are given by ORDER BY), and
            // without it DuckDB writes the tables in parallel: the events table 59 s to 47 s. This connection only.
            execute(connection, "SET SESSION preserve_insertion_order = false");
            Staging staging = null;
            try {
                if (options.incremental()) {
                    connection.setAutoCommit(false);
                    staging = Staging.inPlace(connection);
                } else {
                    staging = Staging.beside(connection, COPIED, READ);
                }
                long runId = scalar(connection, "SELECT nextval('identity_run_seq')");
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO identity_runs(run_id, mode, started_at) VALUES (?, ?, current_localtimestamp())")) {
                    insert.setLong(1, runId);
                    insert.setString(2, options.incremental() ? "incremental" : "full");
                    insert.executeUpdate();
                }
                List<IdentitySource> sources = IdentitySources.refresh(connection);
                if (sources.isEmpty()) {
                    throw new C360Exception("Nothing to resolve: no imported table has an identifier (e-mail, phone, "
                            + "customer id...) or a person's name. Import customer data first.");
                }
                Run run = options.incremental() ? incremental(connection, staging, runId, sources, options, progress, steps)
                        : full(connection, staging, runId, sources, options, progress, steps);
                MatchModel model = run.probabilistic() == null ? null : run.probabilistic().model();
                long review = run.probabilistic() == null ? 0 : run.probabilistic().review();
                long autoMerged = run.probabilistic() == null ? 0 : run.probabilistic().autoMerged();
                long pairs = run.probabilistic() == null ? 0 : run.probabilistic().candidatePairs();
                try (PreparedStatement update = connection.prepareStatement("""
                        UPDATE identity_runs SET finished_at = current_localtimestamp(), records = ?, new_records = ?,
                               persons = ?, deterministic_links = ?, probabilistic_links = ?, review_pairs = ?,
                               guards_fired = ?, model = ?, model_params = ?, new_records_added = ? WHERE run_id = ?""")) {
                    update.setLong(1, scalar(connection, "SELECT count(*) FROM " + RecordBuilder.RECORDS));
                    update.setLong(2, run.ids().newPersons());
                    update.setLong(3, run.ids().persons());
                    update.setLong(4, run.deterministic().edges());
                    update.setLong(5, autoMerged);
                    update.setLong(6, review);
                    update.setLong(7, run.deterministic().guardsFired());
                    update.setString(8, model == null ? null : model.describe());
                    update.setString(9, model == null ? null : model.encode());
                    update.setLong(10, run.records());
                    update.setLong(11, runId);
                    update.executeUpdate();
                }
                RunTables.record(connection, runId, sources, new EventStream(connection, staging, progress).eventTables());
                progress.throwIfCancelled();
                long t = System.nanoTime();
                progress.update(0.97, "Saving the resolved profiles");
                staging.save();
                steps.add(step("commit", t));
                return new ResolveResult(runId, options.incremental(), run.records(), run.ids().persons(),
                        run.ids().newPersons(), run.ids().merged(), run.ids().splits(), run.deterministic().identifierValues(),
                        run.deterministic().guardsFired(), pairs, autoMerged, review, model, steps,
                        (System.nanoTime() - start) / 1_000_000);
            } catch (SQLException | RuntimeException e) {
                try {
                    if (staging != null) {
                        staging.discard();
                    } else if (!connection.getAutoCommit()) {
                        connection.rollback();
                    }
                } catch (SQLException | RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
                if (progress.isCancelled() || e instanceof CancelledException) {
                    throw new CancelledException();
                }
                if (e instanceof C360Exception c360) {
                    throw c360;
                }
                throw new C360Exception("Identity resolution failed: " + DuckDbMessages.headline(e.getMessage()), e);
            }
        } catch (SQLException e) {
            throw new C360Exception("Cannot use workspace " + workspace.file() + ": " + e.getMessage(), e);
        }
    }

    /** What the passes of one run did. */
    private record Run(long records, DeterministicLinker.Result deterministic, ProbabilisticMatcher.Result probabilistic,
                       StableIds.Result ids) {
    }

    /** Every record, from scratch (stable ids carry over from earlier runs). */
    private Run full(Connection connection, Staging staging, long runId, List<IdentitySource> sources,
                     ResolveOptions options, Progress progress, List<ResolveResult.Step> steps) throws SQLException {
        long t = System.nanoTime();
        long records = new RecordBuilder(connection, staging, progress.slice(0, 0.3)).build(sources);
        steps.add(step("standardise " + records + " identity records", t));

        t = System.nanoTime();
        DeterministicLinker.Result deterministic = new DeterministicLinker(connection, progress.slice(0.3, 0.45),
                options.guards(), runId).link();
        steps.add(step("deterministic identity graph", t));

        t = System.nanoTime();
        ProbabilisticMatcher.Result probabilistic = null;
        execute(connection, "DELETE FROM identity_matches WHERE status IN ('auto', 'review')");
        if (options.probabilistic()) {
            probabilistic = new ProbabilisticMatcher(connection, progress.slice(0.45, 0.65), options.matching())
                    .run(runId, DeterministicLinker.CLUSTERS);
        } else {
            execute(connection, "CREATE OR REPLACE TEMP TABLE c360_merge_pairs (left_key VARCHAR, right_key VARCHAR)");
        }
        steps.add(step("probabilistic pass", t));

        t = System.nanoTime();
        mergeClusters(connection, progress.slice(0.65, 0.7));
        StableIds.Result ids = new StableIds(connection, staging, progress.slice(0.7, 0.75)).assign(runId, null);
        buildIndex(connection, staging);
        dropClusterTables(connection);
        steps.add(step("stable ids", t));

        t = System.nanoTime();
        new ProfileBuilder(connection, staging, progress.slice(0.75, 0.97)).build(sources);
        steps.add(step("profiles and events", t));
        return new Run(records, deterministic, probabilistic, ids);
    }

    /**
     * Only the tables imported since the last run: their records are standardised and added, then linked
     * together with the people they could join ({@link IncrementalScope}), scored with the last full run's
     * model. The links of those people are replaced; the index entries and profiles only of the people whose
     * records changed, and events only where their person changed; people who only got new events have those
     * figures of their profile refreshed. Refused, with the reason, when something a full run would read differently has changed (a
     * table's mapping, a removed table) or there is no earlier run.
     */
    private Run incremental(Connection connection, Staging staging, long runId, List<IdentitySource> sources,
                            ResolveOptions options, Progress progress, List<ResolveResult.Step> steps) throws SQLException {
        long t = System.nanoTime();
        EventStream events = new EventStream(connection, staging, progress.slice(0.7, 0.85));
        RunTables.Changes changes = RunTables.changesSinceLastRun(connection, sources, events.eventTables());
        MatchModel model = null;
        if (options.probabilistic()) {
            model = changes.model().orElse(null);
        }
        List<IdentitySource> added = sources.stream().filter(s -> changes.newSources().contains(s.rawTable())).toList();
        long records = new RecordBuilder(connection, staging, progress.slice(0, 0.2)).add(added);
        steps.add(step("standardise " + records + " new identity records", t));

        t = System.nanoTime();
        long inScope = new IncrementalScope(connection, progress.slice(0.2, 0.3)).build(options.matching().blockingRules(),
                options.matching().maxBlockSize());
        steps.add(step("find the " + inScope + " records of the people they could join", t));

        t = System.nanoTime();
        DeterministicLinker.Result deterministic = new DeterministicLinker(connection, progress.slice(0.3, 0.4),
                options.guards(), runId).scoped(IncrementalScope.RECORDS, changes.previousRun()).link();
        carryGuards(connection, runId, changes.previousRun());
        steps.add(step("deterministic identity graph", t));

        t = System.nanoTime();
        ProbabilisticMatcher.Result probabilistic = null;
        if (model != null) {
            probabilistic = new ProbabilisticMatcher(connection, progress.slice(0.4, 0.55), options.matching())
                    .incremental("c360_new_keys", model).run(runId, DeterministicLinker.CLUSTERS);
        } else {
            // no model to score with: earlier merges between the people in scope still stand
            execute(connection, """
                    CREATE OR REPLACE TEMP TABLE c360_merge_pairs AS
                    SELECT left_key, right_key FROM identity_matches WHERE status IN ('auto', 'accepted')
                      AND left_key IN (SELECT record_key FROM %1$s) AND right_key IN (SELECT record_key FROM %1$s)"""
                    .formatted(IncrementalScope.RECORDS));
        }
        steps.add(step("probabilistic pass on new records", t));

        t = System.nanoTime();
        mergeClusters(connection, progress.slice(0.55, 0.6));
        StableIds.Result ids = new StableIds(connection, staging, progress.slice(0.6, 0.65)).assign(runId, IncrementalScope.RECORDS);
        // only the people whose records changed get a new index, events and profile: most people in scope were
        // only candidates and kept exactly their records
        String changed = "(SELECT customer360_id FROM " + StableIds.CHANGED_PERSONS + ")";
        execute(connection, "CREATE OR REPLACE TEMP TABLE c360_old_index AS SELECT role, value, customer360_id FROM identity_index"
                + " WHERE customer360_id IN " + changed);
        execute(connection, "DELETE FROM identity_index WHERE customer360_id IN " + changed);
        execute(connection, "INSERT INTO identity_index SELECT * FROM (" + indexQuery() + ") WHERE customer360_id IN " + changed);
        // the identifiers that changed hands (or are new): events placed by them may move
        execute(connection, """
                CREATE OR REPLACE TEMP TABLE c360_changed_values AS
                SELECT DISTINCT role, value FROM (
                    (SELECT role, value, customer360_id FROM c360_old_index
                     EXCEPT SELECT role, value, customer360_id FROM identity_index WHERE customer360_id IN %1$s)
                    UNION ALL
                    (SELECT role, value, customer360_id FROM identity_index WHERE customer360_id IN %1$s
                     EXCEPT SELECT role, value, customer360_id FROM c360_old_index))""".formatted(changed));
        execute(connection, "DROP TABLE c360_old_index");
        dropClusterTables(connection);
        steps.add(step("stable ids", t));

        t = System.nanoTime();
        // events move off the ids that lost records, and off identifiers that changed hands; a person who only
        // gained records keeps every event they had
        events.update(ProfileBuilder.recordSources(sources), changes.newEventTables(), StableIds.LOSING_PERSONS);
        new ProfileBuilder(connection, staging, progress.slice(0.85, 0.97)).update(sources, StableIds.CHANGED_PERSONS, "c360_event_persons");
        for (String table : List.of("c360_changed_values", StableIds.LOSING_PERSONS, "c360_event_persons", "c360_new_keys",
                StableIds.CHANGED_PERSONS, IncrementalScope.RECORDS, IncrementalScope.OLD_PERSONS)) {
            execute(connection, "DROP TABLE IF EXISTS " + table);
        }
        steps.add(step("profiles and events of the people touched", t));
        return new Run(records, deterministic, probabilistic, ids);
    }

    /**
     * The graph's work tables, once the links and the index are written: millions of rows each, which need not
     * be held while the profiles and events are built.
     */
    private static void dropClusterTables(Connection connection) throws SQLException {
        for (String table : List.of(DeterministicLinker.CLUSTERS, DeterministicLinker.VALUE_CLUSTERS, "c360_final",
                "c360_cluster_map", "c360_ids", "c360_merge_pairs")) {
            execute(connection, "DROP TABLE IF EXISTS " + table);
        }
    }

    /** The previous run's guards that this run did not meet again still stand, and are listed with it. */
    private static void carryGuards(Connection connection, long runId, long previousRun) throws SQLException {
        execute(connection, """
                INSERT INTO identity_guards
                SELECT %d, g.guard, g.role, g.value, g.persons, g.records, g.detail FROM identity_guards g
                WHERE g.run_id = %d AND NOT EXISTS (
                    SELECT 1 FROM identity_guards n WHERE n.run_id = %d AND n.guard = g.guard
                      AND n.role IS NOT DISTINCT FROM g.role AND n.value IS NOT DISTINCT FROM g.value)""".formatted(
                runId, previousRun, runId));
    }

    /**
     * People = deterministic clusters joined by the probabilistic merges; writes
     * {@code c360_final(record_key, cluster, linked_by)}.
     */
    private static void mergeClusters(Connection connection, Progress progress) throws SQLException {
        Map<Integer, Integer> index = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT DISTINCT cluster FROM " + DeterministicLinker.CLUSTERS + " ORDER BY 1");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                index.put(rs.getInt(1), index.size());
            }
        }
        UnionFind sets = new UnionFind(Math.max(1, index.size()));
        // One join at a time: the pairs table was filled by INSERT, and with no statistics on it the
        // optimiser may otherwise join the two sides of the pair first, which is a cross product.
        execute(connection, "CREATE OR REPLACE TEMP TABLE c360_merge_left AS SELECT p.right_key, a.cluster AS left_cluster"
                + " FROM c360_merge_pairs p JOIN " + DeterministicLinker.CLUSTERS + " a ON a.record_key = p.left_key");
        try (PreparedStatement statement = connection.prepareStatement("SELECT l.left_cluster, b.cluster FROM c360_merge_left l"
                + " JOIN " + DeterministicLinker.CLUSTERS + " b ON b.record_key = l.right_key WHERE l.left_cluster <> b.cluster");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                sets.union(index.get(rs.getInt(1)), index.get(rs.getInt(2)));
            }
        }
        execute(connection, "DROP TABLE c360_merge_left");
        progress.throwIfCancelled();
        execute(connection, "CREATE OR REPLACE TEMP TABLE c360_cluster_map (cluster INTEGER, final INTEGER)");
        Statements.inOneTransaction(connection, () -> {
            try (DuckDBAppender appender = connection.unwrap(DuckDBConnection.class).createAppender("temp", "main", "c360_cluster_map")) {
                for (Map.Entry<Integer, Integer> entry : index.entrySet()) {
                    appender.beginRow();
                    appender.append(entry.getKey().intValue());
                    appender.append(sets.find(entry.getValue()));
                    appender.endRow();
                }
            }
        });
        execute(connection, """
                CREATE OR REPLACE TEMP TABLE c360_final AS
                WITH parts AS (SELECT final, count(*) AS clusters FROM c360_cluster_map GROUP BY final),
                     sizes AS (SELECT cluster, count(*) AS records FROM %1$s GROUP BY cluster)
                SELECT d.record_key, m.final AS cluster,
                       CASE WHEN p.clusters > 1 THEN 'probabilistic' WHEN s.records > 1 THEN 'identifier'
                            ELSE 'alone' END AS linked_by
                FROM %1$s d JOIN c360_cluster_map m USING (cluster) JOIN parts p USING (final)
                JOIN sizes s ON s.cluster = d.cluster""".formatted(DeterministicLinker.CLUSTERS));
        // c360_cluster_map (deterministic cluster -> person) stays for the identity index
    }

    /**
     * {@code identity_index(role, value, customer360_id)}: which person each standardised identifier belongs
     * to, for records that only carry one (orders by customer id, tickets by e-mail). Every identifier the
     * graph kept lies in one deterministic cluster, so its person follows from the cluster: integer joins
     * instead of unpivoting millions of records. Values a guard stopped (a family address, a shared
     * device) place nobody.
     */
    private static void buildIndex(Connection connection, Staging staging) throws SQLException {
        execute(connection, "CREATE OR REPLACE TABLE " + staging.table(INDEX) + " AS " + indexQuery());
        staging.built(INDEX);
    }

    private static String indexQuery() {
        return """
                SELECT v.role, v.value, i.id AS customer360_id
                FROM %s v JOIN c360_cluster_map m ON m.cluster = v.cluster JOIN c360_ids i ON i.cluster = m.final"""
                .formatted(DeterministicLinker.VALUE_CLUSTERS);
    }

    private static ResolveResult.Step step(String what, long startNanos) {
        return new ResolveResult.Step(what, (System.nanoTime() - startNanos) / 1_000_000);
    }

    private static long scalar(Connection connection, String sql) throws SQLException {
        return Statements.scalar(connection, sql);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        Statements.execute(connection, Progress.none(), sql);
    }
}
