package org.c360.analytics.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.c360.analytics.identity.ResolveOptions;
import org.c360.analytics.identity.Resolver;
import org.c360.analytics.ingest.Importer;
import org.c360.analytics.query.ResultTable;
import org.c360.analytics.testing.TestWorkspaces;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Segments over a small CRM with subscriptions and support tickets (seed 003's shape): counting, related-record
 * conditions, parameters, errors that point at the position, saved segments with history, overlap.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SegmentsTest {

    @TempDir
    static Path dir;
    private Workspace workspace;
    private Segments segments;

    static final String CRM = """
            crm_id,customer_id,first_name,last_name,email,phone,city,country,opt_in,lifecycle_status
            CRM-1,101,Anna,Meier,anna.meier@example.com,+49 30 1234567,Berlin,DE,yes,active
            CRM-2,102,Peter,Schulz,peter.schulz@example.com,+49 151 22334455,München,DE,no,active
            CRM-3,103,Julia,Roth,julia.roth@example.com,+49 151 99887766,Hamburg,DE,yes,churned
            CRM-4,104,Tom,Becker,tom.becker@example.com,,Paris,FR,yes,active
            CRM-5,105,Lea,Wolf,lea.wolf@example.com,+33 6 12 34 56 78,Lyon,FR,,active
            """;
    static final String SUBSCRIPTIONS = """
            subscription_id,customer_id,plan,status,started_at,mrr
            S-1,101,pro,active,2024-01-01,49
            S-2,102,pro,active,2024-01-01,49
            S-3,103,basic,cancelled,2024-01-01,9
            S-4,104,pro,active,2024-01-01,49
            """;
    static final String TICKETS = """
            ticket_id,customer_id,created_at,status,sentiment,subject
            T-1,101,2024-03-01,open,negative,Broken
            T-2,102,2024-03-01,open,positive,Thanks
            T-3,103,2024-03-01,open,negative,Where is it
            T-4,104,2024-03-01,closed,negative,Late
            T-5,104,2024-03-02,open,negative,Late again
            T-6,104,2024-03-03,open,negative,Still late
            """;

    @BeforeAll
    void resolve() {
        workspace = TestWorkspaces.create(dir);
        new Importer(workspace).importFiles(List.of(TestWorkspaces.write(dir, "crm_customers.csv", CRM),
                TestWorkspaces.write(dir, "subscriptions.csv", SUBSCRIPTIONS),
                TestWorkspaces.write(dir, "support_tickets.csv", TICKETS)), Progress.none());
        new Resolver(workspace).resolve(ResolveOptions.DEFAULTS, Progress.none());
        segments = new Segments(workspace);
    }

    @AfterAll
    void close() {
        workspace.close();
    }

    private Set<String> names(String expression) {
        ResultTable table = segments.preview(expression, List.of("first_name"), 100, Progress.none());
        Set<String> names = new TreeSet<>();
        table.rows().forEach(r -> names.add((String) r[0]));
        return names;
    }

    @Test
    void profileFieldConditionsCombineWithAndOrNot() {
        assertEquals(Set.of("Anna", "Peter", "Julia"), names("country = 'DE'"));
        assertEquals(Set.of("Anna", "Peter", "Tom"), names("lifecycle_status = 'active' AND (country = 'DE' or first_name = 'Tom')"));
        assertEquals(Set.of("Tom", "Lea"), names("not (country = 'DE')"));
        assertEquals(Set.of("Anna", "Julia"), names("city in ('Berlin', 'Hamburg')"));
        assertEquals(Set.of("Peter"), names("first_name contains 'ETE'"));
        assertEquals(Set.of("Tom"), names("primary_phone is null"));
        assertEquals(5, segments.count("", Progress.none()).people());
    }

    @Test
    void seed003RelatedRecordsActiveSubscriptionAndOpenNegativeTicket() {
        String seed = "has SUBSCRIPTION(status = 'active') AND has SUPPORT_TICKET(status = 'open' and sentiment = 'negative')";
        assertEquals(Set.of("Anna", "Tom"), names(seed));
        assertEquals(Set.of("Tom"), names("has at least 2 support_tickets(status = 'open')"));
        assertEquals(Set.of("Lea"), names("not has subscription"));
        assertEquals(Set.of("Anna", "Tom"), names("has subscription(plan = 'pro' and mrr >= 40) and not has support_ticket(sentiment = 'positive')"));
        assertTrue(names("has subscription(started_at > '2023-12-31')").containsAll(Set.of("Anna", "Peter", "Julia", "Tom")));
    }

    @Test
    void valuesAreParametersNeverSql() {
        String hostile = "first_name = 'x'' OR 1=1 --'";
        CompiledSegment compiled = segments.compile(hostile);
        assertFalse(compiled.where().contains("1=1"), compiled.where());
        assertEquals(List.of("x' OR 1=1 --"), compiled.parameters());
        assertEquals(0, segments.count(hostile, Progress.none()).people());
        assertTrue(compiled.displaySql().contains("$1 = 'x'' OR 1=1 --'"), compiled.displaySql());
    }

    @Test
    void anUnknownFieldIsPointedAtWithTheClosestName() {
        ExpressionException e = assertThrows(ExpressionException.class, () -> segments.compile("lifecycle_status = 'active' and contry = 'DE'"));
        assertEquals(33, e.position());
        assertEquals("country", e.suggestion());
        assertTrue(e.getMessage().contains("'contry'") && e.getMessage().contains("did you mean 'country'"), e.getMessage());
        assertTrue(e.pointer().endsWith("\n" + " ".repeat(32) + "^^^^^^"), e.pointer());

        ExpressionException inner = assertThrows(ExpressionException.class, () -> segments.compile("has support_ticket(sentimnt = 'negative')"));
        assertEquals("sentiment", inner.suggestion());
        assertEquals(20, inner.position());

        ExpressionException relation = assertThrows(ExpressionException.class, () -> segments.compile("has subscripton(status = 'active')"));
        assertEquals("subscription", relation.suggestion());
        assertEquals(5, relation.position());
    }

    @Test
    void syntaxErrorsSayWhatWasExpectedAndWhere() {
        ExpressionException open = assertThrows(ExpressionException.class, () -> segments.compile("(country = 'DE'"));
        assertTrue(open.getMessage().contains("not closed"), open.getMessage());
        ExpressionException value = assertThrows(ExpressionException.class, () -> segments.compile("country = DE"));
        assertEquals(11, value.position());
        assertTrue(value.getMessage().contains("quotes"), value.getMessage());
        ExpressionException number = assertThrows(ExpressionException.class, () -> segments.compile("orders_count > 'many'"));
        assertTrue(number.getMessage().contains("takes a number"), number.getMessage());
        ExpressionException quote = assertThrows(ExpressionException.class, () -> segments.compile("country = 'DE"));
        assertEquals(11, quote.position());
        ExpressionException op = assertThrows(ExpressionException.class, () -> segments.compile("country 'DE'"));
        assertEquals(9, op.position());
    }

    @Test
    void expressionTextRoundTrips() {
        String text = "has at least 2 support_ticket(status = 'open' or sentiment in ('negative', 'it''s bad')) and (country = 'DE' or age between 18 and 30) and not has subscription and last_seen_at within 90 days";
        Expression tree = ExpressionParser.parse(text);
        assertEquals(tree.text(), ExpressionParser.parse(tree.text()).text());
        assertEquals(text, tree.text());
    }

    @Test
    void savedSegmentsKeepMembersHistoryAndOverlap() {
        SavedSegment de = segments.save("Germany", "country = 'DE'", Progress.none());
        assertEquals(3, de.size());
        SavedSegment active = segments.save("Active subscribers", "has subscription(status = 'active')", Progress.none());
        assertEquals(3, active.size());
        segments.save("Germany", "country = 'DE' and lifecycle_status = 'active'", Progress.none());
        List<SavedSegment.Refresh> history = segments.history("Germany");
        assertEquals(List.of(3L, 2L), history.stream().map(SavedSegment.Refresh::size).toList());
        assertEquals(1, history.get(1).removed());
        assertEquals(0, history.get(1).added());

        Overlap overlap = segments.overlap(List.of("Germany", "Active subscribers"), Progress.none());
        assertEquals(2, overlap.both(0, 1)); // Anna and Peter
        assertEquals(2, overlap.both(0, 0));
        assertEquals(3, overlap.both(1, 1));
        assertEquals(2, overlap.regions().stream().filter(r -> r.mask() == 3).findFirst().orElseThrow().people());
        assertEquals(1, overlap.regions().stream().filter(r -> r.mask() == 2).findFirst().orElseThrow().people());

        C360Exception missing = assertThrows(C360Exception.class, () -> segments.refresh("Germny", Progress.none()));
        assertTrue(missing.getMessage().contains("did you mean 'Germany'"), missing.getMessage());
        segments.delete("Active subscribers");
        assertEquals(List.of("Germany"), segments.list().stream().map(SavedSegment::name).toList());
    }

    @Test
    void countsTheOptedOut() {
        Segments.Count count = segments.count("country = 'DE'", Progress.none());
        assertEquals(3, count.people());
        assertEquals(1, count.optedOut());
    }

    @Test
    void preparedCopiesGiveTheSameAnswersUntilANewResolution() {
        String expression = "has support_ticket(status = 'open' and sentiment = 'negative') and has subscription";
        Set<String> live = names(expression);
        assertFalse(segments.compile(expression).where().contains("c360_segment_rows_"));
        assertEquals(List.of("support_ticket"), segments.prepare("has support_ticket", Progress.none()));
        assertEquals(List.of(), segments.prepare("has support_ticket", Progress.none()), "current: not built again");
        assertEquals(List.of("subscription"), segments.prepare(expression, Progress.none()));
        assertTrue(segments.compile(expression).where().contains("c360_segment_rows_support_ticket"));
        assertEquals(live, names(expression));

        new Resolver(workspace).resolve(ResolveOptions.DEFAULTS, Progress.none());
        assertFalse(segments.compile(expression).where().contains("c360_segment_rows_"), "stale after a new resolution");
        assertEquals(live, names(expression));
    }
}
