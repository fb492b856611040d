package org.c360.analytics.standardize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The id rule's SQL form gives the same answers as its Java form, refusals and their reasons included. */
class IdRuleSqlTest {

    private static final List<String> CORPUS = List.of("cust-8821", " C-000042 ", "1111", "n/a", "AB-12X", "0", "00", "000",
            "0042", "42.0", "0042.0", "4.2", "unknown", "UNKNOWN", "", "  ", "-", "guest", "x-0", "abcdefgh-7",
            "abcdefghi-7", "ab#0012", "ab:12", "ab 12", "ab__12", "12ab", "user_00017", "A1B2", "test@test.com",
            "É-12", "Ünïcode", "00000000-0000-0000-0000-000000000000", "0-0", "a-000", "9223372036854775808", "tbd", "Not Provided");

    @Test
    void sqlAndJavaAgreeOnEveryValue() throws SQLException {
        IdRule rule = new IdRule();
        List<String> expected = new ArrayList<>();
        for (String raw : CORPUS) {
            Standardized java = rule.apply(raw);
            expected.add(raw + " -> " + java.value() + " / " + java.problem());
        }
        List<String> actual = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             PreparedStatement statement = connection.prepareStatement("SELECT raw, " + IdRule.valueSql("raw") + ", "
                     + IdRule.problemSql("raw") + " FROM unnest(?) t(raw)")) {
            statement.setArray(1, connection.createArrayOf("VARCHAR", CORPUS.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    actual.add(rs.getString(1) + " -> " + rs.getString(2) + " / " + rs.getString(3));
                }
            }
        }
        assertEquals(String.join("\n", expected), String.join("\n", actual), Arrays.toString(CORPUS.toArray()));
    }

    @Test
    void opaqueIdsKeepTheirPrefixAndZeros() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             PreparedStatement statement = connection.prepareStatement("SELECT " + IdRule.opaqueValueSql("raw") + " FROM unnest(?) t(raw) ORDER BY 1 NULLS LAST")) {
            statement.setArray(1, connection.createArrayOf("VARCHAR", new Object[] {" D-0001 ", "T-1", "unknown"}));
            List<String> values = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            assertEquals(Arrays.asList("d-0001", "t-1", null), values);
        }
    }
}
