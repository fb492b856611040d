package org.c360.datasets.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import org.c360.analytics.work.Progress;
import org.c360.datasets.ecommerce.DataFormat;
import org.c360.datasets.ecommerce.EcommerceGenerator;
import org.c360.datasets.ecommerce.GeneratedDataset;
import org.c360.datasets.ecommerce.GeneratedTable;
import org.c360.datasets.ecommerce.GeneratorOptions;
import org.c360.datasets.ecommerce.Manifest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source exports of one dataset (scale 0.01: 10,000 persons), read back from the files: the ground
 * truth covers every record once, each kind of dirt has its documented share, the hard cases (CRM
 * duplicates with a typo, shared e-mails and devices, junk) exist, and everything else is resolvable:
 * the identifiers of a person's records, normalised, link them to that person's CRM record.
 */
class SourcesDataTest {

    @TempDir
    static Path dir;
    static GeneratedDataset dataset;
    static SourceFiles data;
    static final long PERSONS = 10_000;

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Map<String, String> ISO2 = Map.ofEntries(Map.entry("United States", "US"),
            Map.entry("United Kingdom", "GB"), Map.entry("Germany", "DE"), Map.entry("France", "FR"),
            Map.entry("Canada", "CA"), Map.entry("Australia", "AU"), Map.entry("Spain", "ES"), Map.entry("Italy", "IT"),
            Map.entry("Netherlands", "NL"), Map.entry("Brazil", "BR"), Map.entry("Japan", "JP"), Map.entry("India", "IN"));
    private static final String JUNK_PHONES = "('0000000000', 'n/a', 'unknown', '', '123456789')";

    @BeforeAll
    static void generate() throws SQLException {
        dataset = EcommerceGenerator.generate(new GeneratorOptions(0.01, 7, DataFormat.parquet, dir, true), Progress.none());
        data = SourceFiles.open(dir);
    }

    @AfterAll
    static void close() throws SQLException {
        data.close();
    }

    @Test
    void everySourceFileIsWrittenAndInTheManifest() throws Exception {
        Manifest manifest = Manifest.read(dir).orElseThrow();
        assertEquals(SourceFile.values().length, dataset.sources().size());
        for (int i = 0; i < SourceFile.values().length; i++) {
            SourceFile source = SourceFile.values()[i];
            GeneratedTable table = dataset.sources().get(i);
            assertEquals(source.table(), table.name());
            assertEquals(dir.resolve(source.fileName()), table.file());
            assertEquals(Files.size(table.file()), table.bytes());
            assertEquals(data.count("SELECT count(*) FROM " + source.table()), table.rows(), source.table());
            assertTrue(manifest.tables().contains(new Manifest.Entry(source.table(), source.fileName(), table.rows(), table.bytes())));
        }
        assertTrue(manifest.isCompleteIn(dir));
    }

    @Test
    void groundTruthCoversEveryRecordExactlyOnce() throws SQLException {
        assertEquals(0, data.count("SELECT count(*) FROM (SELECT source, record_id FROM ground_truth GROUP BY ALL HAVING count(*) > 1)"));
        long total = 0;
        for (SourceFile source : SourceFile.records()) {
            String id = "\"" + source.idColumn().orElseThrow() + "\"";
            String truth = "truth('" + source.table() + "')";
            long records = data.count("SELECT count(*) FROM " + source.table());
            assertEquals(records, data.count("SELECT count(DISTINCT " + id + ") FROM " + source.table()), source + " ids are unique");
            assertEquals(records, data.count("SELECT count(*) FROM " + truth), source.table());
            assertEquals(0, data.count("SELECT count(*) FROM " + source.table() + " s ANTI JOIN " + truth + " t ON t.record_id = s." + id),
                    source.table());
            total += records;
        }
        assertEquals(total, data.count("SELECT count(*) FROM ground_truth"));
        assertEquals(0, data.count("SELECT count(*) FROM ground_truth g ANTI JOIN customers c ON c.customer_id = g.person_id::BIGINT"));
    }

