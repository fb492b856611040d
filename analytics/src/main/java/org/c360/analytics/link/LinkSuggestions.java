package org.c360.analytics.link;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.c360.analytics.sql.Statements;
import org.c360.analytics.entity.Entity;
import org.c360.analytics.entity.Field;
import org.c360.analytics.identity.IdentityRole;
import org.c360.analytics.identity.IdentitySource;
import org.c360.analytics.identity.IdentitySources;
import org.c360.analytics.ingest.FileResult;
import org.c360.analytics.ingest.ImportResult;
import org.c360.analytics.mapping.Mappings;
import org.c360.analytics.mapping.TableMapping;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.work.CancelledException;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Catalog;
import org.c360.analytics.workspace.Workspace;

/**
 * The suggested links of a workspace ({@code link_suggestions}): found by {@link LinkFinder}, kept as drafts
 * that change nothing, and applied only when the analyst approves one, through the same saves as the Mapping
 * tab ({@link Mappings}) and identity roles ({@link IdentitySources}), in one transaction. A rejected link is
 * remembered and not proposed again.
 *
 * <p>{@code link_scans} records when each table was last looked at; its suggestions are stale once anything
 * was imported or resolved since, as the values they were compared with may have changed.
 */
public final class LinkSuggestions {

    /** One lock per workspace file: finding and deciding write the same rows. */
    private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    /** What one table's refresh found. */
    public record TableScan(String rawTable, long rowsTotal, long rowsRead, int columns, int targets, int drafts,
                            long millis) {
    }

    private final Workspace workspace;
    private final LinkOptions options;

    public LinkSuggestions(Workspace workspace) {
        this(workspace, LinkOptions.DEFAULTS);
    }

    public LinkSuggestions(Workspace workspace, LinkOptions options) {
        this.workspace = workspace;
        this.options = options;
    }

    // ---- finding ----

    /** Looks again at {@code tables} and replaces their drafts (decisions stay). */
    public List<TableScan> refresh(List<String> tables, Progress progress) {
        return locked(() -> {
            try (Connection connection = workspace.connect()) {
                return refresh(connection, tables, progress);
            } catch (SQLException e) {
                throw failure("Looking for links", e, progress);
            }
        });
    }

    /** {@link #refresh} of those of {@code tables} whose suggestions are stale; the fresh ones are left alone. */
    public List<TableScan> refreshStale(List<String> tables, Progress progress) {
        return locked(() -> {
            try (Connection connection = workspace.connect()) {
                List<String> stale = new ArrayList<>();
                for (String table : tables) {
                    if (isStale(connection, table)) {
                        stale.add(table);
                    }
                }
                return stale.isEmpty() ? List.of() : refresh(connection, stale, progress);
            } catch (SQLException e) {
                throw failure("Looking for links", e, progress);
            }
        });
    }

    /**
     * After an import: looks for links of the tables it made that have columns not mapped yet (to an entity
     * or an identity role), so the analyst finds the drafts waiting.
     */
    public List<TableScan> afterImport(ImportResult result, Progress progress) {
        List<String> tables = new ArrayList<>();
        for (FileResult file : result.files()) {
            tables.add(file.table());
            file.childTables().forEach(child -> tables.add(child.table()));
        }
        return locked(() -> {
            try (Connection connection = workspace.connect()) {
                List<String> unmapped = new ArrayList<>();
                for (String table : tables) {
                    if (hasUnmappedColumns(connection, table) && isStale(connection, table)) {
                        unmapped.add(table); // (another thread may have looked at it meanwhile)
                    }
                }
                return unmapped.isEmpty() ? List.of() : refresh(connection, unmapped, progress);
            } catch (SQLException e) {
                throw failure("Looking for links", e, progress);
            }
        });
    }

