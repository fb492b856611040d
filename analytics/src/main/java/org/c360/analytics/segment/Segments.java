package org.c360.analytics.segment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.c360.analytics.query.ResultTable;
import org.c360.analytics.sql.Sql;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.work.CancelledException;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;

/**
 * The segment builder's engine: compile an expression, count and preview its people, and keep named
 * segments in the workspace ({@code segments}, {@code segment_members}, {@code segment_history}) with their
 * size over time and how they overlap. Every statement is cancellable through its {@link Progress}, so a
 * count the user typed past can be stopped mid-query.
 */
public final class Segments {

    /** The columns a preview shows unless asked for others (those the profiles have). */
    public static final List<String> DEFAULT_COLUMNS = List.of("customer360_id", "full_name", "primary_email", "primary_phone",
            "country", "lifecycle_status", "opt_in_status", "orders_count", "total_revenue", "last_seen_at");
    /** The consent field: people whose value is this are left out of exports unless asked. */
    public static final String OPTED_OUT = "opted_out";

    private final Workspace workspace;

    public Segments(Workspace workspace) {
        this.workspace = workspace;
    }

    public Workspace workspace() {
        return workspace;
    }

    /** Whether there are profiles to build segments on. */
    public boolean available() {
        return workspace.catalog().exists(SegmentCompiler.PROFILES);
    }

    /** Checks and compiles an expression; {@link ExpressionException} says where it is wrong. */
    public CompiledSegment compile(String expression) {
        try (Connection connection = workspace.connect()) {
            return new SegmentCompiler(connection).compile(expression);
        } catch (SQLException e) {
            throw failure("Reading the profile fields", e);
        }
    }

    /** Profile fields and their DuckDB types, for the builder's field lists. */
    public Map<String, String> profileFields() {
        try (Connection connection = workspace.connect()) {
            return new SegmentCompiler(connection).profileColumns();
        } catch (SQLException e) {
            throw failure("Reading the profile fields", e);
        }
    }

    /** The related records this workspace has, each with the fields a condition on it may use. */
    public Map<Relation, Map<String, String>> relations() {
        Map<Relation, Map<String, String>> available = new LinkedHashMap<>();
        try (Connection connection = workspace.connect()) {
            for (Relation relation : Relations.ALL) {
                relation.rows().in(connection).ifPresent(source -> {
                    Map<String, String> fields = new LinkedHashMap<>();
                    source.columns().forEach(c -> fields.put(c.name(), c.type()));
                    available.put(relation, fields);
                });
            }
        } catch (SQLException e) {
            throw failure("Reading the related records", e);
        }
        return available;
    }