    @Test
    void volumesFollowTheScale() throws SQLException {
        assertBetween("CRM records per person", data.count("SELECT count(*) FROM crm_customers") / (double) PERSONS, 1.02, 1.04);
        assertBetween("loyalty members per person", data.count("SELECT count(*) FROM loyalty_members") / (double) PERSONS, 0.37, 0.45);
        assertBetween("web events per person", data.count("SELECT count(*) FROM web_events") / (double) PERSONS, 4.0, 6.0);
        assertBetween("orders per transaction", data.number("SELECT (SELECT count(*) FROM orders) / count(*) FROM read_parquet('"
                + dir.resolve("transactions.parquet") + "')"), 0.19, 0.21);
        assertBetween("tickets per person", data.count("SELECT count(*) FROM support_tickets") / (double) PERSONS, 0.25, 0.33);
        assertBetween("subscribers", data.count("SELECT count(DISTINCT customer_id) FROM subscriptions") / (double) PERSONS, 0.20, 0.28);
        assertBetween("nested records per person", data.count("SELECT count(*) FROM customers_nested") / (double) PERSONS, 0.09, 0.11);
    }

    @Test
    void crmDuplicatesCarryAOneEditNameTypo() throws SQLException {
        String pairs = """
                SELECT a.first_name AS f1, a.last_name AS l1, b.first_name AS f2, b.last_name AS l2,
                       a.customer_id AS c1, b.customer_id AS c2, a.person_id
                FROM (SELECT c.*, t.person_id, row_number() OVER (PARTITION BY t.person_id ORDER BY c.crm_id) AS n
                      FROM crm_customers c JOIN truth('crm_customers') t ON t.record_id = c.crm_id) a
                JOIN (SELECT c.*, t.person_id, row_number() OVER (PARTITION BY t.person_id ORDER BY c.crm_id) AS n
                      FROM crm_customers c JOIN truth('crm_customers') t ON t.record_id = c.crm_id) b
                  ON a.person_id = b.person_id AND a.n = 1 AND b.n = 2""";
        long duplicated = data.count("SELECT count(*) FROM (" + pairs + ")");
        assertBetween("persons twice in the CRM", duplicated / (double) PERSONS, 0.025, 0.035);
        assertEquals(0, data.count("SELECT count(*) FROM (SELECT person_id FROM truth('crm_customers') GROUP BY 1 HAVING count(*) > 2)"));
        // the names differ by exactly one edit once case, accents and spaces are set aside
        assertEquals(duplicated, data.count("SELECT count(*) FROM (" + pairs + """
                ) WHERE levenshtein(lower(strip_accents(trim(f1) || ' ' || trim(l1))), lower(strip_accents(trim(f2) || ' ' || trim(l2)))) = 1"""));
        // every CRM record's shop id, where it has one, is its person's; half the duplicates have none
        assertEquals(0, data.count("""
                SELECT count(*) FROM crm_customers c JOIN truth('crm_customers') t ON t.record_id = c.crm_id
                WHERE c.customer_id::BIGINT <> t.person_id"""));
        assertBetween("duplicates without a shop id", data.number("SELECT avg((c1 IS NULL OR c2 IS NULL)::INTEGER) FROM (" + pairs + ")"),
                0.35, 0.65);
    }

    @Test
    void emailsAreDirtyInTheDocumentedShares() throws SQLException {
        String crm = "SELECT email FROM crm_customers WHERE contains(email, '@') AND lower(trim(email)) NOT IN ('test@test.com', 'noemail@example.com')";
        assertBetween("padded with spaces", data.number("SELECT avg((email <> trim(email))::INTEGER) FROM (" + crm + ")"), 0.08, 0.12);
        assertBetween("with capitals", data.number("SELECT avg((email <> lower(email))::INTEGER) FROM (" + crm + ")"), 0.26, 0.34);
        // the main address as registered in the shop, written otherwise: Gmail's dots, googlemail.com, +tags
        String main = """
                SELECT lower(trim(c.email)) AS written, k.email AS registered
                FROM crm_customers c JOIN truth('crm_customers') t ON t.record_id = c.crm_id JOIN customers k ON k.customer_id = t.person_id
                WHERE norm_email(c.email) = norm_email(k.email)""";
        assertBetween("Gmail addresses written another way", data.number("SELECT avg((written <> registered)::INTEGER) FROM ("
                + main + ") WHERE registered LIKE '%@gmail.com'"), 0.18, 0.26);
        assertBetween("other addresses with a +tag", data.number("SELECT avg((written <> registered)::INTEGER) FROM ("
                + main + ") WHERE registered NOT LIKE '%@gmail.com'"), 0.015, 0.045);
        assertTrue(data.count("SELECT count(*) FROM crm_customers WHERE email IN ('test@test.com', 'unknown', 'n/a', '')") > 30);
        // some persons use a second address: never another person's, and anchored by a phone or a shop id
        double second = data.number("""
                SELECT count(DISTINCT t.person_id) / 10000 FROM loyalty_members l JOIN truth('loyalty_members') t ON t.record_id = l.loyalty_id
                JOIN customers k ON k.customer_id = t.person_id
                WHERE norm_email(l.email) <> norm_email(k.email) AND l.email NOT LIKE '%info@%' AND l.phone IS NOT NULL""");
        assertTrue(second > 0.01, "persons with a second address in the loyalty programme: " + second);
    }

