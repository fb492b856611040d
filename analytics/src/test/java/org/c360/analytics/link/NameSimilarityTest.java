package org.c360.analytics.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Column names say what they hold in many spellings; names of other things stay apart. */
class NameSimilarityTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cust_id | 1.0", "Customer ID | 1.0", "customerId | 1.0", "CUSTOMER_ID | 1.0", "client_no | 1.0",
            "cust_ref | 0.9", "buyer_id | 0.9", "buyer | 0.9", "customer_name | 0.3"})
    void customerIdsUnderTheirUsualNames(String column, double expected) {
        assertEquals(expected, NameSimilarity.of(column, Link.CUSTOMER.names()), 0.001, column);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"email_address | 1.0", "E-Mail | 1.0", "client_email | 0.8", "mail | 1.0",
            "mail_addr | 0.9"})
    void emailsUnderTheirUsualNames(String column, double expected) {
        assertEquals(expected, NameSimilarity.of(column, Link.EMAIL.names()), 0.001, column);
    }

    @ParameterizedTest
    @CsvSource({"customer_id, CRM_ID", "crm_id, CUSTOMER", "units, CUSTOMER", "id, PRODUCT", "order_total, ORDER", "signup_date, CUSTOMER",
            "points, LOYALTY_ID"})
    void otherNamesSayLittle(String column, Link link) {
        assertTrue(NameSimilarity.of(column, link.names()) < 0.5, column + " ~ " + link);
    }
}
