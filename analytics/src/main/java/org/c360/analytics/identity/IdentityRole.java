package org.c360.analytics.identity;

import java.util.List;

import org.c360.analytics.entity.Field;

/**
 * What a source column tells about the person behind a record: an identifier that links records
 * deterministically (e-mail, phone, customer id, device...), an attribute the probabilistic pass compares
 * (name, date of birth, address), the record's own id, or its time. Columns are recognised by name
 * ({@link Field#normalize normalised}), like the entity mapping.
 */
public enum IdentityRole {
    // identifiers: the same value means the same person, guards permitting
    CUSTOMER_ID(Kind.ANCHOR, "customer id", "customerid", "custid", "cid", "clientid", "clientno", "customerno",
            "customernumber", "userid", "shopcustomerid", "accountid"),
    CRM_ID(Kind.ANCHOR, "CRM id", "crmid", "contactid", "crmcontactid", "leadid"),
    LOYALTY_ID(Kind.ANCHOR, "loyalty id", "loyaltyid", "memberid", "membershipid", "loyaltynumber", "cardnumber"),
    NATIONAL_ID(Kind.ANCHOR, "national id", "socsecid", "ssn", "socialsecuritynumber", "nationalid", "taxid"),
    EMAIL(Kind.SHARED, "e-mail", "email", "emailaddress", "mail", "email1", "primaryemail", "contactemail",
            "customeremail", "guestemail"),
    PHONE(Kind.SHARED, "phone", "phone", "phonenumber", "mobile", "mobilephone", "telephone", "tel", "cell"),
    DEVICE_ID(Kind.DEVICE, "device id", "deviceid", "idfa", "gaid", "advertisingid", "adid"),
    COOKIE_ID(Kind.DEVICE, "cookie id", "cookieid", "anonymousid", "visitorid", "browserid", "cookie"),
    // the record's own id, for keys and evidence
    RECORD_ID(Kind.OWN, "record id", "recid", "recordid", "id", "eventid", "orderid", "ticketid", "subscriptionid",
            "transactionid", "interactionid"),
    // attributes compared by the probabilistic pass
    FIRST_NAME(Kind.ATTRIBUTE, "first name", "firstname", "givenname", "forename", "fname"),
    LAST_NAME(Kind.ATTRIBUTE, "last name", "lastname", "surname", "familyname", "lname"),
    FULL_NAME(Kind.ATTRIBUTE, "name", "name", "fullname", "customername", "contactname"),
    DATE_OF_BIRTH(Kind.ATTRIBUTE, "date of birth", "dateofbirth", "dob", "birthdate", "birthday", "bornon"),
    STREET_NUMBER(Kind.ATTRIBUTE, "street number", "streetnumber", "housenumber", "streetno", "houseno"),
    STREET(Kind.ATTRIBUTE, "street", "street", "address", "address1", "addressline1", "streetaddress"),
    POSTCODE(Kind.ATTRIBUTE, "postcode", "postcode", "postalcode", "zip", "zipcode", "plz"),
    CITY(Kind.ATTRIBUTE, "city", "city", "town", "suburb", "locality"),
    COUNTRY(Kind.ATTRIBUTE, "country", "country", "countrycode", "countryname"),
    // profile facts a source may hold about the person (not compared, carried into the profile)
    OPT_IN(Kind.PROFILE, "marketing consent", "optin", "marketingoptin", "emailoptin", "consent", "newsletter",
            "subscribed", "acceptsmarketing"),
    LIFECYCLE_STATUS(Kind.PROFILE, "lifecycle status", "lifecyclestatus", "lifecycle", "lifecyclestage",
            "customerstatus", "stage"),
    LOYALTY_TIER(Kind.PROFILE, "loyalty tier", "tier", "loyaltytier", "membershiplevel", "membershiptier"),
    LOYALTY_POINTS(Kind.PROFILE, "loyalty points", "points", "pointsbalance", "loyaltypoints", "balance"),
    // when the record happened (orders web events before and after a login)
    EVENT_TIME(Kind.TIME, "time", "timestamp", "ts", "eventtime", "occurredat", "orderedat", "updatedat", "createdat",
            "datetime", "joinedat");

    /** How a role takes part in resolution. */
    public enum Kind {
        /** A person-level key of one system: one value, one person. */
        ANCHOR,
        /** An identifier people sometimes share (a family e-mail, an office phone): linked under guards. */
        SHARED,
        /** A device or browser: linked to the person who logged in on it, unless several did. */
        DEVICE,
        /** The record's own id. */
        OWN,
        /** Compared, not linked on. */
        ATTRIBUTE,
        /** Carried into the profile only. */
        PROFILE,
        /** When it happened. */
        TIME
    }

    private final Kind kind;
    private final String title;
    private final List<String> synonyms;

    IdentityRole(Kind kind, String title, String... synonyms) {
        this.kind = kind;
        this.title = title;
        this.synonyms = List.of(synonyms);
    }

    public Kind kind() {
        return kind;
    }

    public String title() {
        return title;
    }

    /** Whether the same value links records (anchors, shared identifiers, devices). */
    public boolean isIdentifier() {
        return kind == Kind.ANCHOR || kind == Kind.SHARED || kind == Kind.DEVICE;
    }

    /** Normalised column names this role is recognised by, most specific first. */
    public List<String> synonyms() {
        return synonyms;
    }

    public boolean recognises(String column) {
        String normalized = Field.normalize(column);
        return normalized.equals(Field.normalize(name())) || synonyms.contains(normalized);
    }
}
