package org.c360.analytics.link;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.c360.analytics.entity.Entity;
import org.c360.analytics.entity.Field;
import org.c360.analytics.identity.IdentityRole;
import org.c360.analytics.identity.IdentitySource;
import org.c360.analytics.identity.IdentitySources;
import org.c360.analytics.mapping.Mappings;
import org.c360.analytics.mapping.TableMapping;
import org.c360.analytics.sql.Sql;
import org.c360.analytics.sql.Statements;
import org.c360.analytics.standardize.EmailRule;
import org.c360.analytics.standardize.IdRule;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Catalog;
import org.c360.analytics.workspace.Catalog.ColumnInfo;

/**
 * Finds which columns of raw tables join to keys and identifiers the workspace already knows, by value
 * overlap and by name. It only reads: what it finds becomes drafts in {@link LinkSuggestions}.
 *
 * <p>For each column, its distinct values (all of them, or a sample: see {@link LinkOptions}) are standardised
 * the way each kind of value is compared (ids with {@link IdRule}, e-mail addresses with {@link EmailRule},
 * phone numbers to E.164) and looked up in every <em>target</em>: the keys of the canonical entities
 * ({@code customers.customer_id}, {@code products.product_id}, ...), the customers' e-mail addresses and phones,
 * the identifiers of {@code identity_records} when resolution has run, and the identifier columns of other
 * raw tables that describe people. A table's own rows never count as evidence for it.
 *
 * <p>Per column and kind of link the <em>containment</em> c is the share of its distinct values found. For
 * whole numbers looked up among whole-number ids, finding them proves little when the ids are dense (any number
 * in 1..100,000 is "found" among 100,000 customer ids): the chance d that one of the column's numbers is found
 * at random (the ids' density times the share of the column's numbers inside their range) only counts as far as
 * the column is spread like the ids: {@code value = c * ((1 - d) + d * alike)}, where alike is 1 while the
 * Kolmogorov-Smirnov distance of the two distributions (measured at the ids' deciles) is within what sampling
 * explains, and falls by twice the excess. A column of small counts bunched at 1..9 is not spread like customer
 * ids, a column of customer ids is. Ids written differently from the target's
 * ({@code 42} against {@code CRM-0000042}) meet only because standardisation drops prefixes and zeros; unless
 * the column's name says it is that kind of id, such a match counts a quarter. The name n
 * ({@link NameSimilarity}) then scales it: {@code score = value * (0.6 + 0.4 * n)}, so values decide and the
 * name ranks.
 *
 * <p>Sampling: a table of up to {@link LinkOptions#maxRowsRead()} rows is read whole; a larger one every k-th
 * row by {@code _source_row} (about that many rows, spread over the whole file). Of the distinct values read,
 * each column compares at most {@link LinkOptions#sampleValues()}: those with the lowest hash, a uniform and
 * repeatable sample of them; phone numbers, which are read with libphonenumber, at most
 * {@link LinkOptions#phoneValues()} of those. Below these limits the counts in the evidence are exact.
 *
 * <p>Cost: one pass over each column of the table (or every k-th row of it), one pass over each target (its
 * text values standardised only where a cheap key meets a sampled value), and joins of the sample.
 */
public final class LinkFinder {

    /** A proposed link of one column, with its evidence. */
    public record Candidate(String rawTable, String column, Link link, String target, double score,
                            double containment, double nameSimilarity, long matched, long distinctValues,
                            String evidence) {
    }

    /** What was read of one table and what it links to. */
    public record Scan(String rawTable, long rowsTotal, long rowsRead, int columns, int targets,
                       List<Candidate> candidates) {
    }

    /** Where a target's values come from. */
    enum Origin { ENTITY, IDENTITY, SOURCE }

    /**
     * One column that holds a target's values: of a raw table feeding an entity, of {@code identity_records},
     * or of another raw table. {@code source} is the SQL of the raw table each row comes from, so a table's
     * own rows can be left out; {@code standardised} when the values are in standard form already.
     */
    record Part(String table, String column, String type, String source, boolean standardised, String countryColumn) {

        /** Whole-number ids: compared as numbers, no text standardisation needed. */
        boolean integer() {
            return !standardised && isInteger(type);
        }

        /** UUIDs are in standard form once written as text (DuckDB writes them in lower case). */
        boolean uuid() {
            return "UUID".equalsIgnoreCase(type);
        }

        String text() {
            return "CAST(" + Sql.ident(column) + " AS VARCHAR)";
        }
    }

    /** Known values of one kind, under one label ("customers.customer_id"), from one or more columns. */
    record Target(Link link, String label, Origin origin, List<Part> parts) {
    }

    /** Per-column facts from the sample. */
    private record ColumnStats(String table, String column, long rowsTotal, long rowsRead, long distinct, long sampled,
                               long numeric, long accepted, String form, long phoneLike, long emailRefused) {

        /** Whether every distinct value of the column was compared. */
        boolean exact() {
            return rowsRead == rowsTotal && distinct == sampled;
        }

        boolean numericIds() {
            return accepted > 0 && numeric >= 0.9 * accepted;
        }

        boolean looksLikePhones() {
            return phoneLike >= 0.5 * sampled && phoneLike > 0;
        }
    }

    /**
     * How a target's whole-number ids are spread (without the rows of the table being looked at): their range,
     * how many there are, and their deciles.
     */
    private record Spread(long min, long max, long distinct, long[] deciles) {
    }

