package org.c360.analytics.identity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    static final String RAW = "c360_identity_raw";
    static final String VALUES = "identity_values";
    static final String RECORDS = "identity_records";

    private final Connection connection;
    private final Progress progress;
    /** The country phones without one are read in (see {@link #dominantCountry}). */
    private String fallback;

    RecordBuilder(Connection connection, Progress progress) {
        this.connection = connection;
        this.progress = progress;
    }

    static String column(IdentityRole role) {
        return role.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** @return records built */
    long build(List<IdentitySource> sources) throws SQLException {
        List<String> selects = new ArrayList<>();
        for (IdentitySource source : sources) {
            if (!source.attachesOnly()) {
                selects.add(select(source));
            }
        }
        execute("DROP TABLE IF EXISTS " + RECORDS);
        if (selects.isEmpty()) {
            execute("CREATE TABLE " + RECORDS + " AS SELECT " + emptyColumns() + " WHERE false");
            ValueTable.create(connection, VALUES);
            return 0;
        }
        progress.update(-1, "Collecting identity records");
        execute("CREATE OR REPLACE TEMP TABLE " + RAW + " AS " + String.join("\nUNION ALL\n", selects));
        standardise(sources);
        progress.update(-1, "Standardising identity records");
        execute("CREATE TABLE " + RECORDS + " AS SELECT " + recordColumns() + " FROM " + RAW + " r" + lookups(fallback));
        execute("DROP TABLE " + RAW);
        return count(RECORDS);
    }

    /** One source's records with raw values as text, every role a column (NULL where the source has none). */
    private String select(IdentitySource source) throws SQLException {
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

    /** Countries first: a phone without its +code is read in its record's country. */
    private void standardise(List<IdentitySource> sources) throws SQLException {
        ValueTable.create(connection, VALUES);
        fill(IdentityRole.COUNTRY, "SELECT DISTINCT country, NULL FROM " + RAW + " WHERE country IS NOT NULL",
                new CountryRule());
        fallback = dominantCountry();
        fill(IdentityRole.PHONE, "SELECT DISTINCT r.phone, coalesce(c.value, " + (fallback == null ? "NULL" : Sql.literal(fallback))
                + ") FROM " + RAW + " r LEFT JOIN " + VALUES + " c ON c.role = 'COUNTRY' AND c.raw = r.country"
                + " WHERE r.phone IS NOT NULL", new PhoneRule());
        fill(IdentityRole.EMAIL, distinct(IdentityRole.EMAIL, sources), new EmailRule());
        for (IdentityRole role : IDENTIFIERS) {
            if (inSql(role)) {
                // kept for the data-quality view and the before/after samples; records compute the form inline
                String column = column(role);
                execute("INSERT INTO " + VALUES + " SELECT '" + role.name() + "', raw, NULL, " + IdRule.valueSql("raw") + ", "
                        + IdRule.problemSql("raw") + " FROM (SELECT DISTINCT " + column + " AS raw FROM " + RAW + " WHERE "
                        + column + " IS NOT NULL)");
            }
        }
    }

    /**
     * Whether a role's standard form is SQL ({@link IdRule#valueSql}), computed where it is needed, rather
     * than a row of the lookup table that a Java rule (libphonenumber, e-mail canonicalisation) filled.
     */
    static boolean inSql(IdentityRole role) {
        return role != IdentityRole.EMAIL && role != IdentityRole.PHONE;
    }

    /**
     * The standard form of identifier {@code role} in raw text {@code raw}: inline SQL, or a join to the lookup
     * table under {@code alias} (then {@code joins} must be added to the query's FROM).
     */
    record Standard(String joins, String value) {
        static Standard of(IdentityRole role, String raw, String alias) {
            if (inSql(role)) {
                return new Standard("", IdRule.valueSql(raw));
            }
            return new Standard(" LEFT JOIN " + VALUES + " " + alias + " ON " + alias + ".role = '" + role.name() + "' AND "
                    + alias + ".raw = " + raw, alias + ".value");
        }
    }

    /**
     * The distinct raw values of an identifier: those of the identity records, and those of the sources that
     * only point at a person through it (tickets by e-mail, subscriptions by customer id), so their records
     * can find their person later by the same standard form.
     */
    private static String distinct(IdentityRole role, List<IdentitySource> sources) {
        List<String> parts = new ArrayList<>();
        parts.add("SELECT " + column(role) + " AS raw FROM " + RAW);
        for (IdentitySource source : sources) {
            if (source.attachesOnly() && source.has(role)) {
                parts.add("SELECT " + text(source, role) + " FROM " + Sql.ident(source.rawTable()));
            }
        }
        return "SELECT DISTINCT raw, NULL FROM (" + String.join(" UNION ALL ", parts) + ") WHERE raw IS NOT NULL";
    }

    /**
     * The country most records are in, to read phones of records that name none; only when it is a clear
     * majority (otherwise such numbers need their own +code).
     */
    private String dominantCountry() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT c.value, count(*) * 1.0 / sum(count(*)) OVER () AS share
                FROM %s r JOIN %s c ON c.role = 'COUNTRY' AND c.raw = r.country
                WHERE c.value IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 1""".formatted(RAW, VALUES));
             ResultSet rs = statement.executeQuery()) {
            return rs.next() && rs.getDouble(2) >= 0.5 ? rs.getString(1) : null;
        }
    }

    private void fill(IdentityRole role, String distinct, Rule rule) throws SQLException {
        progress.update(-1, "Standardising " + role.title() + " values");
        ValueTable.fill(connection, VALUES, role.name(), distinct, rule, progress);
    }

    private static String recordColumns() {
        StringBuilder sql = new StringBuilder("r.source, r.record_id, r.source || ':' || r.record_id AS record_key");
        for (IdentityRole role : IDENTIFIERS) {
            String name = column(role);
            sql.append(", ").append(inSql(role) ? IdRule.valueSql("r." + name) : "v_" + name + ".value").append(" AS ").append(name);
        }
        for (IdentityRole role : IDENTIFIERS) {
            sql.append(", r.").append(column(role)).append(" AS raw_").append(column(role));
        }
        String first = "coalesce(r.first_name, CASE WHEN r.last_name IS NULL THEN regexp_extract(r.full_name, '^(\\S+)\\s', 1) END)";
        String last = "coalesce(r.last_name, regexp_extract(r.full_name, '(\\S+)$', 1))";
        sql.append(", ").append(name(first)).append(" AS first_name")
                .append(", ").append(name(last)).append(" AS last_name")
                .append(", CAST(").append(TimestampSql.timestampOf("r.date_of_birth", null)).append(" AS DATE) AS date_of_birth")
                .append(", lower(trim(r.street_number)) AS street_number")
                .append(", ").append(name("r.street")).append(" AS street")
                .append(", upper(replace(r.postcode, ' ', '')) AS postcode")
                .append(", ").append(name("r.city")).append(" AS city")
                .append(", v_country.value AS country")
                .append(", ").append(TimestampSql.timestampOf("r.event_time", null)).append(" AS event_time")
                .append(", r.event_time AS raw_event_time")
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

    /** Joins each raw value to its standard form; a phone's form depends on the country it was read in. */
    private static String lookups(String fallbackCountry) {
        StringBuilder sql = new StringBuilder(" LEFT JOIN ").append(VALUES)
                .append(" v_country ON v_country.role = 'COUNTRY' AND v_country.raw = r.country");
        for (IdentityRole role : IDENTIFIERS) {
            if (inSql(role)) {
                continue;
            }
            String name = column(role);
            sql.append(" LEFT JOIN ").append(VALUES).append(" v_").append(name).append(" ON v_").append(name)
                    .append(".role = '").append(role.name()).append("' AND v_").append(name).append(".raw = r.")
                    .append(name);
            if (role == IdentityRole.PHONE) {
                sql.append(" AND v_phone.context IS NOT DISTINCT FROM coalesce(v_country.value, ")
                        .append(fallbackCountry == null ? "NULL" : Sql.literal(fallbackCountry)).append(")");
            }
        }
        return sql.toString();
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
                + " CAST(NULL AS VARCHAR) AS raw_event_time,"
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