    /**
     * Makes related-record conditions fast: copies each kind of related record with its person found (for
     * those whose copy is missing or out of date after an import or a resolution). Returns the names of the
     * relations it built. {@code only}, when not null, limits it to the relations an expression uses.
     */
    public List<String> prepare(String only, Progress progress) {
        List<String> built = new ArrayList<>();
        List<Relation> wanted = new ArrayList<>(Relations.ALL);
        if (only != null) {
            Expression tree = ExpressionParser.parse(only);
            List<String> used = new ArrayList<>();
            collectRelations(tree, used);
            wanted.removeIf(r -> used.stream().noneMatch(r::isNamed));
        }
        try (Connection connection = workspace.connect()) {
            for (Relation relation : wanted) {
                connection.setAutoCommit(false);
                try {
                    if (RelationCache.prepare(connection, relation, progress)) {
                        built.add(relation.name());
                    }
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw cancelledOr(progress, "Preparing related records", e);
        }
        return built;
    }

    private static void collectRelations(Expression node, List<String> into) {
        switch (node) {
            case Expression.Has has -> into.add(has.relation());
            case Expression.And and -> and.parts().forEach(p -> collectRelations(p, into));
            case Expression.Or or -> or.parts().forEach(p -> collectRelations(p, into));
            case Expression.Not not -> collectRelations(not.part(), into);
            default -> { }
        }
    }

    /** How many people the expression selects, and how long counting took. */
    public record Count(long people, long optedOut, long millis) {
    }

    /** Counts the segment's people and, of them, those who opted out (one pass). */
    public Count count(String expression, Progress progress) {
        long start = System.nanoTime();
        try (Connection connection = workspace.connect()) {
            CompiledSegment segment = new SegmentCompiler(connection).compile(expression);
            String sql = "SELECT count(*), count(*) FILTER (WHERE p.opt_in_status = '" + OPTED_OUT + "') FROM "
                    + SegmentCompiler.PROFILES + " p WHERE " + segment.where();
            try (PreparedStatement statement = connection.prepareStatement(sql);
                 Progress.Registration ignored = progress.cancels(statement)) {
                segment.bind(statement, 1);
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    return new Count(rs.getLong(1), rs.getLong(2), (System.nanoTime() - start) / 1_000_000);
                }
            }
        } catch (SQLException e) {
            throw cancelledOr(progress, "Counting the segment", e);
        }
    }

    /** The first {@code limit} people of the segment (by id), with {@code columns} (null: the default ones). */
    public ResultTable preview(String expression, List<String> columns, int limit, Progress progress) {
        long start = System.nanoTime();
        try (Connection connection = workspace.connect()) {
            SegmentCompiler compiler = new SegmentCompiler(connection);
            CompiledSegment segment = compiler.compile(expression);
            List<String> chosen = columns(compiler, columns);
            String sql = "SELECT " + String.join(", ", chosen.stream().map(c -> "p." + Sql.ident(c)).toList()) + " FROM "
                    + SegmentCompiler.PROFILES + " p WHERE " + segment.where() + " ORDER BY p.customer360_id LIMIT " + Math.max(0, limit);
            try (PreparedStatement statement = connection.prepareStatement(sql);
                 Progress.Registration ignored = progress.cancels(statement)) {
                segment.bind(statement, 1);
                try (ResultSet rs = statement.executeQuery()) {
                    return read(rs, start);
                }
            }
        } catch (SQLException e) {
            throw cancelledOr(progress, "Previewing the segment", e);
        }
    }

    /** The profile columns asked for, checked (an unknown one is named with the closest known one). */
    static List<String> columns(SegmentCompiler compiler, List<String> asked) {
        Map<String, String> known = compiler.profileColumns();
        if (asked == null || asked.isEmpty()) {
            return DEFAULT_COLUMNS.stream().filter(known::containsKey).toList();
        }
        List<String> chosen = new ArrayList<>();
        for (String column : asked) {
            String c = column.strip().toLowerCase(Locale.ROOT);
            if (!known.containsKey(c)) {
                String closest = SegmentCompiler.closest(c, known.keySet());
                throw new C360Exception("Unknown profile column '" + column.strip() + "'"
                        + (closest == null ? "" : " (did you mean '" + closest + "'?)") + ".");
            }
            chosen.add(c);
        }
        return chosen;
    }

    // ---- saved segments

    public List<SavedSegment> list() {
        List<SavedSegment> saved = new ArrayList<>();
        try (Connection connection = workspace.connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT segment_id, name, expression, created_at, refreshed_at, size FROM segments ORDER BY lower(name)");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                saved.add(saved(rs));
            }
        } catch (SQLException e) {
            throw failure("Reading the saved segments", e);
        }
        return saved;
    }

    public Optional<SavedSegment> get(String name) {
        try (Connection connection = workspace.connect()) {
            return get(connection, name);
        } catch (SQLException e) {
            throw failure("Reading segment '" + name + "'", e);
        }
    }

