package org.c360.analytics.identity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.c360.analytics.sql.Sql;
import org.c360.analytics.standardize.CountryRule;
import org.c360.analytics.standardize.EmailRule;
import org.c360.analytics.standardize.IdRule;
import org.c360.analytics.standardize.PhoneRule;
import org.c360.analytics.standardize.Rule;
import org.c360.analytics.standardize.TimestampSql;
import org.c360.analytics.standardize.ValueTable;
import org.c360.analytics.sql.Statements;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Catalog;

/**
 * Builds {@code identity_records}: one row per source record that can link or describe a person (sources
 * that only point at a person through a single identifier are left to the events), with every identifier
 * standardised (e-mail canonical, phone E.164, ids trimmed) and every attribute cleaned (names lower case
 * without accents, dates parsed, country ISO). Refused values (placeholders, non-addresses) are kept in
 * {@code identity_values} with the reason, for the data-quality view.
 */
final class RecordBuilder {

    /** Identifier and attribute columns of identity_records, in role order. */
    static final List<IdentityRole> IDENTIFIERS = List.of(IdentityRole.CUSTOMER_ID, IdentityRole.CRM_ID,
            IdentityRole.LOYALTY_ID, IdentityRole.NATIONAL_ID, IdentityRole.EMAIL, IdentityRole.PHONE,
            IdentityRole.DEVICE_ID, IdentityRole.COOKIE_ID);
    static final List<IdentityRole> TEXT_ATTRIBUTES = List.of(IdentityRole.FIRST_NAME, IdentityRole.LAST_NAME,
            IdentityRole.FULL_NAME, IdentityRole.STREET_NUMBER, IdentityRole.STREET, IdentityRole.POSTCODE,
            IdentityRole.CITY, IdentityRole.COUNTRY, IdentityRole.DATE_OF_BIRTH, IdentityRole.EVENT_TIME,
            IdentityRole.OPT_IN, IdentityRole.LIFECYCLE_STATUS, IdentityRole.LOYALTY_TIER, IdentityRole.LOYALTY_POINTS);

    static final String VALUES = "identity_values";
    static final String RECORDS = "identity_records";
    private static final String TIMES = "c360_identity_times";

    private final Connection connection;
    private final Staging staging;
    private final Progress progress;
    /** The country phones without one are read in (see {@link #dominantCountry}). */
    private String fallback;
    /** Whether earlier records and standard values stay (an incremental run adds to them). */
    private boolean adding;

    RecordBuilder(Connection connection, Staging staging, Progress progress) {
        this.connection = connection;
        this.staging = staging;
        this.progress = progress;
    }

