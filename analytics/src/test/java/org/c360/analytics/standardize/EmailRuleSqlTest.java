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

/** The e-mail rule's SQL form gives the same canonical addresses as its Java form, and refuses the same values. */
class EmailRuleSqlTest {

    private static final List<String> CORPUS = List.of("  John.Doe@Gmail.com  ", "john.doe+shop@googlemail.com",
            "J.Doe+news@Outlook.com", "ann.lee@company.de", "ann.lee+x@company.de", "MAILTO:bob@Example.ORG",
            "test@test.com", "TEST@TEST.COM", "n/a", "", "   ", "john@doe", "a b@c", "a b@c.com", "\\tann@x.org\\n",
            "+tag@gmail.com", "...@gmail.com", ".+x@gmail.com", "x+@outlook.com", "a@b@c.com", "ann@-x.com",
            "ann@x-.com", "ann@x.c", "ann@x.co", "ann@sub.x-y.org", "ann@x..com", "mailto:", "mailto:n/a",
            "foo+bar@icloud.com", "foo.bar@icloud.com", "Foo.Bar+1@GoogleMail.Com", "unknown", "ann@x.com ",
            "\\u00e9lise@x.fr", "ann@x\\u00e9.fr", "ann@123.com", "a@a.com", "a+b@a.com", "x@x.com+1", "@x.com",
            "noemail@example.com", "No-Reply@Shop.COM", "donotreply+x@gmail.com", "n.a@gmail.com", "ann\\u001f@x.com",
            "\\u001fann@x.com");

    @Test
    void sqlAndJavaAgreeOnEveryValue() throws SQLException {
        EmailRule rule = new EmailRule();
        List<String> corpus = CORPUS.stream().map(EmailRuleSqlTest::unescape).toList();
        List<String> expected = new ArrayList<>();
        for (String raw : corpus) {
            expected.add(raw + " -> " + rule.apply(raw).value());
        }
        expected.add("null -> null");
        List<String> actual = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             PreparedStatement statement = connection.prepareStatement("SELECT raw, " + EmailRule.valueSql("raw")
                     + " FROM (SELECT unnest(?) AS raw, generate_subscripts(?, 1) AS i UNION ALL SELECT NULL, 1e9) ORDER BY i")) {
            Object[] values = corpus.toArray();
            statement.setArray(1, connection.createArrayOf("VARCHAR", values));
            statement.setArray(2, connection.createArrayOf("VARCHAR", values));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    actual.add(rs.getString(1) + " -> " + rs.getString(2));
                }
            }
        }
        assertEquals(String.join("\n", expected), String.join("\n", actual), Arrays.toString(corpus.toArray()));
    }

    /** The corpus writes tabs, new lines and accents as escapes, so this file stays plain ASCII. */
    private static String unescape(String text) {
        return text.replace("\\t", "\t").replace("\\n", "\n").replace("\\u00e9", "\u00e9").replace("\\u001f", "\u001f");
    }
}