    @Test
    void sharedEmailsBelongToTwoToFivePersons() throws SQLException {
        String used = """
                SELECT norm_email(email) AS mailbox, person_id FROM (
                    SELECT c.email, t.person_id FROM crm_customers c JOIN truth('crm_customers') t ON t.record_id = c.crm_id
                    UNION ALL SELECT l.email, t.person_id FROM loyalty_members l JOIN truth('loyalty_members') t ON t.record_id = l.loyalty_id
                    UNION ALL SELECT o.email, t.person_id FROM orders o JOIN truth('orders') t ON t.record_id = o.order_id
                    UNION ALL SELECT s.email, t.person_id FROM support_tickets s JOIN truth('support_tickets') t ON t.record_id = s.ticket_id
                    UNION ALL SELECT n.email, t.person_id FROM customers_nested n JOIN truth('customers_nested') t ON t.record_id = n."customerId")
                WHERE norm_email(email) IS NOT NULL""";
        String shared = "SELECT mailbox, count(DISTINCT person_id) AS persons FROM (" + used + ") GROUP BY 1 HAVING count(DISTINCT person_id) > 1";
        assertEquals(0, data.count("SELECT count(*) FROM (" + shared + ") WHERE persons > 5"));
        assertTrue(data.count("SELECT count(*) FROM (" + shared + ") WHERE mailbox LIKE 'info@%' OR mailbox LIKE 'office@%'"
                + " OR mailbox LIKE 'contact@%' OR mailbox LIKE 'team@%' OR mailbox LIKE 'orders@%'") > 0, "role addresses");
        assertTrue(data.count("SELECT count(*) FROM (" + shared + ") WHERE mailbox LIKE '%family%' OR mailbox LIKE 'the.%'") > 0,
                "family addresses");
        assertBetween("persons using a shared address", data.count("SELECT count(DISTINCT person_id) FROM (" + used
                + ") WHERE mailbox IN (SELECT mailbox FROM (" + shared + "))") / (double) PERSONS, 0.006, 0.016);
    }

    @Test
    void phonesParseAsTheirPersonsCountryAndNeverRepeatAcrossPersons() throws Exception {
        List<String[]> rows = data.rows("""
                SELECT 'crm', c.phone, k.country, t.person_id, c.country IS NOT NULL FROM crm_customers c
                JOIN truth('crm_customers') t ON t.record_id = c.crm_id JOIN customers k ON k.customer_id = t.person_id
                WHERE c.phone IS NOT NULL AND c.phone NOT IN""" + JUNK_PHONES + """
                UNION ALL
                SELECT 'loyalty', l.phone, k.country, t.person_id, false FROM loyalty_members l
                JOIN truth('loyalty_members') t ON t.record_id = l.loyalty_id JOIN customers k ON k.customer_id = t.person_id
                WHERE l.phone IS NOT NULL AND l.phone NOT IN""" + JUNK_PHONES);
        Map<String, Set<String>> personsOfNumber = new HashMap<>();
        Map<String, Set<String>> numbersOfPerson = new HashMap<>();
        int e164 = 0;
        int national = 0;
        for (String[] row : rows) {
            String region = ISO2.get(row[2]);
            // without a country in the row only international forms are allowed: +CC or 00CC
            String text = row[4].equals("true") ? row[1] : row[1].replaceFirst("^00", "+");
            PhoneNumber number = PHONES.parse(text, row[4].equals("true") ? region : "ZZ");
            assertTrue(PHONES.isValidNumber(number), row[1] + " is a valid number");
            assertEquals(region, PHONES.getRegionCodeForNumber(number), row[1] + " is a number of " + row[2]);
            String normal = PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
            personsOfNumber.computeIfAbsent(normal, n -> new HashSet<>()).add(row[3]);
            numbersOfPerson.computeIfAbsent(row[3], n -> new HashSet<>()).add(normal);
            e164 += row[1].equals(normal) ? 1 : 0;
            national += row[1].startsWith("+") || row[1].startsWith("00") ? 0 : 1;
        }
        assertTrue(personsOfNumber.values().stream().allMatch(p -> p.size() == 1), "no number is used by two persons");
        assertTrue(numbersOfPerson.values().stream().allMatch(n -> n.size() <= 2), "at most two numbers a person");
        assertBetween("E.164 as written", e164 / (double) rows.size(), 0.16, 0.24);
        assertBetween("national forms", national / (double) rows.size(), 0.30, 0.45);
        assertTrue(data.count("SELECT count(*) FROM crm_customers WHERE phone IN " + JUNK_PHONES) > 30, "junk phones");
    }