    private static final String SAMPLE = "c360_link_sample";
    private static final String VALUES = "c360_link_values";
    private static final String HITS = "c360_link_hits";
    private static final String TARGET = "c360_link_target";
    /**
     * How an id is written: "#" for a plain number, its letter prefix for a prefixed number ("crm" for
     * CRM-0000042), empty for anything else.
     */
    private static final String FORM = "CASE WHEN regexp_full_match(lower(trim(%1$s)), '-?[0-9]+(\\.0)?') THEN '#'"
            + " ELSE regexp_extract(lower(trim(%1$s)), '^([a-z]{1,8})[-_ #:]?[0-9]+$', 1) END";
    private static final String PHONE_SHAPE = "'^[+(]?[0-9][0-9 ()./-]{5,24}$'";
    /** Dates look like phone numbers to {@link #PHONE_SHAPE}: 1985-03-12, 12.03.1985, 03/12/1985. */
    private static final String DATE_SHAPE = "'[0-9]{4}[-./][0-9]{1,2}[-./][0-9]{1,2}|[0-9]{1,2}[-./][0-9]{1,2}[-./][0-9]{4}'";
    private static final Set<String> SKIPPED_TYPES = Set.of("BOOLEAN", "DATE", "TIME", "INTERVAL", "BLOB", "BIT");

    private final Connection connection;
    private final LinkOptions options;
    private final Progress progress;
    /** Per id target, SQL of (src, num) over all its whole-number ids. */
    private final Map<String, String> spreadSql = new HashMap<>();
    /** Spreads measured, by target and table (null: the target has no whole-number ids). */
    private final Map<String, Spread> spreads = new HashMap<>();

    /** @param connection used for temporary tables only; the caller closes it */
    public LinkFinder(Connection connection, LinkOptions options, Progress progress) {
        this.connection = connection;
        this.options = options;
        this.progress = progress;
    }

    /** The candidate links of each table's columns, best first. */
    public List<Scan> find(List<String> tables) throws SQLException {
        try {
            execute("CREATE OR REPLACE TEMP TABLE " + SAMPLE + " (tbl VARCHAR, col VARCHAR, raw VARCHAR, total BIGINT)");
            Map<String, long[]> rows = new LinkedHashMap<>();
            Map<String, List<String>> columnsOf = new LinkedHashMap<>();
            for (int i = 0; i < tables.size(); i++) {
                String table = tables.get(i);
                progress.update(0.4 * i / tables.size(), "Sampling the columns of " + table);
                List<ColumnInfo> columns = eligibleColumns(table);
                columnsOf.put(table, columns.stream().map(ColumnInfo::name).toList());
                rows.put(table, sample(table, columns));
            }
            long start = System.nanoTime();
            standardiseSample();
            Map<String, Map<String, ColumnStats>> stats = columnStats(rows);
            Statements.log("links: standardised the sample", start);

            start = System.nanoTime();
            List<Target> targets = targets();
            Statements.log("links: " + targets.size() + " targets", start);
            execute("CREATE OR REPLACE TEMP TABLE " + HITS + " (tbl VARCHAR, col VARCHAR, link VARCHAR, target VARCHAR, raw VARCHAR)");
            Map<String, String> forms = new HashMap<>();
            for (int i = 0; i < targets.size(); i++) {
                Target target = targets.get(i);
                progress.update(0.45 + 0.5 * i / Math.max(1, targets.size()), "Looking up values in " + target.label());
                switch (target.link().standard()) {
                    case ID -> {
                        start = System.nanoTime();
                        lookUpIds(target);
                        form(target).ifPresent(f -> forms.put(target.label(), f));
                        Statements.log("links: looked up ids in " + target.label(), start);
                    }
                    case EMAIL -> {
                        start = System.nanoTime();
                        lookUpEmails(target);
                        Statements.log("links: looked up e-mails in " + target.label(), start);
                    }
                    case PHONE -> { } // below, all at once
                }
            }
            start = System.nanoTime();
            lookUpPhones(targets.stream().filter(t -> t.link().standard() == Link.Standard.PHONE).toList(), stats);
            Statements.log("links: looked up phones", start);
            progress.update(0.95, "Ranking the links");
            start = System.nanoTime();
            List<Scan> scans = new ArrayList<>();
            for (String table : tables) {
                List<Candidate> candidates = rank(table, stats.getOrDefault(table, Map.of()), targets, forms);
                long[] counts = rows.get(table);
                scans.add(new Scan(table, counts[0], counts[1], columnsOf.get(table).size(), targets.size(), candidates));
            }
            Statements.log("links: ranked", start);
            return scans;
        } finally {
            for (String temp : List.of(SAMPLE, VALUES, HITS, TARGET, "c360_link_suffixes")) {
                try (var statement = connection.createStatement()) {
                    statement.execute("DROP TABLE IF EXISTS " + temp);
                } catch (SQLException ignored) {
                    // temporary tables go with the connection anyway
                }
            }
        }
    }

    // ---- the columns of the new table ----

    private List<ColumnInfo> eligibleColumns(String table) throws SQLException {
        return Catalog.columns(connection, table).stream()
                .filter(c -> !c.name().startsWith("_"))
                .filter(c -> eligible(c.type()))
                .toList();
    }

    /** Types that can hold an identifier: text, numbers, UUIDs (not dates, flags or nested records). */
    static boolean eligible(String type) {
        String t = type.toUpperCase(Locale.ROOT);
        return !SKIPPED_TYPES.contains(t) && !t.startsWith("TIMESTAMP") && !t.startsWith("TIME ")
                && !t.contains("[") && !t.startsWith("STRUCT") && !t.startsWith("MAP") && !t.startsWith("UNION");
    }

