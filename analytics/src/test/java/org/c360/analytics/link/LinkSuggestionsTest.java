package org.c360.analytics.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.c360.analytics.identity.IdentityRole;
import org.c360.analytics.identity.IdentitySources;
import org.c360.analytics.ingest.ImportResult;
import org.c360.analytics.ingest.Importer;
import org.c360.analytics.mapping.Mappings;
import org.c360.analytics.mapping.TableMapping;
import org.c360.analytics.testing.TestWorkspaces;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suggested links on small files where the right answer is known: a helpdesk export whose messy e-mail
 * addresses are the customers' once canonicalised, an order feed whose "buyer" is the customer id, and a
 * column of small numbers that overlaps the customer ids by accident.
 */
class LinkSuggestionsTest {

    @TempDir
    Path dir;
    private Workspace workspace;
    private LinkSuggestions links;

    @BeforeEach
    void open() {
        workspace = TestWorkspaces.create(dir);
        links = new LinkSuggestions(workspace);
        importCsv("customers.csv", customers());
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    /** 200 customers, ids 1..200; a third of them on Gmail. */
    static String customers() {
        StringBuilder csv = new StringBuilder("customer_id,email,name\n");
        for (int i = 1; i <= 200; i++) {
            csv.append(i).append(',').append(email(i)).append(",Person ").append(i).append('\n');
        }
        return csv.toString();
    }

    static String email(int i) {
        return switch (i % 3) {
            case 0 -> "first" + i + ".last@gmail.com";
            case 1 -> "user" + i + "@example.org";
            default -> "p" + i + "@shop.de";
        };
    }

    /**
     * 80 tickets of customers 2, 4, ... 160 written the way people type addresses (case, spaces, +tags,
     * googlemail.com, Gmail dots), plus three placeholders; "units" holds 1..9, all of them customer ids too.
     */
    static String tickets() {
        StringBuilder csv = new StringBuilder("case_no,client_email,units,note\n");
        for (int k = 1; k <= 80; k++) {
            int customer = 2 * k;
            String address = email(customer);
            String messy = switch (k % 5) {
                case 0 -> address.toUpperCase(Locale.ROOT);
                case 1 -> "  " + address + " ";
                case 2 -> address.replace("@gmail.com", "+support@gmail.com");
                case 3 -> address.replace("@gmail.com", "@googlemail.com").replace(".last", "last");
                default -> address.substring(0, 1).toUpperCase(Locale.ROOT) + address.substring(1);
            };
            csv.append("CS-").append(5000 + k).append(',').append('"').append(messy).append('"').append(',')
                    .append(1 + k % 9).append(",note ").append(k).append('\n');
        }
        csv.append("CS-6001,n/a,2,x\nCS-6002,none,3,y\nCS-6003,unknown,4,z\n");
        return csv.toString();
    }

    /** Orders with their own ids and the buyer's customer id (every third customer, across the whole range). */
    static String orders() {
        StringBuilder csv = new StringBuilder("order_id,buyer,amount,ordered_at\n");
        for (int k = 1; k <= 60; k++) {
            csv.append(9000 + k).append(',').append(3 * k + (k % 2)).append(',').append(10 + k).append(".50,2024-03-")
                    .append(String.format("%02d", 1 + k % 28)).append(" 10:00:00\n");
        }
        return csv.toString();
    }

    private ImportResult importCsv(String name, String content) {
        return new Importer(workspace).importFiles(List.of(TestWorkspaces.write(dir, name, content)), Progress.none());
    }

    private List<LinkFinder.Candidate> candidates(String table, LinkOptions options) throws Exception {
        try (Connection connection = workspace.connect()) {
            return new LinkFinder(connection, options, Progress.none()).find(List.of(table)).getFirst().candidates();
        }
    }

    @Test
    void messyEmailsThatAreTheCustomersOnesRankFirst() throws Exception {
        importCsv("tickets_export.csv", tickets());
        List<LinkFinder.Candidate> all = candidates("raw_tickets_export", new LinkOptions(20_000, 1_000_000, 0, 0));
        LinkFinder.Candidate first = all.getFirst();
        assertEquals("client_email", first.column(), all.toString());
        assertEquals(Link.EMAIL, first.link());
        assertEquals("customers.email", first.target());
        assertEquals(80, first.matched(), first.evidence());
        assertEquals(83, first.distinctValues());
        assertTrue(first.score() > 0.8, first.toString());
        assertTrue(first.evidence().startsWith("80 of 83 distinct values (96.4%) found in customers.email; "
                + "3 are not usable e-mail addresses"), first.evidence());
        assertTrue(first.evidence().contains("name similar to email"), first.evidence());
    }

    @Test
    void smallNumbersFoundAmongDenseIdsByChanceRankLow() throws Exception {
        importCsv("tickets_export.csv", tickets());
        List<LinkFinder.Candidate> all = candidates("raw_tickets_export", new LinkOptions(20_000, 1_000_000, 0, 0));
        LinkFinder.Candidate units = all.stream().filter(c -> c.column().equals("units")).findFirst().orElseThrow();
        // every value is a customer id, yet 1..9 in a dense range 1..200 proves nothing
        assertEquals(1.0, units.containment());
        assertTrue(units.score() < 0.1, units.toString());
        assertTrue(all.indexOf(units) > all.indexOf(all.stream().filter(c -> c.column().equals("client_email")).findFirst().orElseThrow()));
        assertTrue(units.evidence().contains("so most numbers would be found there by chance, and these are not spread"
                + " like them"), units.evidence());
        // and with the default threshold it is not proposed at all
        assertTrue(candidates("raw_tickets_export", LinkOptions.DEFAULTS).stream().noneMatch(c -> c.column().equals("units")));
    }

    @Test
    void customerIdsSpreadOverTheRangeAreALinkWhateverTheColumnIsCalled() throws Exception {
        importCsv("order_feed.csv", orders());
        TableMapping detected = new Mappings(workspace).saved("raw_order_feed").orElseThrow();
        assertTrue(detected.source("customer_id").isEmpty(), "detection does not know 'buyer': " + detected);
        LinkFinder.Candidate buyer = candidates("raw_order_feed", LinkOptions.DEFAULTS).getFirst();
        assertEquals("buyer", buyer.column());
        assertEquals(Link.CUSTOMER, buyer.link());
        assertEquals("customers.customer_id", buyer.target());
        assertEquals(1.0, buyer.containment());
        assertTrue(buyer.score() > 0.6, buyer.toString());
        assertTrue(buyer.evidence().contains("name similar to customer_id"), buyer.evidence());
    }

    @Test
    void draftsChangeNothing() {
        importCsv("order_feed.csv", orders());
        importCsv("tickets_export.csv", tickets());
        String state = "SELECT * FROM column_mappings ORDER BY ALL";
        String roles = "SELECT count(*) FROM identity_sources";
        var mappingsBefore = TestWorkspaces.query(workspace, state).rows().stream().map(java.util.Arrays::asList).toList();
        long customersBefore = TestWorkspaces.scalar(workspace, "SELECT count(customer_id) FROM transactions");
        List<LinkSuggestions.TableScan> scans = links.refresh(List.of("raw_order_feed", "raw_tickets_export"), Progress.none());
        assertEquals(2, scans.size());
        assertTrue(scans.stream().allMatch(s -> s.drafts() >= 1), scans.toString());
        assertEquals(mappingsBefore, TestWorkspaces.query(workspace, state).rows().stream().map(java.util.Arrays::asList).toList());
        assertEquals(0, TestWorkspaces.scalar(workspace, roles));
        assertEquals(customersBefore, TestWorkspaces.scalar(workspace, "SELECT count(customer_id) FROM transactions"));
        assertTrue(links.list("raw_order_feed", false).stream().allMatch(s -> s.status() == Suggestion.Status.DRAFT));
    }

    @Test
    void approvingMapsTheColumnAndGivesItItsIdentityRole() {
        importCsv("order_feed.csv", orders());
        links.refresh(List.of("raw_order_feed"), Progress.none());
        Suggestion buyer = links.list("raw_order_feed", false).getFirst();
        assertEquals("transactions.customer_id", buyer.plan().entityColumn());
        assertEquals(IdentityRole.CUSTOMER_ID, buyer.plan().identityRole());

        Approval approval = links.approve(buyer.id(), "ana", Progress.none());
        assertTrue(approval.describe().startsWith("Approved #" + buyer.id() + " raw_order_feed.buyer → customer id: "
                + "transactions.customer_id ← buyer; identity role customer id ← buyer."), approval.describe());
        TableMapping mapping = new Mappings(workspace).saved("raw_order_feed").orElseThrow();
        assertEquals(Optional.of("buyer"), mapping.source("customer_id"));
        assertTrue(mapping.confirmed());
        assertEquals(60, TestWorkspaces.scalar(workspace, "SELECT count(customer_id) FROM transactions"));
        assertEquals(Optional.of("buyer"), new IdentitySources(workspace).saved("raw_order_feed").orElseThrow()
                .column(IdentityRole.CUSTOMER_ID));
        Suggestion decided = links.get(buyer.id());
        assertEquals(Suggestion.Status.APPROVED, decided.status());
        assertEquals("ana", decided.decidedBy());
        // in force now: not proposed again, and a second approval is refused
        links.refresh(List.of("raw_order_feed"), Progress.none());
        assertTrue(links.list("raw_order_feed", false).stream().noneMatch(s -> s.column().equals("buyer")));
        C360Exception again = assertThrows(C360Exception.class, () -> links.approve(buyer.id(), "ana", Progress.none()));
        assertTrue(again.getMessage().startsWith("Suggested link #" + buyer.id() + " was approved already"), again.getMessage());
    }

    @Test
    void rejectingHidesALinkForGood() {
        importCsv("tickets_export.csv", tickets());
        links.refresh(List.of("raw_tickets_export"), Progress.none());
        Suggestion email = links.list("raw_tickets_export", false).getFirst();
        assertEquals("client_email", email.column());
        assertEquals(IdentityRole.EMAIL, email.plan().identityRole());
        links.reject(email.id(), "ana");
        assertTrue(links.list("raw_tickets_export", false).stream().noneMatch(s -> s.id() == email.id()));
        links.refresh(List.of("raw_tickets_export"), Progress.none());
        assertTrue(links.list("raw_tickets_export", false).stream().noneMatch(s -> s.column().equals("client_email")));
        assertEquals(List.of(Suggestion.Status.REJECTED), links.list("raw_tickets_export", true).stream()
                .filter(s -> s.column().equals("client_email")).map(Suggestion::status).toList());
        assertEquals(0, TestWorkspaces.scalar(workspace, "SELECT count(*) FROM identity_sources"));
    }

    @Test
    void afterResolutionTheResolvedRecordsAreTargetsAndOwnRowsAreNoEvidence() throws Exception {
        // a CRM with its own ids, resolved; then gift cards that name the CRM contact as "contact ref"
        StringBuilder crm = new StringBuilder("crm_id,first_name,last_name,email\n");
        for (int i = 1; i <= 60; i++) {
            crm.append("CRM-").append(String.format("%06d", 1000 + 17 * i)).append(",Ann").append(i).append(",Lee").append(i)
                    .append(",ann").append(i).append("@lee.org\n");
        }
        importCsv("crm_contacts.csv", crm.toString());
        new org.c360.analytics.identity.Resolver(workspace).resolve(org.c360.analytics.identity.ResolveOptions.DEFAULTS,
                Progress.none());
        StringBuilder cards = new StringBuilder("card,contact_ref\n");
        for (int i = 1; i <= 30; i++) {
            cards.append("G").append(i).append(",crm-").append(1000 + 17 * 2 * i).append('\n');
        }
        importCsv("gift_cards.csv", cards.toString());
        LinkFinder.Candidate contact = candidates("raw_gift_cards", LinkOptions.DEFAULTS).getFirst();
        assertEquals("contact_ref", contact.column());
        assertEquals(Link.CRM_ID, contact.link());
        assertEquals("identity records (CRM id)", contact.target());
        assertEquals(30, contact.matched());
        // the CRM's own ids are in the identity records too, but not as evidence that they link to themselves
        assertTrue(candidates("raw_crm_contacts", LinkOptions.DEFAULTS).stream().noneMatch(c -> c.column().equals("crm_id")));
    }

    @Test
    void anImportLooksForLinksOfItsTablesAndTheyStayFreshUntilTheNextImport() {
        ImportResult result = importCsv("tickets_export.csv", tickets());
        assertTrue(links.isStale("raw_tickets_export"));
        List<LinkSuggestions.TableScan> scans = links.afterImport(result, Progress.none());
        assertEquals(List.of("raw_tickets_export"), scans.stream().map(LinkSuggestions.TableScan::rawTable).toList());
        assertFalse(links.isStale("raw_tickets_export"));
        assertEquals(List.of(), links.refreshStale(List.of("raw_tickets_export"), Progress.none()));
        importCsv("order_feed.csv", orders());
        assertTrue(links.isStale("raw_tickets_export"));
        assertEquals(1, links.pending().get("raw_tickets_export"));
    }
}
