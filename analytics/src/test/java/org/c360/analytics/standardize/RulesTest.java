package org.c360.analytics.standardize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Each rule pinned on the dirt the sources really carry. */
class RulesTest {

    private final EmailRule email = new EmailRule();
    private final PhoneRule phone = new PhoneRule();
    private final CountryRule country = new CountryRule();
    private final EventNameRule events = new EventNameRule();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "  John.Doe@Gmail.com  | johndoe@gmail.com",
            "john.doe+shop@googlemail.com | johndoe@gmail.com",
            "J.Doe+news@Outlook.com | j.doe@outlook.com",
            "ann.lee@company.de | ann.lee@company.de",
            "ann.lee+x@company.de | ann.lee+x@company.de",
            "MAILTO:bob@Example.ORG | bob@example.org"})
    void emailsBecomeOneCanonicalForm(String raw, String canonical) {
        assertEquals(canonical, email.apply(raw).value());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "test@test.com | placeholder value",
            "NoEmail@Example.com | placeholder value",
            "no-reply@shop.de | placeholder value",
            "n/a | placeholder value",
            "unknown | placeholder value",
            "'' | empty",
            "john.doe | not an e-mail address",
            "john@doe | not an e-mail address",
            "a b@c | not an e-mail address"})
    void placeholdersAndNonAddressesAreRefused(String raw, String why) {
        Standardized result = email.apply(raw);
        assertFalse(result.isValid());
        assertNull(result.value());
        assertEquals(why, result.problem());
    }

    @Test
    void roleAddressesAreRecognised() {
        assertTrue(EmailRule.isRoleAddress("info@shop.de"));
        assertTrue(EmailRule.isRoleAddress("family@meier.de"));
        assertFalse(EmailRule.isRoleAddress("ann@shop.de"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "030 1234567       | DE | +49301234567",
            "+49 (30) 123-4567 |    | +49301234567",
            "0049 30 1234567   | FR | +49301234567",
            "(415) 555-0132    | US | +14155550132",
            "415.555.0132      | US | +14155550132",
            "020 7946 0018     | GB | +442079460018",
            "06 12 34 56 78    | FR | +33612345678",
            "612 345 678       | ES | +34612345678"})
    void phonesBecomeE164InTheirCountry(String raw, String country, String e164) {
        assertEquals(e164, phone.apply(raw, country).value());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0000000000 | DE | placeholder value",
            "12         | DE | no such number in DE",
            "+49 30 123456789012345 |  | not a possible phone number",
            "030 1234567|    | no country code, and no country to read it in",
            "call me    | DE | not a phone number"})
    void impossiblePhonesAreRefused(String raw, String country, String why) {
        assertEquals(why, phone.apply(raw, country).problem());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "DE | DE", "deu | DE", "Germany | DE", "Deutschland | DE", "Allemagne | DE", "  germany  | DE",
            "U.S.A. | US", "United States | US", "Estados Unidos | US", "UK | GB", "United Kingdom | GB",
            "España | ES", "Espana | ES", "Holland | NL", "Nederland | NL", "Côte d'Ivoire | CI", "Italia | IT",
            "日本 | JP", "Nippon | JP", "भारत | IN", "Россия | RU"})
    void countriesBecomeIsoCodes(String raw, String iso) {
        assertEquals(iso, country.apply(raw).value());
    }

    @Test
    void idsAreTrimmedAndUnprefixedButNotTakenForPlaceholders() {
        IdRule ids = new IdRule();
        assertEquals("8821", ids.apply("cust-8821").value());
        assertEquals("42", ids.apply(" C-000042 ").value());
        assertEquals("1111", ids.apply("1111").value(), "an ordinary customer number");
        assertEquals("placeholder value", ids.apply("n/a").problem());
        assertEquals("placeholder value", ids.apply("00000000-0000-0000-0000-000000000000").problem(), "the nil UUID of a phone that limits tracking");
        assertEquals("placeholder value", ids.apply("0000").problem());
        assertEquals("ab-12x", ids.apply("AB-12X").value());
    }

    @Test
    void anUnknownCountryIsRefused() {
        assertEquals("unknown country", country.apply("Atlantis").problem());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Page View | | page_view", "pageview | | page_view", "page_view | | page_view", "PageViewed | | page_view",
            "Add To Cart | | add_to_cart", "addToCart | | add_to_cart", "Sign In | | login", "Order Completed | | purchase",
            "view | product | product_view", "cart | product | add_to_cart", "Video Played | | video_played"})
    void eventNamesBecomeTheVocabulary(String raw, String context, String standard) {
        assertEquals(standard, events.apply(raw, context).value());
    }
}