    static String column(IdentityRole role) {
        return role.name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Adds the records of {@code sources} (raw tables an earlier run has not seen) to {@code identity_records},
     * standardising only values not yet in {@code identity_values}; their keys go to {@code c360_new_keys}.
     *
     * @return records added
     */
    long add(List<IdentitySource> sources) throws SQLException {
        adding = true;
        List<IdentitySource> records = sources.stream().filter(source -> !source.attachesOnly()).toList();
        execute("CREATE OR REPLACE TEMP TABLE c360_new_keys (record_key VARCHAR)");
        Map<String, Set<String>> integers = new HashMap<>();
        for (IdentitySource source : sources) {
            integers.put(source.rawTable(), integerColumns(connection, source.rawTable()));
        }
        standardise(sources, records, integers);
        if (records.isEmpty()) {
            return 0;
        }
        parseTimes(records);
        List<String> selects = new ArrayList<>();
        for (IdentitySource source : records) {
            selects.add(select(source, integers.get(source.rawTable())));
        }
        execute("CREATE OR REPLACE TEMP TABLE c360_new_records AS " + String.join("\nUNION ALL\n", selects));
        execute("INSERT INTO c360_new_keys SELECT record_key FROM c360_new_records");
        // by name: a workspace resolved before the raw time text was dropped still has that column (left NULL)
        execute("INSERT INTO " + RECORDS + " BY NAME SELECT * FROM c360_new_records");
        execute("DROP TABLE c360_new_records");
        execute("DROP TABLE " + TIMES);
        return count("c360_new_keys");
    }

    /** @return records built */
    long build(List<IdentitySource> sources) throws SQLException {
        List<IdentitySource> records = sources.stream().filter(source -> !source.attachesOnly()).toList();
        String target = staging.table(RECORDS);
        execute("DROP TABLE IF EXISTS " + target);
        ValueTable.create(connection, staging.table(VALUES));
        staging.built(VALUES);
        if (records.isEmpty()) {
            execute("CREATE TABLE " + target + " AS SELECT " + emptyColumns() + " WHERE false");
            staging.built(RECORDS);
            return 0;
        }
        Map<String, Set<String>> integers = new HashMap<>();
        for (IdentitySource source : sources) {
            integers.put(source.rawTable(), integerColumns(connection, source.rawTable()));
        }
        standardise(sources, records, integers);
        parseTimes(records);
        progress.update(-1, "Standardising identity records");
        List<String> selects = new ArrayList<>();
        for (IdentitySource source : records) {
            selects.add(select(source, integers.get(source.rawTable())));
        }
        // Each source joins the lookups of the roles it has: a page view looks up its cookie and device, not
        // nine columns of which seven are empty.
        execute("CREATE TABLE " + target + " AS " + String.join("\nUNION ALL\n", selects));
        staging.built(RECORDS);
        execute("DROP TABLE " + TIMES);
        return count(RECORDS);
    }

    /** The columns of {@code table} holding whole numbers (ids read as numbers need no text rule). */
    static Set<String> integerColumns(Connection connection, String table) throws SQLException {
        Set<String> columns = new HashSet<>();
        for (Catalog.ColumnInfo column : Catalog.columns(connection, table)) {
            if (INTEGER_TYPES.contains(column.type())) {
                columns.add(column.name());
            }
        }
        return columns;
    }

    private static final Set<String> INTEGER_TYPES = Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
            "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT");