    @Test
    void countriesAreNamesCodesAndAliasesOfThePersonsCountry() throws SQLException {
        String crm = "SELECT c.country AS written, k.country AS truth FROM crm_customers c JOIN truth('crm_customers') t ON t.record_id = c.crm_id"
                + " JOIN customers k ON k.customer_id = t.person_id WHERE c.country IS NOT NULL";
        // English names 40 %, local names 12 % (the same words for five of the twelve countries)
        assertBetween("English names", data.number("SELECT avg((written = truth)::INTEGER) FROM (" + crm + ")"), 0.41, 0.53);
        assertBetween("ISO codes", data.number("SELECT avg((length(written) IN (2, 3) AND written = upper(written))::INTEGER) FROM ("
                + crm + ")"), 0.27, 0.33);
        assertTrue(data.count("SELECT count(*) FROM (" + crm + ") WHERE written IN ('U.S.A.', 'Deutschland', 'deutschland', 'UK', 'Holland')") > 0);
        // every written form names exactly one country
        assertEquals(0, data.count("SELECT count(*) FROM (SELECT lower(written) FROM (" + crm + ") GROUP BY 1 HAVING count(DISTINCT truth) > 1)"));
    }

    @Test
    void timestampsComeInSeveralFormatsAndZones() throws SQLException {
        String created = "SELECT created_at AS t FROM crm_customers";
        assertShare(created, "regexp_full_match(t, '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d')", 0.35);
        assertShare(created, "regexp_full_match(t, '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ')", 0.15);
        assertShare(created, "regexp_full_match(t, '\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d')", 0.15);
        assertShare(created, "regexp_full_match(t, '\\d\\d\\.\\d\\d\\.\\d{4} \\d\\d:\\d\\d')", 0.10);
        assertShare(created, "regexp_full_match(t, '\\d{9,10}')", 0.10);
        assertTrue(data.count("SELECT count(DISTINCT regexp_extract(created_at, '[+-]\\d\\d:\\d\\d$')) FROM crm_customers") >= 8, "several offsets");
        // web events: ISO with offsets and epoch milliseconds (JSON numbers)
        assertTrue(data.count("SELECT count(*) FROM web_events WHERE json_type(\"timestamp\") = 'UBIGINT'") > 1000);
        assertTrue(data.count("SELECT count(*) FROM web_events WHERE \"timestamp\"::VARCHAR LIKE '%+05:30\"'") > 0, "India's offset");
        // dates of birth: a slash is always month first, a dot always day first
        assertShare("SELECT date_of_birth AS t FROM crm_customers WHERE date_of_birth IS NOT NULL", "t LIKE '%/%'", 0.20);
        assertShare("SELECT date_of_birth AS t FROM crm_customers WHERE date_of_birth IS NOT NULL", "t LIKE '%.%'", 0.20);
    }

    @Test
    void loggedInEventsBelongToTheirUserAndAnonymousOnesToTheirSessionsUser() throws SQLException {
        String events = "SELECT e.*, t.person_id FROM web_events e JOIN truth('web_events') t ON t.record_id = e.event_id";
        assertEquals(0, data.count("SELECT count(*) FROM (" + events + ") WHERE user_id::BIGINT <> person_id"));
        // anonymous events then a login in the same session
        long anonymousThenLogin = data.count("""
                SELECT count(*) FROM (SELECT session_id, min(event_id::VARCHAR) FILTER (user_id IS NULL) AS a,
                                             bool_or(user_id IS NOT NULL) AS logged FROM web_events GROUP BY 1)
                WHERE a IS NOT NULL AND logged""");
        assertTrue(anonymousThenLogin > 0.3 * PERSONS, "sessions anonymous, then logged in: " + anonymousThenLogin);
        assertEquals(0, data.count("""
                SELECT count(*) FROM (SELECT session_id FROM web_events GROUP BY 1
                                      HAVING count(DISTINCT user_id) > 1 OR count(DISTINCT device_id) > 1)"""));
        // an anonymous event's person is the one who logs in during its session or, failing that, the
        // only one who ever logs in on its device
        assertEquals(0, data.count("SELECT count(*) FROM (" + events + """
                ) e LEFT JOIN (SELECT session_id, any_value(user_id) AS s_user FROM web_events WHERE user_id IS NOT NULL GROUP BY 1) s USING (session_id)
                LEFT JOIN (SELECT device_id, any_value(user_id) AS d_user FROM web_events WHERE user_id IS NOT NULL
                           GROUP BY 1 HAVING count(DISTINCT user_id) = 1) d USING (device_id)
                WHERE e.user_id IS NULL AND coalesce(s_user, d_user)::BIGINT IS DISTINCT FROM e.person_id"""));
    }