    private static Optional<SavedSegment> get(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT segment_id, name, expression, created_at, refreshed_at, size FROM segments WHERE name = ?")) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(saved(rs)) : Optional.empty();
            }
        }
    }

    private SavedSegment require(Connection connection, String name) throws SQLException {
        Optional<SavedSegment> segment = get(connection, name);
        if (segment.isEmpty()) {
            throw new C360Exception("No saved segment named '" + name + "'" + closestSaved(connection, name) + ".");
        }
        return segment.get();
    }

    private static String closestSaved(Connection connection, String name) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT name FROM segments");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        if (names.isEmpty()) {
            return " (none is saved yet)";
        }
        String closest = SegmentCompiler.closest(name, names);
        return closest == null ? " (saved: " + String.join(", ", names) + ")" : " (did you mean '" + closest + "'?)";
    }

    /**
     * Saves the expression under {@code name} (replacing the expression of a segment of that name) and
     * computes its members; the size goes into its history.
     */
    public SavedSegment save(String name, String expression, Progress progress) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty()) {
            throw new C360Exception("A saved segment needs a name.");
        }
        compile(expression); // a wrong expression is reported before anything is written
        try (Connection connection = workspace.connect()) {
            connection.setAutoCommit(false);
            try {
                Optional<SavedSegment> existing = get(connection, clean);
                if (existing.isEmpty()) {
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO segments(segment_id, name, expression,"
                            + " created_at) VALUES (nextval('segment_id_seq'), ?, ?, current_localtimestamp())")) {
                        insert.setString(1, clean);
                        insert.setString(2, expression);
                        insert.executeUpdate();
                    }
                } else {
                    try (PreparedStatement update = connection.prepareStatement("UPDATE segments SET expression = ? WHERE segment_id = ?")) {
                        update.setString(1, expression);
                        update.setLong(2, existing.get().id());
                        update.executeUpdate();
                    }
                }
                SavedSegment saved = refresh(connection, require(connection, clean), progress);
                connection.commit();
                return saved;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw cancelledOr(progress, "Saving segment '" + clean + "'", e);
        }
    }

    /** Recomputes a saved segment's members from its expression, in one transaction. */
    public SavedSegment refresh(String name, Progress progress) {
        try (Connection connection = workspace.connect()) {
            connection.setAutoCommit(false);
            try {
                SavedSegment saved = refresh(connection, require(connection, name), progress);
                connection.commit();
                return saved;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw cancelledOr(progress, "Refreshing segment '" + name + "'", e);
        }
    }

    private SavedSegment refresh(Connection connection, SavedSegment segment, Progress progress) throws SQLException {
        long start = System.nanoTime();
        progress.update(-1, "Refreshing segment " + segment.name());
        CompiledSegment compiled = new SegmentCompiler(connection).compile(segment.expression());
        try (PreparedStatement statement = connection.prepareStatement(
                "CREATE OR REPLACE TEMP TABLE c360_segment_new AS " + compiled.membersSql());
             Progress.Registration ignored = progress.cancels(statement)) {
            compiled.bind(statement, 1);
            statement.execute();
        }
        long added;
        long removed;
        long size;
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT (SELECT count(*) FROM c360_segment_new),
                       (SELECT count(*) FROM c360_segment_new n ANTI JOIN (SELECT customer360_id FROM segment_members WHERE segment_id = ?) o USING (customer360_id)),
                       (SELECT count(*) FROM (SELECT customer360_id FROM segment_members WHERE segment_id = ?) o ANTI JOIN c360_segment_new n USING (customer360_id))""")) {
            statement.setLong(1, segment.id());
            statement.setLong(2, segment.id());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                size = rs.getLong(1);
                added = rs.getLong(2);
                removed = rs.getLong(3);
            }
        }
        progress.throwIfCancelled();
        update(connection, "DELETE FROM segment_members WHERE segment_id = ?", segment.id());
        update(connection, "INSERT INTO segment_members SELECT ?, customer360_id FROM c360_segment_new", segment.id());
        long millis = (System.nanoTime() - start) / 1_000_000;
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE segments SET refreshed_at = current_localtimestamp(), size = ? WHERE segment_id = ?")) {
            statement.setLong(1, size);
            statement.setLong(2, segment.id());
            statement.executeUpdate();
        }
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO segment_history VALUES"
                + " (?, current_localtimestamp(), ?, ?, ?, ?, ?)")) {
            statement.setLong(1, segment.id());
            statement.setLong(2, size);
            statement.setLong(3, added);
            statement.setLong(4, removed);
            statement.setString(5, segment.expression());
            statement.setLong(6, millis);
            statement.executeUpdate();
        }
        update(connection, "DROP TABLE IF EXISTS c360_segment_new");
        return require(connection, segment.name());
    }

    /** A saved segment's refreshes, oldest first. */
    public List<SavedSegment.Refresh> history(String name) {
        List<SavedSegment.Refresh> history = new ArrayList<>();
        try (Connection connection = workspace.connect()) {
            SavedSegment segment = require(connection, name);
            try (PreparedStatement statement = connection.prepareStatement("SELECT refreshed_at, size, added, removed, expression,"
                    + " millis FROM segment_history WHERE segment_id = ? ORDER BY refreshed_at, size")) {
                statement.setLong(1, segment.id());
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        history.add(new SavedSegment.Refresh(time(rs.getTimestamp(1)), rs.getLong(2), rs.getLong(3),
                                rs.getLong(4), rs.getString(5), rs.getLong(6)));
                    }
                }
            }
        } catch (SQLException e) {
            throw failure("Reading the history of segment '" + name + "'", e);
        }
        return history;
    }

    public void delete(String name) {
        try (Connection connection = workspace.connect()) {
            connection.setAutoCommit(false);
            SavedSegment segment = require(connection, name);
            update(connection, "DELETE FROM segment_members WHERE segment_id = ?", segment.id());
            update(connection, "DELETE FROM segment_history WHERE segment_id = ?", segment.id());
            update(connection, "DELETE FROM segments WHERE segment_id = ?", segment.id());
            connection.commit();
        } catch (SQLException e) {
            throw failure("Deleting segment '" + name + "'", e);
        }
    }

    /**
     * How the named saved segments intersect, from their members as last refreshed: the people in each exact
     * combination, and in each pair. At most 16 segments (65,536 regions).
     */
    public Overlap overlap(List<String> names, Progress progress) {
        if (names.size() < 2 || names.size() > 16) {
            throw new C360Exception("Overlap compares 2 to 16 saved segments, not " + names.size() + ".");
        }
        try (Connection connection = workspace.connect()) {
            List<SavedSegment> segments = new ArrayList<>();
            for (String name : names) {
                segments.add(require(connection, name));
            }
            StringBuilder bits = new StringBuilder("CASE segment_id");
            for (int i = 0; i < segments.size(); i++) {
                bits.append(" WHEN ? THEN ").append(1 << i);
            }
            bits.append(" END");
            String sql = "SELECT mask, count(*) FROM (SELECT customer360_id, bit_or(" + bits + ") AS mask FROM segment_members"
                    + " WHERE segment_id IN (" + String.join(", ", segments.stream().map(s -> "?").toList()) + ")"
                    + " GROUP BY customer360_id) GROUP BY mask ORDER BY mask";
            List<Overlap.Region> regions = new ArrayList<>();
            long[][] pairs = new long[segments.size()][segments.size()];
            try (PreparedStatement statement = connection.prepareStatement(sql);
                 Progress.Registration ignored = progress.cancels(statement)) {
                int p = 1;
                for (SavedSegment s : segments) {
                    statement.setLong(p++, s.id());
                }
                for (SavedSegment s : segments) {
                    statement.setLong(p++, s.id());
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        int mask = rs.getInt(1);
                        long people = rs.getLong(2);
                        List<String> in = new ArrayList<>();
                        for (int i = 0; i < segments.size(); i++) {
                            if ((mask & (1 << i)) != 0) {
                                in.add(segments.get(i).name());
                                for (int j = 0; j < segments.size(); j++) {
                                    if ((mask & (1 << j)) != 0) {
                                        pairs[i][j] += people;
                                    }
                                }
                            }
                        }
                        regions.add(new Overlap.Region(mask, in, people));
                    }
                }
            }
            return new Overlap(segments.stream().map(SavedSegment::name).toList(), regions, pairs);
        } catch (SQLException e) {
            throw cancelledOr(progress, "Comparing segments", e);
        }
    }

    // ---- helpers

    private static void update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    private static SavedSegment saved(ResultSet rs) throws SQLException {
        return new SavedSegment(rs.getLong(1), rs.getString(2), rs.getString(3), time(rs.getTimestamp(4)),
                time(rs.getTimestamp(5)), rs.getLong(6));
    }

    private static LocalDateTime time(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toLocalDateTime();
    }

    static ResultTable read(ResultSet rs, long start) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            names.add(meta.getColumnLabel(i));
            types.add(meta.getColumnTypeName(i));
        }
        List<Object[]> rows = new ArrayList<>();
        while (rs.next()) {
            Object[] row = new Object[names.size()];
            for (int i = 0; i < row.length; i++) {
                Object value = rs.getObject(i + 1);
                row[i] = value instanceof java.sql.Array array ? List.of((Object[]) array.getArray()).toString()
                        : value instanceof java.sql.Struct struct ? struct.toString() : value;
            }
            rows.add(row);
        }
        return new ResultTable(names, types, rows, false, (System.nanoTime() - start) / 1_000_000);
    }

    private static C360Exception failure(String what, SQLException e) {
        return new C360Exception(what + " failed: " + e.getMessage(), e);
    }

    private static C360Exception cancelledOr(Progress progress, String what, SQLException e) {
        if (progress.isCancelled()) {
            return new CancelledException();
        }
        return failure(what, e);
    }
}
