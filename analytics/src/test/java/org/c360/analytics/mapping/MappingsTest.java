package org.c360.analytics.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.c360.analytics.entity.Entity;
import org.c360.analytics.entity.Field;
import org.c360.analytics.ingest.Importer;
import org.c360.analytics.testing.TestWorkspaces;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MappingsTest {

    @TempDir
    Path dir;
    private Workspace workspace;
    private Mappings mappings;

    @BeforeEach
    void open() {
        workspace = TestWorkspaces.create(dir);
        mappings = new Mappings(workspace);
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    private void importCsv(String name, String content) {
        new Importer(workspace).importFiles(List.of(TestWorkspaces.write(dir, name, content)), Progress.none());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cust_id", "customerId", "Customer ID", "CUSTOMER_ID", "client_id", "customer-no"})
    void customerIdIsRecognisedUnderItsUsualNames(String header) {
        importCsv("people.csv", header + ",email,segment\n1,a@x.com,VIP\n2,b@x.com,Basic\n");
        TableMapping mapping = mappings.saved("raw_people").orElseThrow();
        assertEquals(Entity.CUSTOMERS, mapping.entity());
        assertEquals(header, mapping.source("customer_id").orElseThrow());
        assertFalse(mapping.confirmed());
    }

    @Test
    void anEmailColumnIsFoundByItsValuesWhateverItsName() {
        importCsv("customers.csv", "customer_id,contact,nickname\n1,ann@example.com,a\n2,bob@example.org,b\n3,cid@example.net,c\n");
        assertEquals("contact", mappings.saved("raw_customers").orElseThrow().source("email").orElseThrow());
    }

    @Test
    void aNumberColumnFullOfWordsIsNotTakenForTheAmount() {
        importCsv("orders.csv", "order_id,customer_id,amount,total\n1,5,lots,10.5\n2,6,few,3.0\n3,7,some,8.25\n");
        TableMapping mapping = mappings.saved("raw_orders").orElseThrow();
        assertEquals(Entity.TRANSACTIONS, mapping.entity());
        assertEquals("total", mapping.source("amount").orElseThrow());
    }

    @Test
    void aTableThatIsNoEntityIsLeftUnmapped() {
        importCsv("weather.csv", "day,temperature,rain\n2024-01-01,3.5,0\n2024-01-02,4.0,1\n");
        assertTrue(mappings.saved("raw_weather").isEmpty());
        assertFalse(workspace.catalog().exists("customers"));
    }

    @Test
    void correctingAMappingRebuildsTheEntity() {
        importCsv("customers.csv", "customer_id,email,alias,full_label\n1,a@x.com,al,Ann Lee\n2,b@x.com,bo,Bob Ray\n");
        TableMapping detected = mappings.saved("raw_customers").orElseThrow();
        assertTrue(detected.source("name").isEmpty());
        mappings.save(detected.withColumn("name", "full_label"), Progress.none());
        assertEquals(List.of("Ann Lee", "Bob Ray"), TestWorkspaces.column(workspace, "SELECT name FROM customers ORDER BY 1"));
        assertTrue(mappings.saved("raw_customers").orElseThrow().confirmed());
    }

    @Test
    void remappingToAnotherEntityMovesTheRows() {
        importCsv("items.csv", "product_id,name,price\n1,Lamp,20\n2,Desk,150\n");
        assertEquals(2, TestWorkspaces.scalar(workspace, "SELECT count(*) FROM products"));
        TableMapping asCustomers = new TableMapping("raw_items", Entity.CUSTOMERS,
                java.util.Map.of("customer_id", "product_id", "name", "name"), true);
        mappings.save(asCustomers, Progress.none());
        assertFalse(workspace.catalog().exists("products"));
        assertEquals(2, TestWorkspaces.scalar(workspace, "SELECT count(*) FROM customers"));
        mappings.unmap("raw_items", Progress.none());
        assertFalse(workspace.catalog().exists("customers"));
        assertTrue(mappings.saved("raw_items").isEmpty());
    }

    @Test
    void aMappingWithoutItsKeyIsRefused() {
        importCsv("customers.csv", "customer_id,email\n1,a@x.com\n");
        TableMapping withoutKey = mappings.saved("raw_customers").orElseThrow().withColumn("customer_id", null);
        C360Exception e = assertThrows(C360Exception.class, () -> mappings.save(withoutKey, Progress.none()));
        assertTrue(e.getMessage().contains("needs a column for customer_id"), e.getMessage());
    }

    @Test
    void eventsWithoutTheirOwnIdGetOneFromTheirOrigin() {
        importCsv("events.csv", "customer_id,event_type,timestamp\n1,view,2024-01-01 10:00:00\n1,cart,2024-01-01 10:05:00\n");
        TableMapping mapping = mappings.saved("raw_events").orElseThrow();
        assertEquals(Entity.INTERACTIONS, mapping.entity());
        assertEquals(List.of("raw_events:2", "raw_events:3"),
                TestWorkspaces.column(workspace, "SELECT interaction_id FROM interactions ORDER BY 1"));
    }

    @Test
    void idsStayIntegersUntilATextIdArrives() {
        importCsv("customers.csv", "customer_id,email\n1,a@x.com\n2,b@x.com\n");
        assertEquals("BIGINT", TestWorkspaces.query(workspace, "SELECT typeof(customer_id) FROM customers LIMIT 1").value(0, 0));
        importCsv("orders.csv", "order_id,customer_id,amount\nA-1,C-9,10\n");
        assertEquals("VARCHAR", TestWorkspaces.query(workspace, "SELECT typeof(customer_id) FROM customers LIMIT 1").value(0, 0));
        assertEquals("VARCHAR", TestWorkspaces.query(workspace, "SELECT typeof(customer_id) FROM transactions LIMIT 1").value(0, 0));
        // and the two still join
        assertEquals(0, TestWorkspaces.scalar(workspace,
                "SELECT count(*) FROM transactions t JOIN customers c USING (customer_id)"));
    }

    @Test
    void normalisedNamesIgnoreCaseAndPunctuation() {
        assertEquals("customerid", Field.normalize("Customer ID"));
        assertEquals("customerid", Field.normalize("customer_id"));
        assertEquals("emailaddress", Field.normalize("E-Mail Address"));
    }
}