    @Test
    void someDevicesAreSharedByTwoPersons() throws SQLException {
        String devices = """
                SELECT device_id, count(DISTINCT t.person_id) AS persons, count(DISTINCT user_id) AS users
                FROM web_events e JOIN truth('web_events') t ON t.record_id = e.event_id
                WHERE device_id <> '00000000-0000-0000-0000-000000000000' GROUP BY 1""";
        assertEquals(0, data.count("SELECT count(*) FROM (" + devices + ") WHERE persons > 2 OR persons <> users"));
        assertBetween("devices used by two persons", data.number("SELECT avg((persons = 2)::INTEGER) FROM (" + devices + ")"), 0.012, 0.03);
        // the all-zero id of phones that limit ad tracking: many persons, each told apart by the session
        assertTrue(data.count("""
                SELECT count(DISTINCT t.person_id) FROM web_events e JOIN truth('web_events') t ON t.record_id = e.event_id
                WHERE device_id = '00000000-0000-0000-0000-000000000000'""") > 5);
        assertTrue(data.count("SELECT count(DISTINCT event_name) FROM web_events") >= 25, "event names in several dialects");
    }

    @Test
    void aFewRecordsHaveNoUsableIdentifier() throws SQLException {
        double noEmail = data.number("SELECT avg((email IS NULL OR norm_email(email) IS NULL)::INTEGER) FROM support_tickets");
        assertBetween("tickets without a usable e-mail", noEmail, 0.015, 0.04);
        assertEquals(0, data.count("SELECT count(*) FROM loyalty_members WHERE email IS NULL AND phone IS NULL"));
        // a guest checkout whose e-mail was junk, e.g. empty
        assertBetween("guest orders without a usable e-mail", data.number(
                "SELECT avg((norm_email(email) IS NULL)::INTEGER) FROM orders WHERE customer_id IS NULL"), 0.001, 0.02);
    }