    /**
     * Fills the sample with each column's distinct values (up to {@code sampleValues}, those with the lowest
     * hash). Returns {rows in the table, rows read}.
     */
    private long[] sample(String table, List<ColumnInfo> columns) throws SQLException {
        long start = System.nanoTime();
        long total = scalar("SELECT count(*) FROM " + Sql.ident(table));
        long step = Math.max(1, (total + options.maxRowsRead() - 1) / options.maxRowsRead());
        boolean lineage = Catalog.columns(connection, table).stream().anyMatch(c -> c.name().equals("_source_row"));
        String from = Sql.ident(table);
        long read = total;
        if (step > 1) {
            from = lineage ? "(SELECT * FROM " + Sql.ident(table) + " WHERE _source_row % " + step + " = 0)"
                    : "(SELECT * FROM " + Sql.ident(table) + " USING SAMPLE reservoir(" + options.maxRowsRead() + " ROWS) REPEATABLE (1))";
            read = lineage ? scalar("SELECT count(*) FROM " + from + " s") : Math.min(total, options.maxRowsRead());
        }
        for (ColumnInfo column : columns) {
            progress.throwIfCancelled();
            String value = "trim(CAST(" + Sql.ident(column.name()) + " AS VARCHAR))";
            execute("INSERT INTO " + SAMPLE + " SELECT " + Sql.literal(table) + ", " + Sql.literal(column.name())
                    + ", raw, total FROM (SELECT raw, count(*) OVER () AS total FROM (SELECT DISTINCT " + value
                    + " AS raw FROM " + from + " s WHERE " + Sql.ident(column.name()) + " IS NOT NULL) WHERE raw <> '')"
                    + " ORDER BY hash(raw), raw LIMIT " + options.sampleValues());
        }
        Statements.log("links: sampled " + columns.size() + " columns of " + table, start);
        return new long[] {total, read};
    }

    /** Every sampled value in each standard form: id, whole number, e-mail, phone suffix, id prefix. */
    private void standardiseSample() throws SQLException {
        String id = IdRule.valueSql("raw");
        execute("CREATE OR REPLACE TEMP TABLE " + VALUES + " AS SELECT tbl, col, raw, total, id_value,"
                + " TRY_CAST(CASE WHEN regexp_full_match(id_value, '-?[0-9]{1,18}') THEN id_value END AS BIGINT) AS num,"
                + " " + EmailRule.valueSql("raw") + " AS email_value,"
                + " contains(raw, '@') AS email_like,"
                + " regexp_full_match(raw, " + PHONE_SHAPE + ") AND length(regexp_replace(raw, '[^0-9]', '', 'g')) BETWEEN 7 AND 15"
                + " AND NOT regexp_full_match(raw, " + DATE_SHAPE + ") AS phone_like,"
                + " right(regexp_replace(raw, '[^0-9]', '', 'g'), 6) AS suffix,"
                + " " + FORM.formatted("raw") + " AS form,"
                + " row_number() OVER (PARTITION BY tbl, col ORDER BY hash(raw), raw) AS hash_rank"
                + " FROM (SELECT *, " + id + " AS id_value FROM " + SAMPLE + ")");
    }