    /**
     * The raw tables never looked at since their last import that have columns not mapped yet: those an
     * import just made. The app looks for their links in the background when it notices them.
     */
    public List<String> unscanned() {
        try (Connection connection = workspace.connect()) {
            List<String> tables = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT f.raw_table FROM (SELECT raw_table, max(import_id) AS import_id FROM import_files GROUP BY 1) f
                    LEFT JOIN link_scans s USING (raw_table)
                    WHERE s.raw_table IS NULL OR s.import_id < f.import_id ORDER BY 1""");
                 ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            Set<String> existing = new HashSet<>(rawTables(connection));
            List<String> result = new ArrayList<>();
            for (String table : tables) {
                if (existing.contains(table) && hasUnmappedColumns(connection, table)) {
                    result.add(table);
                }
            }
            return result;
        } catch (SQLException e) {
            throw new C360Exception("Reading the suggested links failed: " + e.getMessage(), e);
        }
    }

    /** Whether {@code rawTable} was never looked at, or something was imported or resolved since. */
    public boolean isStale(String rawTable) {
        try (Connection connection = workspace.connect()) {
            return isStale(connection, rawTable);
        } catch (SQLException e) {
            throw new C360Exception("Reading the suggested links failed: " + e.getMessage(), e);
        }
    }

    private List<TableScan> refresh(Connection connection, List<String> tables, Progress progress) throws SQLException {
        Set<String> existing = new HashSet<>(rawTables(connection));
        for (String table : tables) {
            if (!existing.contains(table)) {
                throw new C360Exception("There is no imported table '" + table + "'.");
            }
        }
        long start = System.nanoTime();
        long importId = scalar(connection, "SELECT coalesce(max(import_id), 0) FROM imports");
        long identityRun = scalar(connection, "SELECT coalesce(max(run_id), 0) FROM identity_runs");
        List<LinkFinder.Scan> scans = new LinkFinder(connection, options, progress).find(tables);
        long millis = (System.nanoTime() - start) / 1_000_000;
        progress.throwIfCancelled();
        List<TableScan> result = new ArrayList<>();
        connection.setAutoCommit(false);
        try {
            for (LinkFinder.Scan scan : scans) {
                int drafts = store(connection, scan);
                upsertScan(connection, scan, importId, identityRun, millis / Math.max(1, scans.size()));
                result.add(new TableScan(scan.rawTable(), scan.rowsTotal(), scan.rowsRead(), scan.columns(),
                        scan.targets(), drafts, millis / Math.max(1, scans.size())));
            }
            try (PreparedStatement statement = connection.prepareStatement("""
                    DELETE FROM link_suggestions WHERE status = 'draft' AND raw_table NOT IN (
                        SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND starts_with(table_name, 'raw_'))""")) {
                statement.executeUpdate();
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
        return result;
    }

    /** Stores a table's candidates as drafts (updating those already there), drops drafts no longer found. */
    private int store(Connection connection, LinkFinder.Scan scan) throws SQLException {
        Map<String, long[]> existing = new HashMap<>(); // column + link -> {id, 1 if decided}
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT source_column, link, suggestion_id, status FROM link_suggestions WHERE raw_table = ?")) {
            statement.setString(1, scan.rawTable());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    existing.put(rs.getString(1) + '\u0000' + rs.getString(2),
                            new long[] {rs.getLong(3), "draft".equals(rs.getString(4)) ? 0 : 1});
                }
            }
        }
        Set<Long> kept = new HashSet<>();
        int drafts = 0;
        Optional<TableMapping> mapping = Mappings.saved(connection, scan.rawTable());
        for (LinkFinder.Candidate candidate : scan.candidates()) {
            long[] row = existing.get(candidate.column() + '\u0000' + candidate.link().name());
            if (row != null && row[1] == 1) {
                continue; // decided: approved links are in force, rejected ones are not proposed again
            }
            Plan plan = plan(connection, scan.rawTable(), candidate.column(), candidate.link());
            if (plan.isEmpty() || isMeasure(mapping, candidate.column()) || beaten(scan, candidate, plan)) {
                continue;
            }
            String entityColumn = plan.entityColumn();
            String role = plan.identityRole() == null ? null : plan.identityRole().name();
            if (row != null) {
                try (PreparedStatement update = connection.prepareStatement("""
                        UPDATE link_suggestions SET target = ?, entity_column = ?, identity_role = ?, score = ?,
                            containment = ?, name_similarity = ?, matched = ?, distinct_values = ?, evidence = ?,
                            suggested_at = current_localtimestamp()
                        WHERE suggestion_id = ?""")) {
                    bind(update, 1, candidate, entityColumn, role);
                    update.setLong(10, row[0]);
                    update.executeUpdate();
                }
                kept.add(row[0]);
            } else {
                long id = scalar(connection, "SELECT nextval('link_suggestion_seq')");
                try (PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO link_suggestions(target, entity_column, identity_role, score, containment,
                            name_similarity, matched, distinct_values, evidence, suggestion_id, raw_table,
                            source_column, link, status, suggested_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', current_localtimestamp())""")) {
                    bind(insert, 1, candidate, entityColumn, role);
                    insert.setLong(10, id);
                    insert.setString(11, scan.rawTable());
                    insert.setString(12, candidate.column());
                    insert.setString(13, candidate.link().name());
                    insert.executeUpdate();
                }
                kept.add(id);
            }
            drafts++;
        }
        for (long[] row : existing.values()) {
            if (row[1] == 0 && !kept.contains(row[0])) {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM link_suggestions WHERE suggestion_id = ?")) {
                    delete.setLong(1, row[0]);
                    delete.executeUpdate();
                }
            }
        }
        return drafts;
    }

    /**
     * Whether the table's mapping uses the column as an amount, count or time: such columns hold numbers that
     * can look like ids (durations among product ids 1..5,000) but are not.
     */
    private static boolean isMeasure(Optional<TableMapping> mapping, String column) {
        return mapping.map(m -> m.entity().fields().stream().anyMatch(f -> f.kind() != Field.Kind.ID
                && f.kind() != Field.Kind.TEXT && m.source(f.name()).map(column::equals).orElse(false))).orElse(false);
    }

    /** Whether the column the link would replace links at least as well itself: then it stays. */
    private static boolean beaten(LinkFinder.Scan scan, LinkFinder.Candidate candidate, Plan plan) {
        Set<String> replaced = new HashSet<>();
        if (plan.replacedColumn() != null) {
            replaced.add(plan.replacedColumn());
        }
        if (plan.replacedRole() != null) {
            replaced.add(plan.replacedRole());
        }
        return scan.candidates().stream().anyMatch(other -> other.link() == candidate.link()
                && replaced.contains(other.column()) && other.score() >= candidate.score());
    }

    private static void bind(PreparedStatement statement, int first, LinkFinder.Candidate candidate,
                             String entityColumn, String role) throws SQLException {
        statement.setString(first, candidate.target());
        statement.setString(first + 1, entityColumn);
        statement.setString(first + 2, role);
        statement.setDouble(first + 3, candidate.score());
        statement.setDouble(first + 4, candidate.containment());
        statement.setDouble(first + 5, candidate.nameSimilarity());
        statement.setLong(first + 6, candidate.matched());
        statement.setLong(first + 7, candidate.distinctValues());
        statement.setString(first + 8, candidate.evidence());
    }

    private static void upsertScan(Connection connection, LinkFinder.Scan scan, long importId, long identityRun,
                                   long millis) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT OR REPLACE INTO link_scans(raw_table, import_id, identity_run, scanned_at, rows_total, rows_read,
                                                  columns, targets, millis)
                VALUES (?, ?, ?, current_localtimestamp(), ?, ?, ?, ?, ?)""")) {
            statement.setString(1, scan.rawTable());
            statement.setLong(2, importId);
            statement.setLong(3, identityRun);
            statement.setLong(4, scan.rowsTotal());
            statement.setLong(5, scan.rowsRead());
            statement.setInt(6, scan.columns());
            statement.setInt(7, scan.targets());
            statement.setLong(8, millis);
            statement.executeUpdate();
        }
    }

    private static boolean isStale(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT s.import_id < (SELECT coalesce(max(import_id), 0) FROM imports)
                    OR s.identity_run < (SELECT coalesce(max(run_id), 0) FROM identity_runs)
                FROM link_scans s WHERE s.raw_table = ?""")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                return !rs.next() || rs.getBoolean(1);
            }
        }
    }

    /** Whether some column of the table plays no role yet, in its entity mapping or for identity resolution. */
    private static boolean hasUnmappedColumns(Connection connection, String table) throws SQLException {
        Set<String> used = new HashSet<>();
        Mappings.saved(connection, table).ifPresent(m -> used.addAll(m.columns().values()));
        used.addAll(IdentitySources.inForce(connection, table).columns().values());
        return Catalog.columns(connection, table).stream()
                .filter(c -> !c.name().startsWith("_") && LinkFinder.eligible(c.type()))
                .anyMatch(c -> !used.contains(c.name()));
    }

    // ---- reading ----

    /**
     * The suggestions of one table (null: of every table): drafts that would still change something, best
     * first, then (with {@code decided}) the approved and rejected ones, latest first.
     */
    public List<Suggestion> list(String rawTable, boolean decided) {
        try (Connection connection = workspace.connect()) {
            return list(connection, rawTable, decided);
        } catch (SQLException e) {
            throw new C360Exception("Reading the suggested links failed: " + e.getMessage(), e);
        }
    }

    /** Drafts waiting per raw table (those that would still change something). */
    public Map<String, Integer> pending() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Suggestion suggestion : list(null, false)) {
            counts.merge(suggestion.rawTable(), 1, Integer::sum);
        }
        return counts;
    }

    /** One suggestion by id. */
    public Suggestion get(long id) {
        try (Connection connection = workspace.connect()) {
            return find(connection, id);
        } catch (SQLException e) {
            throw new C360Exception("Reading the suggested links failed: " + e.getMessage(), e);
        }
    }

    private List<Suggestion> list(Connection connection, String rawTable, boolean decided) throws SQLException {
        List<Suggestion> drafts = new ArrayList<>();
        List<Suggestion> decisions = new ArrayList<>();
        Map<String, Set<String>> columns = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(SELECT
                + " WHERE (? IS NULL OR raw_table = ?) ORDER BY raw_table, score DESC, source_column, link")) {
            statement.setString(1, rawTable);
            statement.setString(2, rawTable);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Suggestion stored = read(rs);
                    if (stored.status() == Suggestion.Status.DRAFT) {
                        Set<String> present = columns.computeIfAbsent(stored.rawTable(), t -> columnsOf(connection, t));
                        if (!present.contains(stored.column())) {
                            continue;
                        }
                        Plan now = plan(connection, stored.rawTable(), stored.column(), stored.link());
                        if (!now.isEmpty()) {
                            drafts.add(withPlan(stored, now));
                        }
                    } else if (decided) {
                        decisions.add(stored);
                    }
                }
            }
        }
        decisions.sort((a, b) -> b.decidedAt().compareTo(a.decidedAt()));
        drafts.addAll(decisions);
        return drafts;
    }

    private Set<String> columnsOf(Connection connection, String table) {
        try {
            Set<String> names = new HashSet<>();
            Catalog.columns(connection, table).forEach(c -> names.add(c.name()));
            return names;
        } catch (SQLException e) {
            throw new C360Exception("Reading the columns of " + table + " failed: " + e.getMessage(), e);
        }
    }

    private static final String SELECT = """
            SELECT suggestion_id, raw_table, source_column, link, target, score, containment, name_similarity, matched,
                   distinct_values, evidence, status, entity_column, identity_role, suggested_at, decided_by, decided_at
            FROM link_suggestions""";

    private static Suggestion read(ResultSet rs) throws SQLException {
        String role = rs.getString(14);
        Plan stored = new Plan(rs.getString(3), rs.getString(13), null, role == null ? null : IdentityRole.valueOf(role), null);
        Timestamp decided = rs.getTimestamp(17);
        return new Suggestion(rs.getLong(1), rs.getString(2), rs.getString(3), Link.valueOf(rs.getString(4)),
                rs.getString(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), rs.getLong(9), rs.getLong(10),
                rs.getString(11), Suggestion.Status.valueOf(rs.getString(12).toUpperCase(java.util.Locale.ROOT)), stored,
                rs.getTimestamp(15).toLocalDateTime(), rs.getString(16), decided == null ? null : decided.toLocalDateTime());
    }

    private static Suggestion withPlan(Suggestion s, Plan plan) {
        return new Suggestion(s.id(), s.rawTable(), s.column(), s.link(), s.target(), s.score(), s.containment(),
                s.nameSimilarity(), s.matched(), s.distinctValues(), s.evidence(), s.status(), plan, s.suggestedAt(),
                s.decidedBy(), s.decidedAt());
    }

    private static Suggestion find(Connection connection, long id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SELECT + " WHERE suggestion_id = ?")) {
            statement.setLong(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw new C360Exception("There is no suggested link #" + id + ".");
                }
                return read(rs);
            }
        }
    }

    // ---- deciding ----

    /**
     * Applies a draft: maps the column to the link's canonical column in the table's mapping (saved as
     * confirmed, entities rebuilt) and gives it the link's identity role, all in one transaction with the
     * decision. {@code who} is recorded.
     */
    public Approval approve(long id, String who, Progress progress) {
        return locked(() -> {
            try (Connection connection = workspace.connect()) {
                connection.setAutoCommit(false);
                try {
                    Suggestion suggestion = draft(connection, id, "approved");
                    if (!columnsOf(connection, suggestion.rawTable()).contains(suggestion.column())) {
                        throw new C360Exception(suggestion.rawTable() + " has no column '" + suggestion.column()
                                + "' any more; look for links again.");
                    }
                    Plan plan = plan(connection, suggestion.rawTable(), suggestion.column(), suggestion.link());
                    Map<Entity, Long> rebuilt = Map.of();
                    if (plan.entityColumn() != null) {
                        TableMapping mapping = Mappings.saved(connection, suggestion.rawTable()).orElseThrow();
                        String field = plan.entityColumn().substring(plan.entityColumn().indexOf('.') + 1);
                        rebuilt = Mappings.save(connection, mapping.withColumn(field, suggestion.column()), progress);
                    }
                    if (plan.identityRole() != null) {
                        IdentitySource source = IdentitySources.inForce(connection, suggestion.rawTable());
                        for (Map.Entry<IdentityRole, String> role : source.columns().entrySet()) {
                            if (role.getValue().equals(suggestion.column())) {
                                source = source.with(role.getKey(), null); // one role per column
                            }
                        }
                        IdentitySources.save(connection, source.with(plan.identityRole(), suggestion.column()));
                    }
                    decide(connection, id, "approved", who, plan);
                    progress.throwIfCancelled();
                    connection.commit();
                    return new Approval(find(connection, id), plan, rebuilt);
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                throw failure("Approving link #" + id, e, progress);
            }
        });
    }

    /** Rejects a draft: it changes nothing and is not proposed again. */
    public Suggestion reject(long id, String who) {
        return locked(() -> {
            try (Connection connection = workspace.connect()) {
                Suggestion suggestion = draft(connection, id, "rejected");
                decide(connection, id, "rejected", who, suggestion.plan());
                return find(connection, id);
            } catch (SQLException e) {
                throw new C360Exception("Rejecting link #" + id + " failed: " + e.getMessage(), e);
            }
        });
    }

    private static Suggestion draft(Connection connection, long id, String decision) throws SQLException {
        Suggestion suggestion = find(connection, id);
        if (suggestion.status() != Suggestion.Status.DRAFT) {
            throw new C360Exception("Suggested link #" + id + " was " + suggestion.status().label() + " already"
                    + (suggestion.decidedAt() == null ? "" : " on " + suggestion.decidedAt().toLocalDate())
                    + "; it cannot be " + decision + " now.");
        }
        return suggestion;
    }

    private static void decide(Connection connection, long id, String status, String who, Plan plan) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE link_suggestions SET status = ?, decided_by = ?, decided_at = current_localtimestamp(),
                    entity_column = ?, identity_role = ?
                WHERE suggestion_id = ?""")) {
            update.setString(1, status);
            update.setString(2, who);
            update.setString(3, plan.entityColumn());
            update.setString(4, plan.identityRole() == null ? null : plan.identityRole().name());
            update.setLong(5, id);
            update.executeUpdate();
        }
    }

    /** What approving a link of {@code column} would change now, against the table's mapping and roles. */
    static Plan plan(Connection connection, String table, String column, Link link) throws SQLException {
        Optional<TableMapping> mapping = Mappings.saved(connection, table);
        String entityColumn = null;
        String replaced = null;
        if (mapping.isPresent()) {
            Optional<String> field = link.field(mapping.get().entity());
            if (field.isPresent() && !mapping.get().source(field.get()).map(column::equals).orElse(false)) {
                entityColumn = mapping.get().entity().table() + "." + field.get();
                replaced = mapping.get().source(field.get()).orElse(null);
            }
        }
        IdentityRole role = null;
        String replacedRole = null;
        boolean products = mapping.map(m -> m.entity() == Entity.PRODUCTS).orElse(false);
        if (link.identityRole().isPresent() && !products) {
            IdentitySource roles = IdentitySources.inForce(connection, table);
            Optional<String> now = roles.column(link.identityRole().get());
            if (!now.map(column::equals).orElse(false)) {
                role = link.identityRole().get();
                replacedRole = now.orElse(null);
            }
        }
        return new Plan(column, entityColumn, replaced, role, replacedRole);
    }

    // ---- plumbing ----

    private interface Locked<T> {
        T run();
    }

    private <T> T locked(Locked<T> work) {
        ReentrantLock lock = LOCKS.computeIfAbsent(workspace.file(), f -> new ReentrantLock());
        lock.lock();
        try {
            return work.run();
        } finally {
            lock.unlock();
        }
    }

    private static RuntimeException failure(String what, SQLException e, Progress progress) {
        if (progress.isCancelled()) {
            return new CancelledException();
        }
        return new C360Exception(what + " failed: " + e.getMessage(), e);
    }

    private static List<String> rawTables(Connection connection) throws SQLException {
        return Catalog.rawTables(connection);
    }

    /** The raw tables of the workspace, in name order. */
    public List<String> rawTables() {
        try (Connection connection = workspace.connect()) {
            return rawTables(connection);
        } catch (SQLException e) {
            throw new C360Exception("Reading the workspace catalog failed: " + e.getMessage(), e);
        }
    }

    private static long scalar(Connection connection, String sql) throws SQLException {
        return Statements.scalar(connection, sql);
    }
}
