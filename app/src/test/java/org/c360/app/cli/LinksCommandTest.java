package org.c360.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.c360.app.cli.CliTest.Run;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code c360 links}: drafts found at import, listed with their evidence, approved or rejected by id. */
class LinksCommandTest {

    @TempDir
    Path dir;
    String ws;

    @BeforeEach
    void importCustomersThenOrders() throws Exception {
        StringBuilder customers = new StringBuilder("customer_id,email,name\n");
        for (int i = 1; i <= 100; i++) {
            customers.append(i).append(",person").append(i).append("@example.org,Person ").append(i).append('\n');
        }
        // orders name their customer "buyer", which detection does not know; "contact" holds their addresses
        StringBuilder orders = new StringBuilder("order_id,buyer,contact,amount\n");
        for (int k = 1; k <= 40; k++) {
            int customer = 2 * k + k % 2;
            orders.append(5000 + k).append(',').append(customer).append(",\" Person").append(customer)
                    .append("@Example.org\",").append(10 + k).append(".5\n");
        }
        ws = dir.resolve("w.c360").toString();
        assertEquals(0, CliTest.c360("import", "-w", ws, Files.writeString(dir.resolve("customers.csv"), customers).toString())
                .exitCode());
        Run imported = CliTest.c360("import", "-w", ws, Files.writeString(dir.resolve("orders.csv"), orders).toString());
        assertEquals(0, imported.exitCode(), imported.err());
        assertTrue(imported.out().contains("raw_orders: 2 suggested links to known identifiers (c360 links --workspace "
                + ws + " --table raw_orders)"), imported.out());
    }

    @Test
    void draftsAreListedWithTheirEvidenceAndApprovedById() {
        Run list = CliTest.c360("links", "-w", ws, "--table", "raw_orders");
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().startsWith("raw_orders: 2 suggested links (drafts: nothing changes until one is approved)"), list.out());
        assertTrue(list.out().contains("40 of 40 distinct values (100.0%) found in customers.customer_id"), list.out());
        assertTrue(list.out().contains("approving sets: transactions.customer_id ← buyer; identity role customer id ← buyer"),
                list.out());
        assertTrue(list.out().contains("40 of 40 distinct values (100.0%) found in customers.email"), list.out());
        long buyer = id(list.out(), "buyer → customer id");

        Run approved = CliTest.c360("links", "-w", ws, "approve", Long.toString(buyer));
        assertEquals(0, approved.exitCode(), approved.err());
        assertTrue(approved.out().startsWith("Approved #" + buyer + " raw_orders.buyer → customer id: "
                + "transactions.customer_id ← buyer; identity role customer id ← buyer. The mapping of raw_orders is confirmed."
                + " transactions rebuilt: 40 rows."), approved.out());
        assertEquals("n\n40\n", CliTest.c360("sql", "-w", ws, "--format", "csv",
                "SELECT count(customer_id) AS n FROM transactions").out());
        Run listed = CliTest.c360("links", "-w", ws, "--table", "raw_orders", "--all");
        assertTrue(listed.out().contains("buyer → customer id") && listed.out().contains("approved by "), listed.out());

        Run twice = CliTest.c360("links", "-w", ws, "reject", "#" + buyer);
        assertEquals(1, twice.exitCode());
        assertTrue(twice.err().startsWith("c360: Suggested link #" + buyer + " was approved already"), twice.err());
    }

    @Test
    void aRejectedLinkIsNotProposedAgain() {
        long contact = id(CliTest.c360("links", "-w", ws).out(), "contact → e-mail");
        Run rejected = CliTest.c360("links", "-w", ws, "reject", Long.toString(contact));
        assertEquals(0, rejected.exitCode(), rejected.err());
        assertEquals("Rejected #" + contact + " raw_orders.contact → e-mail: it will not be proposed again.", rejected.out().strip());
        Run again = CliTest.c360("links", "-w", ws, "--table", "raw_orders", "--refresh");
        assertFalse(again.out().contains("contact → e-mail"), again.out());
        assertTrue(CliTest.c360("links", "-w", ws, "--all").out().contains("rejected by "));
        assertEquals("n\n0\n", CliTest.c360("sql", "-w", ws, "--format", "csv",
                "SELECT count(*) AS n FROM identity_sources").out());
    }

    @Test
    void badUsageIsOneSentenceAndExitCodeTwo() {
        for (String[] args : new String[][] {{"approve"}, {"approve", "twelve"}, {"frobnicate"}, {"list", "3"},
                {"approve", "3", "--table", "raw_orders"}}) {
            String[] full = new String[args.length + 3];
            full[0] = "links";
            full[1] = "-w";
            full[2] = ws;
            System.arraycopy(args, 0, full, 3, args.length);
            Run run = CliTest.c360(full);
            assertEquals(2, run.exitCode(), String.join(" ", args) + ": " + run.err());
            assertEquals(1, run.err().strip().lines().count(), run.err());
        }
        Run missing = CliTest.c360("links", "-w", ws, "approve", "999");
        assertEquals(1, missing.exitCode());
        assertEquals("c360: There is no suggested link #999.", missing.err().strip());
        Run noTable = CliTest.c360("links", "-w", ws, "--table", "raw_nowhere");
        assertEquals(1, noTable.exitCode());
        assertTrue(noTable.err().startsWith("c360: There is no imported table 'raw_nowhere'"), noTable.err());
    }

    /** The id of the listed suggestion with this headline. */
    private static long id(String listing, String headline) {
        Matcher matcher = Pattern.compile("#(\\d+)\\s+\\d+%\\s+" + Pattern.quote(headline)).matcher(listing);
        assertTrue(matcher.find(), listing);
        return Long.parseLong(matcher.group(1));
    }
}