    @Test
    void everyRecordLinksToItsPersonsCrmRecordThroughIdentifiersOfItsOwn() throws Exception {
        // (record, identifier) for each identifier a record carries, normalised as a resolver would: shop
        // ids, e-mail mailboxes, devices, cookies, sessions; phones below, through libphonenumber
        String ids = """
                SELECT 'crm_customers/' || crm_id AS rec, 'cid:' || customer_id AS id FROM crm_customers WHERE customer_id IS NOT NULL
                UNION ALL SELECT 'crm_customers/' || crm_id, 'mail:' || norm_email(email) FROM crm_customers
                UNION ALL SELECT 'loyalty_members/' || loyalty_id, 'mail:' || norm_email(email) FROM loyalty_members
                UNION ALL SELECT 'web_events/' || event_id, 'cid:' || user_id FROM web_events
                UNION ALL SELECT 'web_events/' || event_id, 'dev:' || device_id FROM web_events
                UNION ALL SELECT 'web_events/' || event_id, 'ck:' || cookie_id FROM web_events
                UNION ALL SELECT 'web_events/' || event_id, 'ses:' || session_id FROM web_events
                UNION ALL SELECT 'orders/' || order_id, 'cid:' || customer_id FROM orders
                UNION ALL SELECT 'orders/' || order_id, 'mail:' || norm_email(email) FROM orders
                UNION ALL SELECT 'support_tickets/' || ticket_id, 'mail:' || norm_email(email) FROM support_tickets
                UNION ALL SELECT 'subscriptions/' || subscription_id, 'cid:' || customer_id FROM subscriptions
                UNION ALL SELECT 'customers_nested/' || "customerId", 'cid:' || substr("customerId", 6) FROM customers_nested
                UNION ALL SELECT 'customers_nested/' || "customerId", 'mail:' || norm_email(email) FROM customers_nested""";
        Map<String, String> personOf = new HashMap<>();
        for (String[] row : data.rows("SELECT source || '/' || record_id, person_id FROM ground_truth")) {
            personOf.put(row[0], row[1]);
        }
        Map<String, String> countryOf = new HashMap<>();
        for (String[] row : data.rows("SELECT customer_id, country FROM customers")) {
            countryOf.put(row[0], row[1]);
        }
        List<String[]> pairs = new java.util.ArrayList<>(data.rows("SELECT rec, id FROM (" + ids + ") WHERE id IS NOT NULL"));
        for (String[] row : data.rows("SELECT 'crm_customers/' || crm_id, phone, country IS NOT NULL FROM crm_customers"
                + " WHERE phone NOT IN " + JUNK_PHONES + " UNION ALL SELECT 'loyalty_members/' || loyalty_id, phone, false"
                + " FROM loyalty_members WHERE phone NOT IN " + JUNK_PHONES)) {
            String region = ISO2.get(countryOf.get(personOf.get(row[0])));
            PhoneNumber number = row[2].equals("true") ? PHONES.parse(row[1], region) : PHONES.parse(row[1].replaceFirst("^00", "+"), "ZZ");
            pairs.add(new String[] {row[0], "tel:" + PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164)});
        }
        // identifiers of two or more persons (household and firm addresses, shared tablets, the all-zero
        // device id, junk) are left out: a resolver must not trust them
        Map<String, Set<String>> personsOfId = new HashMap<>();
        pairs.forEach(p -> personsOfId.computeIfAbsent(p[1], i -> new HashSet<>()).add(personOf.get(p[0])));
        Map<String, String> parent = new HashMap<>();
        Map<String, String> firstOfId = new HashMap<>();
        for (String[] p : pairs) {
            if (personsOfId.get(p[1]).size() == 1) {
                String other = firstOfId.putIfAbsent(p[1], p[0]);
                parent.put(find(parent, p[0]), find(parent, other == null ? p[0] : other));
            }
        }
        // the person's anchor: the CRM record that carries its shop id
        Map<String, String> anchorOf = new HashMap<>();
        for (String[] row : data.rows("SELECT 'crm_customers/' || crm_id, customer_id FROM crm_customers WHERE customer_id IS NOT NULL")) {
            anchorOf.merge(row[1], row[0], (a, b) -> a.compareTo(b) < 0 ? a : b);
        }
        Map<String, int[]> bySource = new java.util.TreeMap<>();
        for (Map.Entry<String, String> record : personOf.entrySet()) {
            boolean linked = find(parent, record.getKey()).equals(find(parent, anchorOf.get(record.getValue())));
            int[] counts = bySource.computeIfAbsent(record.getKey().substring(0, record.getKey().indexOf('/')), s -> new int[2]);
            counts[0]++;
            counts[1] += linked ? 1 : 0;
        }
        StringBuilder report = new StringBuilder();
        bySource.forEach((source, c) -> report.append(String.format(java.util.Locale.ROOT, "%s %d/%d; ", source, c[1], c[0])));
        System.out.println("linked to their person's CRM record: " + report);
        for (Map.Entry<String, int[]> e : bySource.entrySet()) {
            // the tickets without a usable e-mail, and guest orders with a junk one, are expected to be lost
            double least = e.getKey().equals("support_tickets") ? 0.95 : 0.985;
            assertTrue(e.getValue()[1] >= least * e.getValue()[0], e.getKey() + " linked: " + report);
        }
        long linked = bySource.values().stream().mapToLong(c -> c[1]).sum();
        assertTrue(linked >= 0.995 * personOf.size(), "linked: " + report);
    }

    private static String find(Map<String, String> parent, String x) {
        String root = x;
        while (parent.containsKey(root) && !parent.get(root).equals(root)) {
            root = parent.get(root);
        }
        parent.put(x, root);
        return root;
    }

    private static void assertShare(String rows, String condition, double expected) throws SQLException {
        double share = data.number("SELECT avg((" + condition + ")::INTEGER) FROM (" + rows + ")");
        assertBetween(condition, share, expected - 0.025, expected + 0.025);
    }

    static void assertBetween(String what, double value, double low, double high) {
        assertTrue(value >= low && value <= high, what + ": " + value + " not in [" + low + ", " + high + "]");
    }
}