    /** One source's raw values as text, every role a column (NULL where the source has none). */
    private String rawSelect(IdentitySource source) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ").append(Sql.literal(source.rawTable())).append(" AS source, ")
                .append(recordId(source)).append(" AS record_id");
        for (IdentityRole role : IDENTIFIERS) {
            sql.append(", ").append(text(source, role)).append(" AS ").append(column(role));
        }
        for (IdentityRole role : TEXT_ATTRIBUTES) {
            sql.append(", ").append(text(source, role)).append(" AS ").append(column(role));
        }
        return sql.append(" FROM ").append(Sql.ident(source.rawTable())).toString();
    }

    /** One source's identity records, standardised. */
    private String select(IdentitySource source, Set<String> integerColumns) throws SQLException {
        StringBuilder joins = new StringBuilder();
        List<String> identifiers = new ArrayList<>();
        String country = "NULL";
        if (source.has(IdentityRole.COUNTRY)) {
            joins.append(" LEFT JOIN ").append(valuesOf(source, IdentityRole.COUNTRY))
                    .append(" v_country ON v_country.role = 'COUNTRY' AND v_country.raw = r.country");
            country = "v_country.value";
        }
        for (IdentityRole role : IDENTIFIERS) {
            String name = column(role);
            if (!source.has(role)) {
                identifiers.add("CAST(NULL AS VARCHAR)");
            } else if (inSql(role) && integerColumns.contains(source.column(role).orElseThrow())) {
                identifiers.add(IdRule.integerSql("r." + name));
            } else {
                String v = "v_" + name;
                joins.append(" LEFT JOIN ").append(valuesOf(source, role)).append(' ').append(v).append(" ON ").append(v).append(".role = '")
                        .append(role.name()).append("' AND ").append(v).append(".raw = r.").append(name);
                if (role == IdentityRole.PHONE) {
                    // a phone's form depends on the country it was read in
                    joins.append(" AND v_phone.context IS NOT DISTINCT FROM coalesce(").append(country).append(", ")
                            .append(fallback == null ? "NULL" : Sql.literal(fallback)).append(")");
                }
                identifiers.add(v + ".value");
            }
        }
        String birth = "CAST(NULL AS DATE)";
        if (source.has(IdentityRole.DATE_OF_BIRTH)) {
            joins.append(" LEFT JOIN ").append(TIMES).append(" t_birth ON t_birth.raw = r.date_of_birth");
            birth = "CAST(t_birth.ts AS DATE)";
        }
        String time = "CAST(NULL AS TIMESTAMP)";
        if (source.has(IdentityRole.EVENT_TIME)) {
            // nearly every event time is its own text (6.8 M distinct among 8.3 M records): parsed in place, not
            // made distinct and joined back, which took 3 s more
            time = TimestampSql.timestampOf("r.event_time", null);
        }
        return "SELECT " + recordColumns(identifiers, country, birth, time) + " FROM (" + rawSelect(source) + ") r" + joins;
    }

    /**
     * The standard forms a source's {@code role} column is looked up in: all of them, or when adding only those of
     * the raw texts the new source holds (72 k new records need not hash a million device ids to find theirs).
     */
    private String valuesOf(IdentitySource source, IdentityRole role) {
        return !adding ? VALUES : valuesHolding(role, text(source, role), Sql.ident(source.rawTable()));
    }

    /** The standard forms of {@code role} for the raw texts {@code raw} takes over the rows of {@code from}. */
    static String valuesHolding(IdentityRole role, String raw, String from) {
        return "(SELECT * FROM " + VALUES + " WHERE role = '" + role.name() + "' AND raw IN (SELECT " + raw + " FROM " + from + "))";
    }

    private static String text(IdentitySource source, IdentityRole role) {
        return source.column(role)
                .map(c -> "nullif(trim(CAST(" + Sql.ident(c) + " AS VARCHAR)), '')")
                .orElse("CAST(NULL AS VARCHAR)");
    }

    /** The record's own id if it is unique, else a system id that is, else its row in the file. */
    private String recordId(IdentitySource source) throws SQLException {
        for (IdentityRole role : List.of(IdentityRole.RECORD_ID, IdentityRole.CRM_ID, IdentityRole.LOYALTY_ID,
                IdentityRole.CUSTOMER_ID, IdentityRole.NATIONAL_ID)) {
            if (source.has(role) && isUnique(source.rawTable(), source.column(role).orElseThrow())) {
                return "CAST(" + Sql.ident(source.column(role).orElseThrow()) + " AS VARCHAR)";
            }
        }
        return "CAST(_source_row AS VARCHAR)";
    }

    private boolean isUnique(String table, String column) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(DISTINCT " + Sql.ident(column)
                + ") = count(*) AND count(" + Sql.ident(column) + ") = count(*) FROM " + Sql.ident(table));
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** The raw text of {@code role} in every source that has it, as one query of (raw, country). */
    private static String values(IdentityRole role, List<IdentitySource> sources, boolean withCountry) {
        List<String> parts = new ArrayList<>();
        for (IdentitySource source : sources) {
            if (source.has(role)) {
                parts.add("SELECT " + text(source, role) + " AS raw, "
                        + (withCountry ? text(source, IdentityRole.COUNTRY) : "CAST(NULL AS VARCHAR)") + " AS country FROM "
                        + Sql.ident(source.rawTable()));
            }
        }
        return parts.isEmpty() ? "SELECT CAST(NULL AS VARCHAR) AS raw, CAST(NULL AS VARCHAR) AS country WHERE false"
                : String.join(" UNION ALL ", parts);
    }

    /**
     * Fills the lookup table. Countries first: a phone without its +code is read in its record's country.
     * E-mails and text ids include the sources that only point at a person through them (tickets by e-mail,
     * subscriptions by customer id), so their rows find their person later by the same standard form.
     */
    private void standardise(List<IdentitySource> sources, List<IdentitySource> records, Map<String, Set<String>> integers)
            throws SQLException {
        fill(IdentityRole.COUNTRY, "SELECT DISTINCT raw, NULL FROM (" + values(IdentityRole.COUNTRY, records, false)
                + ") WHERE raw IS NOT NULL", new CountryRule());
        fallback = dominantCountry(records);
        fill(IdentityRole.PHONE, "SELECT DISTINCT r.raw, coalesce(c.value, " + (fallback == null ? "NULL" : Sql.literal(fallback))
                + ") FROM (" + values(IdentityRole.PHONE, records, true) + ") r LEFT JOIN " + VALUES
                + " c ON c.role = 'COUNTRY' AND c.raw = r.country WHERE r.raw IS NOT NULL", new PhoneRule());
        standardiseEmails(sources);
        for (IdentityRole role : IDENTIFIERS) {
            if (!inSql(role)) {
                continue;
            }
            // ids typed as text: their standard form once per distinct value, in SQL; whole numbers need none
            List<IdentitySource> text = sources.stream().filter(source -> source.has(role)
                    && !integers.get(source.rawTable()).contains(source.column(role).orElseThrow())).toList();
            long start = System.nanoTime();
            // a customer's "cust-0042" is the shop's 42; a device's "d-0042" is just its name
            String value = role == IdentityRole.DEVICE_ID || role == IdentityRole.COOKIE_ID ? IdRule.opaqueValueOfBaseSql("base")
                    : IdRule.valueOfBaseSql("base");
            execute("INSERT INTO " + staging.table(VALUES) + " SELECT '" + role.name() + "', raw, NULL, " + value + ", "
                    + IdRule.problemOfBaseSql("raw", "base") + " FROM (SELECT raw, " + IdRule.baseSql("raw") + " AS base FROM ("
                    + unseen(role, "SELECT DISTINCT raw, CAST(NULL AS VARCHAR) FROM (" + values(role, text, false)
                    + ") WHERE raw IS NOT NULL") + "))");
            Statements.log(role + " values by the id rule", start);
        }
    }

    /**
     * E-mails by the rule's SQL form, one vectorised pass over 1.8 M distinct addresses (4.7 s with writing them,
     * against 7.3-7.8 s through Java); the few it refuses go through the Java rule, which says why, and so does
     * text outside ASCII, where the two forms may read white space differently.
     */
    private void standardiseEmails(List<IdentitySource> sources) throws SQLException {
        long start = System.nanoTime();
        String distinct = unseen(IdentityRole.EMAIL, "SELECT DISTINCT raw, CAST(NULL AS VARCHAR) FROM ("
                + values(IdentityRole.EMAIL, sources, false) + ") WHERE raw IS NOT NULL");
        // kept whole, not filtered on the value: DuckDB would work the rule out twice, for the filter and the column
        execute("CREATE OR REPLACE TEMP TABLE c360_emails AS SELECT raw, CASE WHEN NOT regexp_matches(raw, '[^\\x00-\\x7F]')"
                + " THEN " + EmailRule.valueSql("raw") + " END AS value FROM (" + distinct + ") d(raw, context)");
        execute("INSERT INTO " + staging.table(VALUES) + " SELECT 'EMAIL', raw, NULL, value, NULL FROM c360_emails"
                + " WHERE value IS NOT NULL");
        Statements.log("EMAIL values by the e-mail rule in SQL", start);
        fill(IdentityRole.EMAIL, "SELECT raw, CAST(NULL AS VARCHAR) FROM c360_emails WHERE value IS NULL", new EmailRule());
        execute("DROP TABLE c360_emails");
    }

    /**
     * Birth dates as written, parsed once per distinct text: twenty layouts are tried on what is not ISO, and a
     * million CRM records hold a few tens of thousands of birth dates.
     */
    private void parseTimes(List<IdentitySource> records) throws SQLException {
        execute("CREATE OR REPLACE TEMP TABLE " + TIMES + " AS SELECT raw, " + TimestampSql.timestampOf("raw", null)
                + " AS ts FROM (SELECT DISTINCT raw FROM (" + values(IdentityRole.DATE_OF_BIRTH, records, false)
                + ") WHERE raw IS NOT NULL)");
    }

    /**
     * Whether a role's standard form comes from {@link IdRule} (SQL; whole numbers inline) rather than a Java
     * rule (libphonenumber, e-mail canonicalisation) through the lookup table.
     */
    static boolean inSql(IdentityRole role) {
        return role != IdentityRole.EMAIL && role != IdentityRole.PHONE;
    }

    /**
     * The standard form of identifier {@code role} in raw text {@code raw}: inline SQL for a column of whole
     * numbers, else a join to the lookup table under {@code alias} (then {@code joins} goes into the FROM).
     */
    record Standard(String joins, String value) {
        static Standard of(IdentityRole role, String raw, boolean integerColumn, String alias) {
            return of(role, raw, integerColumn, alias, VALUES);
        }

        /** {@code values}: the table of standard forms, or a query narrowing it to the raw texts some rows hold. */
        static Standard of(IdentityRole role, String raw, boolean integerColumn, String alias, String values) {
            if (inSql(role) && integerColumn) {
                return new Standard("", IdRule.integerSql(raw));
            }
            return new Standard(" LEFT JOIN " + values + " " + alias + " ON " + alias + ".role = '" + role.name() + "' AND "
                    + alias + ".raw = " + raw, alias + ".value");
        }
    }

    /**
     * The country most records are in, to read phones of records that name none; only when it is a clear
     * majority (otherwise such numbers need their own +code).
     */
    private String dominantCountry(List<IdentitySource> records) throws SQLException {
        String counted = adding
                // an incremental run reads phones as the full run did: in the country of the records already resolved
                ? "SELECT country AS value, count(*) * 1.0 / sum(count(*)) OVER () AS share FROM " + RECORDS
                  + " WHERE country IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 1"
                : null;
        try (PreparedStatement statement = connection.prepareStatement(counted != null ? counted : """
                SELECT c.value, count(*) * 1.0 / sum(count(*)) OVER () AS share
                FROM (%s) r JOIN %s c ON c.role = 'COUNTRY' AND c.raw = r.raw
                WHERE c.value IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 1""".formatted(
                values(IdentityRole.COUNTRY, records, false), VALUES));
             ResultSet rs = statement.executeQuery()) {
            return rs.next() && rs.getDouble(2) >= 0.5 ? rs.getString(1) : null;
        }
    }

    private void fill(IdentityRole role, String distinct, Rule rule) throws SQLException {
        progress.update(-1, "Standardising " + role.title() + " values");
        ValueTable.fill(connection, staging.table(VALUES), role.name(), unseen(role, distinct), rule, progress);
    }

    /** When adding, only the (raw, context) pairs of {@code distinct} that have no standard form yet. */
    private String unseen(IdentityRole role, String distinct) {
        return !adding ? distinct : "SELECT d.raw, d.context FROM (" + distinct + ") d(raw, context) WHERE NOT EXISTS (SELECT 1 FROM "
                + VALUES + " v WHERE v.role = '" + role.name() + "' AND v.raw = d.raw AND v.context IS NOT DISTINCT FROM d.context)";
    }

    private static String recordColumns(List<String> identifiers, String country, String birth, String time) {
        StringBuilder sql = new StringBuilder("r.source, r.record_id, r.source || ':' || r.record_id AS record_key");
        for (int i = 0; i < IDENTIFIERS.size(); i++) {
            sql.append(", ").append(identifiers.get(i)).append(" AS ").append(column(IDENTIFIERS.get(i)));
        }
        // the text as written only where standardising changed it (read as coalesce(raw_x, x)): most ids and
        // phones come out as they went in, and 8 M records write faster with fewer strings
        for (int i = 0; i < IDENTIFIERS.size(); i++) {
            String raw = "r." + column(IDENTIFIERS.get(i));
            sql.append(", CASE WHEN ").append(raw).append(" IS DISTINCT FROM ").append(identifiers.get(i)).append(" THEN ")
                    .append(raw).append(" END AS raw_").append(column(IDENTIFIERS.get(i)));
        }
        String first = "coalesce(r.first_name, CASE WHEN r.last_name IS NULL THEN regexp_extract(r.full_name, '^(\\S+)\\s', 1) END)";
        String last = "coalesce(r.last_name, regexp_extract(r.full_name, '(\\S+)$', 1))";
        sql.append(", ").append(name(first)).append(" AS first_name")
                .append(", ").append(name(last)).append(" AS last_name")
                .append(", ").append(birth).append(" AS date_of_birth")
                .append(", lower(trim(r.street_number)) AS street_number")
                .append(", ").append(name("r.street")).append(" AS street")
                .append(", upper(replace(r.postcode, ' ', '')) AS postcode")
                .append(", ").append(name("r.city")).append(" AS city")
                .append(", CAST(").append(country).append(" AS VARCHAR) AS country")
                .append(", ").append(time).append(" AS event_time")
                // as written, for the profile (the cleaned forms above are for comparing)
                .append(", ").append(first).append(" AS display_first_name")
                .append(", ").append(last).append(" AS display_last_name")
                .append(", r.street_number AS display_street_number, r.street AS display_street, r.city AS display_city")
                .append(", r.postcode AS display_postcode, r.opt_in, r.lifecycle_status, r.loyalty_tier, r.loyalty_points");
        return sql.toString();
    }

    /** Lower case, accents and punctuation gone, single spaces: "José-Luis  O'Neil" -> "jose luis oneil". */
    private static String name(String expression) {
        return "nullif(trim(regexp_replace(regexp_replace(lower(strip_accents(" + expression
                + ")), '[^a-z0-9 ]', '', 'g'), '\\s+', ' ', 'g')), '')";
    }

    private static String emptyColumns() {
        StringBuilder sql = new StringBuilder("CAST(NULL AS VARCHAR) AS source, CAST(NULL AS VARCHAR) AS record_id, "
                + "CAST(NULL AS VARCHAR) AS record_key");
        for (IdentityRole role : IDENTIFIERS) {
            sql.append(", CAST(NULL AS VARCHAR) AS ").append(column(role));
        }
        for (IdentityRole role : IDENTIFIERS) {
            sql.append(", CAST(NULL AS VARCHAR) AS raw_").append(column(role));
        }
        sql.append(", CAST(NULL AS VARCHAR) AS first_name, CAST(NULL AS VARCHAR) AS last_name, CAST(NULL AS DATE) AS date_of_birth,"
                + " CAST(NULL AS VARCHAR) AS street_number, CAST(NULL AS VARCHAR) AS street, CAST(NULL AS VARCHAR) AS postcode,"
                + " CAST(NULL AS VARCHAR) AS city, CAST(NULL AS VARCHAR) AS country, CAST(NULL AS TIMESTAMP) AS event_time,"
                + " CAST(NULL AS VARCHAR) AS display_first_name, CAST(NULL AS VARCHAR) AS display_last_name,"
                + " CAST(NULL AS VARCHAR) AS display_street_number, CAST(NULL AS VARCHAR) AS display_street,"
                + " CAST(NULL AS VARCHAR) AS display_city, CAST(NULL AS VARCHAR) AS display_postcode,"
                + " CAST(NULL AS VARCHAR) AS opt_in, CAST(NULL AS VARCHAR) AS lifecycle_status,"
                + " CAST(NULL AS VARCHAR) AS loyalty_tier, CAST(NULL AS VARCHAR) AS loyalty_points");
        return sql.toString();
    }

    private long count(String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM " + table);
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        Statements.execute(connection, progress, sql);
    }

    static Map<IdentityRole, String> identifierColumns() {
        Map<IdentityRole, String> columns = new java.util.EnumMap<>(IdentityRole.class);
        IDENTIFIERS.forEach(role -> columns.put(role, column(role)));
        return columns;
    }
}