    private Map<String, Map<String, ColumnStats>> columnStats(Map<String, long[]> rows) throws SQLException {
        Map<String, Map<String, ColumnStats>> stats = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT tbl, col, any_value(total), count(*), count(num), count(id_value),
                       CASE WHEN count(*) FILTER (WHERE form = mode_form) * 2 >= count(*) THEN mode_form ELSE '' END,
                       count(*) FILTER (WHERE phone_like), count(*) FILTER (WHERE email_value IS NULL)
                FROM (SELECT *, mode(form) OVER (PARTITION BY tbl, col) AS mode_form FROM %s)
                GROUP BY tbl, col, mode_form""".formatted(VALUES));
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                String table = rs.getString(1);
                long[] counts = rows.get(table);
                stats.computeIfAbsent(table, t -> new LinkedHashMap<>()).put(rs.getString(2), new ColumnStats(table,
                        rs.getString(2), counts[0], counts[1], rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                        rs.getString(7) == null ? "" : rs.getString(7), rs.getLong(8), rs.getLong(9)));
            }
        }
        return stats;
    }

    /** A column named like a country ("country", "ship_country", "CountryCode"), for reading phones. */
    private Optional<String> countryByName(String table) {
        return typesOf(table).keySet().stream().sorted()
                .filter(c -> IdentityRole.COUNTRY.recognises(c) || Field.normalize(c).contains("country")).findFirst();
    }

    // ---- what the workspace knows ----

    /** Every target, in a fixed order: entity keys and contacts, identity records, other raw tables. */
    private List<Target> targets() throws SQLException {
        List<Target> targets = new ArrayList<>();
        List<String> raw = rawTables();
        Map<String, TableMapping> mappings = new LinkedHashMap<>();
        for (String table : raw) {
            Mappings.saved(connection, table).ifPresent(m -> mappings.put(table, m));
        }
        // entity targets are read from the raw tables that feed them, each in its own type: ids that are whole
        // numbers in their source compare as numbers even where the entity holds them as text
        String[][] entityTargets = {
                {"CUSTOMER", "customers", "customer_id"}, {"EMAIL", "customers", "email"},
                {"PHONE", "customers", "phone"}, {"PRODUCT", "products", "product_id"},
                {"ORDER", "transactions", "transaction_id"}, {"TICKET", "support_tickets", "ticket_id"},
                {"SUBSCRIPTION", "subscriptions", "subscription_id"}, {"DEVICE_ID", "web_events", "device_id"},
                {"COOKIE_ID", "web_events", "cookie_id"}};
        for (String[] t : entityTargets) {
            List<Part> parts = new ArrayList<>();
            for (TableMapping mapping : mappings.values()) {
                Optional<String> column = mapping.entity().table().equals(t[1]) ? mapping.source(t[2]) : Optional.empty();
                Map<String, String> types = column.isPresent() ? typesOf(mapping.rawTable()) : Map.of();
                if (column.isPresent() && types.containsKey(column.get())) {
                    parts.add(new Part(mapping.rawTable(), column.get(), types.get(column.get()),
                            Sql.literal(mapping.rawTable()), false, mapping.source("country").orElse(null)));
                }
            }
            if (!parts.isEmpty()) {
                targets.add(new Target(Link.valueOf(t[0]), t[1] + "." + t[2], Origin.ENTITY, parts));
            }
        }
        Map<String, String> records = typesOf("identity_records");
        Set<String> resolved = new HashSet<>();
        if (records.containsKey("source")) {
            for (IdentityRole role : IdentityRole.values()) {
                Optional<Link> link = linkOf(role);
                String column = role.name().toLowerCase(Locale.ROOT);
                if (link.isPresent() && records.containsKey(column)) {
                    targets.add(new Target(link.get(), "identity records (" + role.title() + ")", Origin.IDENTITY,
                            List.of(new Part("identity_records", column, records.get(column), "source", true, null))));
                }
            }
            try (PreparedStatement statement = connection.prepareStatement("SELECT DISTINCT source FROM identity_records");
                 ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    resolved.add(rs.getString(1));
                }
            }
        }
        for (String table : raw) {
            if (resolved.contains(table)) {
                continue; // its identifiers are in identity_records, standardised
            }
            IdentitySource source = IdentitySources.inForce(connection, table);
            if (source.columns().isEmpty() || source.attachesOnly()) {
                continue;
            }
            Map<String, String> columns = typesOf(table);
            for (Map.Entry<IdentityRole, String> role : source.columns().entrySet()) {
                Optional<Link> link = linkOf(role.getKey());
                if (link.isEmpty() || !columns.containsKey(role.getValue())
                        || feedsEntityTarget(table, role.getValue(), link.get(), targets)) {
                    continue;
                }
                targets.add(new Target(link.get(), table + "." + role.getValue(), Origin.SOURCE,
                        List.of(new Part(table, role.getValue(), columns.get(role.getValue()), Sql.literal(table), false,
                                source.column(IdentityRole.COUNTRY).orElse(null)))));
            }
        }
        return targets;
    }

    /** Whether a raw column is already among the values of an entity target of the same link. */
    private static boolean feedsEntityTarget(String table, String column, Link link, List<Target> targets) {
        return targets.stream().filter(t -> t.origin() == Origin.ENTITY && t.link() == link)
                .flatMap(t -> t.parts().stream())
                .anyMatch(p -> p.table().equals(table) && p.column().equals(column));
    }

    static Optional<Link> linkOf(IdentityRole role) {
        return switch (role) {
            case CUSTOMER_ID -> Optional.of(Link.CUSTOMER);
            case CRM_ID -> Optional.of(Link.CRM_ID);
            case LOYALTY_ID -> Optional.of(Link.LOYALTY_ID);
            case NATIONAL_ID -> Optional.of(Link.NATIONAL_ID);
            case EMAIL -> Optional.of(Link.EMAIL);
            case PHONE -> Optional.of(Link.PHONE);
            case DEVICE_ID -> Optional.of(Link.DEVICE_ID);
            case COOKIE_ID -> Optional.of(Link.COOKIE_ID);
            default -> Optional.empty();
        };
    }

    private List<String> rawTables() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'"
                        + " AND starts_with(table_name, 'raw_') ORDER BY 1");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    private Map<String, String> typesOf(String table) {
        try {
            Map<String, String> types = new HashMap<>();
            for (ColumnInfo column : Catalog.columns(connection, table)) {
                types.put(column.name(), column.type());
            }
            return types;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- looking values up ----

    /**
     * Records which sampled values of id standard are found in {@code target}. Whole numbers are compared as
     * numbers. Text ids are standardised ({@link IdRule}) only where they can meet a sampled value: the rule
     * turns an id into its lower-case text or into its trailing digits without zeros, so a row whose lower-case
     * text and trailing digits both miss every sampled value cannot match, and string functions (no regular
     * expressions) find those. Then the spread of the target's whole-number ids is measured for the tables
     * whose numbers were found in it.
     */
    private void lookUpIds(Target target) throws SQLException {
        List<String> numbers = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<String> spreadParts = new ArrayList<>();
        for (Part part : target.parts()) {
            String column = Sql.ident(part.column());
            String rows = "SELECT " + part.source() + " AS src, " + part.text() + " AS raw FROM " + Sql.ident(part.table())
                    + " WHERE " + column + " IS NOT NULL";
            if (part.integer()) {
                String select = "SELECT " + part.source() + " AS src, " + column + " AS num FROM " + Sql.ident(part.table())
                        + " WHERE " + column + " IS NOT NULL AND " + column + " <> 0";
                numbers.add(select);
                spreadParts.add(select);
            } else if (part.standardised() || part.uuid()) {
                texts.add("SELECT DISTINCT src, raw AS value FROM (" + rows + ") WHERE raw IN (SELECT id_value FROM " + VALUES + ")");
                if (part.standardised()) {
                    spreadParts.add("SELECT src, TRY_CAST(raw AS BIGINT) AS num FROM (" + rows + ")");
                }
            } else {
                // every reference to a column of a subquery repeats its expression: keep them flat
                String keyed = "SELECT src, raw, t, nullif(regexp_extract(t, '0*([0-9]+)(\\.0)?$', 1), '') AS numkey FROM"
                        + " (SELECT src, raw, lower(trim(raw)) AS t FROM (" + rows + "))";
                // materialised, so no filter on the standard form is pushed below the DISTINCT to run on every row
                texts.add("(WITH d AS MATERIALIZED (SELECT DISTINCT src, raw FROM (" + keyed + ") WHERE t IN (SELECT id_value FROM "
                        + VALUES + ") OR numkey IN (SELECT id_value FROM " + VALUES + " WHERE num IS NOT NULL)) SELECT src, "
                        + IdRule.valueSql("raw") + " AS value FROM d)");
                // for the spread, the number an id stands for: its digits, when at most a short prefix precedes them
                spreadParts.add("SELECT src, TRY_CAST(numkey AS BIGINT) AS num FROM (" + keyed + ") WHERE numkey IS NOT NULL"
                        + " AND regexp_full_match(t, '([a-z]{1,8}[-_ #:]?)?[0-9]+(\\.0)?')");
            }
        }
        if (texts.isEmpty()) {
            texts.add("SELECT CAST(NULL AS VARCHAR) AS src, CAST(NULL AS VARCHAR) AS value WHERE false");
        }
        execute("CREATE OR REPLACE TEMP TABLE " + TARGET + " AS SELECT src, value, TRY_CAST(CASE WHEN regexp_full_match(value, "
                + "'-?[0-9]{1,18}') THEN value END AS BIGINT) AS num FROM (" + String.join(" UNION ALL ", texts) + ")");
        numbers.add("SELECT src, num FROM " + TARGET + " WHERE num IS NOT NULL");
        insertHits(target, "SELECT DISTINCT s.tbl, s.col, s.raw FROM (" + String.join(" UNION ALL ", numbers) + ") t JOIN "
                + VALUES + " s ON s.num = t.num AND s.tbl IS DISTINCT FROM t.src");
        insertHits(target, "SELECT DISTINCT s.tbl, s.col, s.raw FROM " + TARGET + " t JOIN " + VALUES
                + " s ON s.num IS NULL AND s.id_value = t.value AND s.tbl IS DISTINCT FROM t.src");
        if (!spreadParts.isEmpty()) {
            spreadSql.put(target.label(), "(" + String.join(" UNION ALL ", spreadParts) + ")");
        }
    }

    /**
     * How the whole-number ids of a target are spread without the rows of {@code table} (measured once per
     * target and table, when a column's link to it is scored).
     */
    private Optional<Spread> spread(String label, String table) throws SQLException {
        String key = label + '\u0000' + table;
        if (spreads.containsKey(key)) {
            return Optional.ofNullable(spreads.get(key));
        }
        Spread spread = null;
        String values = spreadSql.get(label);
        if (values != null) {
            try (PreparedStatement statement = connection.prepareStatement("SELECT min(num), max(num), approx_count_distinct(num),"
                    + " approx_quantile(num, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) FROM " + values
                    + " v WHERE num IS NOT NULL AND src IS DISTINCT FROM ?")) {
                statement.setString(1, table);
                long start = System.nanoTime();
                try (Progress.Registration ignored = progress.cancels(statement); ResultSet rs = statement.executeQuery()) {
                    if (rs.next() && rs.getObject(1) != null) {
                        Object[] quantiles = (Object[]) rs.getArray(4).getArray();
                        long[] deciles = new long[quantiles.length];
                        for (int i = 0; i < deciles.length; i++) {
                            deciles[i] = ((Number) quantiles[i]).longValue();
                        }
                        spread = new Spread(rs.getLong(1), rs.getLong(2), rs.getLong(3), deciles);
                    }
                }
                Statements.log("links: spread of the ids of " + label, start);
            }
        }
        spreads.put(key, spread);
        return Optional.ofNullable(spread);
    }

    /**
     * Records which sampled addresses are found in {@code target}. Only the target's addresses whose
     * {@link #emailKey key} is a sampled address's key are canonicalised: the key survives case, spaces, +tags,
     * Gmail dots and googlemail.com.
     */
    private void lookUpEmails(Target target) throws SQLException {
        String sampleKeys = "SELECT DISTINCT " + emailKey("email_value") + " FROM " + VALUES + " WHERE email_value IS NOT NULL";
        List<String> parts = new ArrayList<>();
        for (Part part : target.parts()) {
            String value = part.standardised() ? "raw" : EmailRule.valueSql("raw");
            parts.add("(WITH d AS MATERIALIZED (SELECT DISTINCT " + part.source() + " AS src, " + part.text() + " AS raw FROM "
                    + Sql.ident(part.table()) + " WHERE contains(" + part.text() + ", '@') AND "
                    + emailKey("replace(lower(trim(" + part.text() + ", ' ' || chr(9) || chr(10) || chr(13))), 'mailto:', '')")
                    + " IN (" + sampleKeys + ")) SELECT src, " + value + " AS value FROM d)");
        }
        insertHits(target, "SELECT DISTINCT s.tbl, s.col, s.raw FROM (" + String.join(" UNION ALL ", parts) + ") t JOIN "
                + VALUES + " s ON s.email_value = t.value AND s.tbl IS DISTINCT FROM t.src");
    }

    /**
     * The key of a lower-case address: its mailbox up to any +tag, without dots, and its domain with
     * googlemail.com as gmail.com ("johndoe@gmail.com" for "john.doe+x@googlemail.com"). An address and its
     * canonical form have the same key, so comparing keys only drops addresses that cannot match.
     */
    private static String emailKey(String lower) {
        // regexp_extract, not split_part: DuckDB's split_part builds a list per call
        return "replace(regexp_extract(" + lower + ", '^([^@+]*)', 1), '.', '') || '@' || replace(regexp_extract("
                + lower + ", '@([^@]*)$', 1), 'googlemail.com', 'gmail.com')";
    }

    /**
     * Phones are standardised in Java (libphonenumber), each read in its record's country when the record
     * names one. Only numbers that can match are parsed: the target's numbers that end in the same six digits
     * as a sampled number, and the sampled numbers that end like one of those. A million known phones then
     * cost a join, not a million parses.
     */
    private void lookUpPhones(List<Target> targets, Map<String, Map<String, ColumnStats>> stats) throws SQLException {
        List<ColumnStats> columns = stats.values().stream().flatMap(m -> m.values().stream())
                .filter(ColumnStats::looksLikePhones).toList();
        if (columns.isEmpty() || targets.isEmpty()) {
            return;
        }
        long phoneStart = System.nanoTime();
        String suffix = "right(regexp_replace(%s, '[^0-9]', '', 'g'), 6)";
        // a table's own numbers are no evidence for it: with one table looked at, they are not even read
        Set<String> phoneTables = new HashSet<>(columns.stream().map(ColumnStats::table).toList());
        String notOwn = phoneTables.size() == 1 ? " AND %s <> " + Sql.literal(phoneTables.iterator().next()) : "";
        // target -> source table -> numbers, and the suffixes they end in
        Map<Target, Map<String, List<PhoneKeys.Written>>> candidates = new LinkedHashMap<>();
        Map<Target, Set<String>> standardisedSources = new HashMap<>();
        Set<String> suffixes = new HashSet<>();
        for (Target target : targets) {
            for (Part part : target.parts()) {
                String sql = "SELECT DISTINCT " + part.source() + " AS src, trim(" + part.text() + "), "
                        + (part.countryColumn() == null ? "NULL" : "CAST(" + Sql.ident(part.countryColumn()) + " AS VARCHAR)")
                        + ", " + suffix.formatted(part.text()) + " AS suffix FROM " + Sql.ident(part.table()) + " WHERE "
                        + Sql.ident(part.column()) + " IS NOT NULL AND " + suffix.formatted(part.text())
                        + " IN (SELECT suffix FROM " + VALUES + " WHERE phone_like AND hash_rank <= " + options.phoneValues() + ")"
                        + notOwn.formatted(part.source());
                try (PreparedStatement statement = connection.prepareStatement(sql);
                     Progress.Registration ignored = progress.cancels(statement);
                     ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        String source = String.valueOf(rs.getString(1));
                        candidates.computeIfAbsent(target, t -> new HashMap<>()).computeIfAbsent(source, k -> new ArrayList<>())
                                .add(new PhoneKeys.Written(rs.getString(2), rs.getString(3)));
                        suffixes.add(source + '\u0000' + rs.getString(4));
                        if (part.standardised()) {
                            standardisedSources.computeIfAbsent(target, t -> new HashSet<>()).add(source);
                        }
                    }
                }
            }
        }
        Statements.log("links: " + suffixes.size() + " known phone numbers that may match", phoneStart);
        if (suffixes.isEmpty()) {
            return;
        }
        execute("CREATE OR REPLACE TEMP TABLE c360_link_suffixes (src VARCHAR, suffix VARCHAR)");
        List<String[]> rows = new ArrayList<>();
        for (String pair : suffixes) {
            rows.add(new String[] {pair.substring(0, pair.indexOf('\u0000')), pair.substring(pair.indexOf('\u0000') + 1)});
        }
        insertRows("c360_link_suffixes", rows);
        // the sampled numbers that can match, read in their rows' countries: table -> column -> raw -> forms
        Map<String, Map<String, Map<String, Set<String>>>> sampled = new HashMap<>();
        for (ColumnStats column : columns) {
            progress.throwIfCancelled();
            Optional<String> country = IdentitySources.inForce(connection, column.table()).column(IdentityRole.COUNTRY)
                    .or(() -> countryByName(column.table()));
            String value = "trim(CAST(" + Sql.ident(column.column()) + " AS VARCHAR))";
            String sql = "SELECT DISTINCT t.value, t.country FROM (SELECT " + value + " AS value, "
                    + country.map(c -> "CAST(" + Sql.ident(c) + " AS VARCHAR)").orElse("CAST(NULL AS VARCHAR)")
                    + " AS country FROM " + Sql.ident(column.table()) + ") t SEMI JOIN (SELECT v.raw FROM " + VALUES
                    + " v JOIN c360_link_suffixes s ON s.suffix = v.suffix AND s.src <> v.tbl WHERE v.tbl = ? AND v.col = ?"
                    + " AND v.phone_like AND v.hash_rank <= " + options.phoneValues() + ") r ON t.value = r.raw";
            List<PhoneKeys.Written> written = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(sql);
                 Progress.Registration ignored = progress.cancels(statement)) {
                statement.setString(1, column.table());
                statement.setString(2, column.column());
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        written.add(new PhoneKeys.Written(rs.getString(1), rs.getString(2)));
                    }
                }
            }
            sampled.computeIfAbsent(column.table(), t -> new HashMap<>()).put(column.column(), PhoneKeys.standardize(written));
        }
        execute("DROP TABLE c360_link_suffixes");
        Statements.log("links: read the sampled phone numbers", phoneStart);
        List<String[]> hits = new ArrayList<>();
        for (Map.Entry<Target, Map<String, List<PhoneKeys.Written>>> target : candidates.entrySet()) {
                Map<String, Set<String>> known = new HashMap<>();
                Set<String> standardised = standardisedSources.getOrDefault(target.getKey(), Set.of());
                target.getValue().forEach((source, numbers) -> {
                    Set<String> forms = new HashSet<>();
                    if (standardised.contains(source)) {
                        numbers.forEach(n -> forms.add(n.raw()));
                    } else {
                        PhoneKeys.standardize(numbers).values().forEach(forms::addAll);
                    }
                    known.put(source, forms);
                });
                for (Map.Entry<String, Map<String, Map<String, Set<String>>>> table : sampled.entrySet()) {
                    for (Map.Entry<String, Map<String, Set<String>>> column : table.getValue().entrySet()) {
                        for (Map.Entry<String, Set<String>> number : column.getValue().entrySet()) {
                            boolean hit = known.entrySet().stream().anyMatch(k -> !k.getKey().equals(table.getKey())
                                    && number.getValue().stream().anyMatch(k.getValue()::contains));
                            if (hit) {
                                hits.add(new String[] {table.getKey(), column.getKey(), target.getKey().link().name(),
                                        target.getKey().label(), number.getKey()});
                            }
                        }
                    }
                }
        }
        insertRows(HITS, hits);
    }

    /**
     * Inserts rows of text into a temporary table in one statement (a JDBC batch runs one statement per row),
     * as one array per column.
     */
    private void insertRows(String table, List<String[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        int width = rows.getFirst().length;
        StringBuilder sql = new StringBuilder("INSERT INTO " + table + " SELECT ");
        for (int i = 0; i < width; i++) {
            sql.append(i == 0 ? "" : ", ").append("unnest(?)");
        }
        try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < width; i++) {
                Object[] column = new Object[rows.size()];
                for (int r = 0; r < rows.size(); r++) {
                    column[r] = rows.get(r)[i];
                }
                insert.setArray(i + 1, connection.createArrayOf("VARCHAR", column));
            }
            insert.executeUpdate();
        }
    }

    private void insertHits(Target target, String select) throws SQLException {
        execute("INSERT INTO " + HITS + " SELECT tbl, col, " + Sql.literal(target.link().name()) + ", "
                + Sql.literal(target.label()) + ", raw FROM (" + select + ")");
    }

    /**
     * How most of a target's ids are written ("#" plain numbers, "crm" for CRM-0000042): the form of most ids of
     * its largest column, judged on its first 10,000.
     */
    private Optional<String> form(Target target) throws SQLException {
        Part largest = null;
        long most = -1;
        for (Part part : target.parts()) {
            long rows = scalar("SELECT count(" + Sql.ident(part.column()) + ") FROM " + Sql.ident(part.table()));
            if (rows > most) {
                largest = part;
                most = rows;
            }
        }
        if (largest == null || largest.uuid()) {
            return Optional.empty();
        }
        if (largest.integer()) {
            return Optional.of("#");
        }
        // identity records keep the text as written only where standardising changed it
        String raw = largest.standardised() && typesOf(largest.table()).containsKey("raw_" + largest.column())
                ? "coalesce(" + Sql.ident("raw_" + largest.column()) + ", " + Sql.ident(largest.column()) + ")"
                : Sql.ident(largest.column());
        try (PreparedStatement statement = connection.prepareStatement("SELECT f, count(*) / sum(count(*)) OVER () FROM (SELECT "
                + FORM.formatted("CAST(" + raw + " AS VARCHAR)") + " AS f FROM " + Sql.ident(largest.table())
                + " WHERE " + raw + " IS NOT NULL LIMIT 10000) GROUP BY f ORDER BY 2 DESC, 1 LIMIT 1");
             ResultSet rs = statement.executeQuery()) {
            if (rs.next() && !rs.getString(1).isEmpty() && rs.getDouble(2) >= 0.5) {
                return Optional.of(rs.getString(1));
            }
            return Optional.empty();
        }
    }

    // ---- scoring ----

    private List<Candidate> rank(String table, Map<String, ColumnStats> stats, List<Target> targets,
                                 Map<String, String> forms) throws SQLException {
        // column -> link -> target -> matched values; and column -> link -> matched by any target
        Map<String, Map<Link, Map<String, Long>>> byTarget = new HashMap<>();
        Map<String, Map<Link, Long>> byLink = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT col, link, target, count(DISTINCT raw) FROM " + HITS + " WHERE tbl = ? GROUP BY ALL"
                        + " UNION ALL SELECT col, link, NULL, count(DISTINCT raw) FROM " + HITS + " WHERE tbl = ? GROUP BY ALL")) {
            statement.setString(1, table);
            statement.setString(2, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Link link = Link.valueOf(rs.getString(2));
                    if (rs.getString(3) == null) {
                        byLink.computeIfAbsent(rs.getString(1), c -> new EnumMap<>(Link.class)).put(link, rs.getLong(4));
                    } else {
                        byTarget.computeIfAbsent(rs.getString(1), c -> new EnumMap<>(Link.class))
                                .computeIfAbsent(link, l -> new LinkedHashMap<>()).put(rs.getString(3), rs.getLong(4));
                    }
                }
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        for (Map.Entry<String, Map<Link, Long>> column : byLink.entrySet()) {
            ColumnStats stat = stats.get(column.getKey());
            if (stat == null || stat.sampled() < 2) {
                continue;
            }
            for (Map.Entry<Link, Long> hit : column.getValue().entrySet()) {
                Link link = hit.getKey();
                long matched = hit.getValue();
                long compared = link.standard() == Link.Standard.PHONE ? Math.min(options.phoneValues(), stat.sampled())
                        : stat.sampled();
                double containment = matched / (double) compared;
                if (matched < 2 || containment < options.minContainment()) {
                    continue;
                }
                Map<String, Long> perTarget = byTarget.get(column.getKey()).get(link);
                String best = perTarget.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).orElseThrow().getKey();
                List<String> names = new ArrayList<>(link.names());
                targets.stream().filter(t -> perTarget.containsKey(t.label()))
                        .forEach(t -> t.parts().forEach(part -> names.add(part.column())));
                double name = NameSimilarity.of(column.getKey(), names);
                Evidence evidence = new Evidence(stat, matched, compared, perTarget, best);
                double value = containment;
                if (link.standard() == Link.Standard.ID && stat.numericIds()) {
                    Optional<Spread> spread = spread(best, table);
                    if (spread.isPresent()) {
                        value = evidence.chance(containment, spread.get(), cdf(table, column.getKey(), spread.get()));
                    }
                }
                String form = forms.get(best);
                if (link.standard() == Link.Standard.ID && form != null && !stat.form().isEmpty()
                        && !stat.form().equals(form) && name < 0.5) {
                    value *= 0.25;
                    evidence.note("its ids are written like " + example(stat.form()) + ", those of " + best + " like "
                            + example(form) + ": they meet only once prefixes and zeros are dropped");
                }
                double score = value * (0.6 + 0.4 * name);
                if (score < options.minScore()) {
                    continue;
                }
                candidates.add(new Candidate(table, column.getKey(), link, best, round(score), round(containment),
                        round(name), matched, compared, evidence.describe(link, name, nameTarget(column.getKey(), names))));
            }
        }
        candidates.sort(Comparator.comparingDouble(Candidate::score).reversed()
                .thenComparing(Candidate::column).thenComparing(c -> c.link().name()));
        return candidates;
    }

    /** The name the column is most alike, for the evidence. */
    private static String nameTarget(String column, List<String> names) {
        String best = "";
        double bestSimilarity = -1;
        for (String name : names) {
            double similarity = NameSimilarity.of(column, name);
            if (similarity > bestSimilarity) {
                best = name;
                bestSimilarity = similarity;
            }
        }
        return best;
    }

    /**
     * The share of the column's sampled numbers at or below the target's minimum - 1, each decile, and its
     * maximum: the column's distribution where the target's is 0, 0.1, ..., 0.9, 1.
     */
    private Cdf cdf(String table, String column, Spread spread) throws SQLException {
        List<Long> points = new ArrayList<>();
        points.add(spread.min() - 1);
        for (long decile : spread.deciles()) {
            points.add(decile);
        }
        points.add(spread.max());
        StringBuilder sql = new StringBuilder("SELECT count(num)");
        for (long point : points) {
            sql.append(", count(*) FILTER (WHERE num <= ").append(point).append(')');
        }
        sql.append(" FROM ").append(VALUES).append(" WHERE tbl = ? AND col = ?");
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            statement.setString(1, table);
            statement.setString(2, column);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                long count = rs.getLong(1);
                double n = Math.max(1, count);
                double[] shares = new double[points.size()];
                for (int i = 0; i < shares.length; i++) {
                    shares[i] = rs.getLong(i + 2) / n;
                }
                return new Cdf(shares, count);
            }
        }
    }

    /** A column's cumulative shares at a target's min - 1, deciles and max, and how many numbers they count. */
    private record Cdf(double[] shares, long n) {
    }

    private static String example(String form) {
        return "#".equals(form) ? "42" : form.toUpperCase(Locale.ROOT) + "-0042";
    }

    private void execute(String sql) throws SQLException {
        Statements.execute(connection, progress, sql);
    }

    private long scalar(String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql);
             Progress.Registration ignored = progress.cancels(statement);
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static boolean isInteger(String type) {
        return switch (type.toUpperCase(Locale.ROOT)) {
            case "BIGINT", "INTEGER", "SMALLINT", "TINYINT", "UBIGINT", "UINTEGER", "USMALLINT", "UTINYINT" -> true;
            default -> false;
        };
    }

    /** The sentence that says why a link is proposed. */
    private static final class Evidence {
        private final ColumnStats stat;
        private final long matched;
        /** Distinct values compared: the column's sample, or its first numbers by hash for phones. */
        private final long compared;
        private final Map<String, Long> perTarget;
        private final String best;
        private final List<String> notes = new ArrayList<>();

        Evidence(ColumnStats stat, long matched, long compared, Map<String, Long> perTarget, String best) {
            this.stat = stat;
            this.matched = matched;
            this.compared = compared;
            this.perTarget = perTarget;
            this.best = best;
        }

        void note(String text) {
            notes.add(text);
        }

        /**
         * The containment discounted by what chance explains: the share d of the column's numbers a random
         * number would be found for (the ids' density times the share of the numbers inside their range); of
         * that share only counts how alike the two are spread. Alike is 1 while the Kolmogorov-Smirnov distance
         * D stays within what sampling explains (its 95% critical value 1.36 / sqrt(n) for n numbers), and falls
         * by twice the excess beyond: counts of 1..9 among customer ids 1..200 are not alike, a sample of
         * customer ids is.
         */
        double chance(double containment, Spread spread, Cdf cdf) {
            double[] shares = cdf.shares();
            double width = (double) spread.max() - spread.min() + 1;
            double density = Math.min(1, spread.distinct() / width);
            double inside = shares[shares.length - 1] - shares[0];
            double chance = density * inside;
            double distance = 0;
            for (int i = 0; i < shares.length; i++) {
                distance = Math.max(distance, Math.abs(shares[i] - i / (double) (shares.length - 1)));
            }
            double critical = 1.36 / Math.sqrt(Math.max(1, cdf.n()));
            double alike = Math.max(0, 1 - 2 * Math.max(0, distance - critical));
            if (chance >= 0.5 && alike >= 0.8) {
                notes.add(String.format(Locale.ROOT, "its ids are dense (%.0f%% of %,d..%,d), so numbers are found"
                        + " there by chance too, but these are spread like them (%.0f%% alike)",
                        density * 100, spread.min(), spread.max(), alike * 100));
            } else if (chance >= 0.5) {
                notes.add(String.format(Locale.ROOT, "but its ids are dense (%.0f%% of %,d..%,d), so most numbers would"
                        + " be found there by chance, and these are not spread like them (%.0f%% alike)",
                        density * 100, spread.min(), spread.max(), alike * 100));
            }
            return containment * ((1 - chance) + chance * alike);
        }

        String describe(Link link, double name, String nameTarget) {
            StringBuilder sb = new StringBuilder();
            boolean all = stat.exact() && compared == stat.sampled();
            sb.append(String.format(Locale.ROOT, "%,d of %,d %sdistinct values (%.1f%%) found in %s", matched,
                    compared, all ? "" : "sampled ", 100.0 * matched / compared, best));
            List<String> others = perTarget.entrySet().stream().filter(e -> !e.getKey().equals(best))
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .map(e -> String.format(Locale.ROOT, "%s (%,d)", e.getKey(), e.getValue())).toList();
            if (!others.isEmpty()) {
                sb.append(", also in ").append(String.join(", ", others));
            }
            if (link.standard() == Link.Standard.EMAIL && stat.emailRefused() > 0) {
                sb.append(String.format(Locale.ROOT, "; %,d are not usable e-mail addresses", stat.emailRefused()));
            }
            for (String note : notes) {
                sb.append("; ").append(note);
            }
            if (name >= 0.99) {
                sb.append("; ").append(stat.column()).append(" is a usual name for a ").append(link.title());
            } else if (name >= 0.5) {
                sb.append("; name similar to ").append(nameTarget);
            }
            if (stat.rowsRead() < stat.rowsTotal()) {
                sb.append(String.format(Locale.ROOT, " (sampled: %,d of the %,d distinct values in %,d of its %,d rows)",
                        compared, stat.distinct(), stat.rowsRead(), stat.rowsTotal()));
            } else if (!all) {
                sb.append(String.format(Locale.ROOT, " (sampled: %,d of its %,d distinct values)", compared,
                        stat.distinct()));
            }
            return sb.toString();
        }
    }
}
