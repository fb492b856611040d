package org.c360.analytics.entity;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The canonical entities that imported sources are mapped onto. Column names follow the seed e-commerce
 * model (seed 001), so SQL written for it runs as is. Each column lists the source names it is recognised
 * by; names are compared {@link Field#normalize normalised} (lower case, letters and digits only).
 */
public enum Entity {
    CUSTOMERS("customers", "Customers", List.of("customer", "client", "crm", "user", "member", "contact"),
            Field.key("customer_id", Field.Kind.ID, "customerid", "custid", "cid", "clientid", "customerno",
                    "customernumber", "customerkey", "clientno", "clientnumber", "custno", "custnumber", "id"),
            Field.of("email", Field.Kind.TEXT, "email", "emailaddress", "mail", "email1", "primaryemail"),
            Field.of("name", Field.Kind.TEXT, "name", "fullname", "customername", "clientname"),
            Field.of("segment", Field.Kind.TEXT, "segment", "customersegment", "tier", "customertier"),
            Field.of("ltv", Field.Kind.NUMBER, "ltv", "lifetimevalue", "clv", "customerlifetimevalue"),
            Field.of("registration_date", Field.Kind.TIMESTAMP, "registrationdate", "registeredat", "signupdate",
                    "signupat", "createdat", "joindate", "joinedat", "registered", "created"),
            Field.of("country", Field.Kind.TEXT, "country", "countrycode", "countryname"),
            Field.of("city", Field.Kind.TEXT, "city", "town"),
            Field.of("lat", Field.Kind.NUMBER, "lat", "latitude"),
            Field.of("lon", Field.Kind.NUMBER, "lon", "lng", "long", "longitude"),
            Field.of("phone", Field.Kind.TEXT, "phone", "phonenumber", "mobile", "telephone", "tel")),
    PRODUCTS("products", "Products", List.of("product", "item", "sku", "catalog", "catalogue"),
            Field.key("product_id", Field.Kind.ID, "productid", "prodid", "pid", "itemid", "sku", "skuid",
                    "productkey", "id"),
            Field.of("name", Field.Kind.TEXT, "name", "productname", "title", "itemname"),
            Field.of("category", Field.Kind.TEXT, "category", "productcategory", "categoryname", "department"),
            Field.of("brand", Field.Kind.TEXT, "brand", "brandname", "manufacturer", "make"),
            Field.of("price", Field.Kind.NUMBER, "price", "unitprice", "listprice", "msrp"),
            Field.of("stock", Field.Kind.INTEGER, "stock", "stockqty", "inventory", "quantityinstock", "onhand"),
            Field.of("launch_date", Field.Kind.TIMESTAMP, "launchdate", "launchedat", "releasedate", "createdat")),
    TRANSACTIONS("transactions", "Transactions", List.of("transaction", "order", "purchase", "sale", "txn",
            "invoice"),
            Field.key("transaction_id", Field.Kind.ID, "transactionid", "txnid", "txid", "orderid", "ordernumber",
                    "purchaseid", "invoiceid", "saleid", "id"),
            // optional: a guest checkout has no customer id; identity resolution finds its person by e-mail
            Field.of("customer_id", Field.Kind.ID, "customerid", "custid", "cid", "clientid", "customerno",
                    "customernumber", "userid"),
            Field.of("product_id", Field.Kind.ID, "productid", "prodid", "pid", "itemid", "sku", "skuid"),
            Field.of("amount", Field.Kind.NUMBER, "amount", "total", "totalamount", "ordertotal", "revenue",
                    "value", "totalusd", "amountusd", "price", "saleamount"),
            Field.of("quantity", Field.Kind.INTEGER, "quantity", "qty", "units", "count"),
            Field.of("timestamp", Field.Kind.TIMESTAMP, "timestamp", "ts", "orderdate", "transactiondate",
                    "purchasedate", "createdat", "date", "datetime", "orderedat", "purchasedat", "time"),
            Field.of("channel", Field.Kind.TEXT, "channel", "saleschannel", "source", "platform"),
            Field.of("status", Field.Kind.TEXT, "status", "orderstatus", "state", "transactionstatus")),
    INTERACTIONS("interactions", "Interactions", List.of("interaction", "event", "activity", "engagement",
            "click", "session"),
            Field.key("interaction_id", Field.Kind.ID, "interactionid", "eventid", "activityid", "id"),
            Field.of("customer_id", Field.Kind.ID, "customerid", "custid", "cid", "clientid", "userid"),
            Field.of("product_id", Field.Kind.ID, "productid", "prodid", "pid", "itemid", "sku"),
            Field.of("type", Field.Kind.TEXT, "type", "interactiontype", "eventtype", "action", "eventname",
                    "event", "activitytype"),
            Field.of("timestamp", Field.Kind.TIMESTAMP, "timestamp", "ts", "eventtime", "occurredat", "createdat",
                    "datetime", "time", "date"),
            Field.of("duration", Field.Kind.INTEGER, "duration", "durationseconds", "durationsec", "seconds",
                    "timespent", "dwelltime"),
            Field.of("device", Field.Kind.TEXT, "device", "devicetype", "platform", "useragent"),
            Field.of("session_id", Field.Kind.TEXT, "sessionid", "session", "visitid")),
    WEB_EVENTS("web_events", "Web events", List.of("web", "event", "track", "clickstream", "analytics", "pageview"),
            Field.key("event_id", Field.Kind.ID, "eventid", "hitid", "messageid", "id"),
            Field.of("timestamp", Field.Kind.TIMESTAMP, "timestamp", "ts", "eventtime", "occurredat", "sentat",
                    "receivedat", "datetime", "time"),
            Field.of("event_name", Field.Kind.TEXT, "eventname", "event", "name", "eventtype", "action"),
            Field.of("device_id", Field.Kind.TEXT, "deviceid", "idfa", "gaid", "advertisingid"),
            Field.of("cookie_id", Field.Kind.TEXT, "cookieid", "anonymousid", "visitorid", "clientid"),
            Field.of("user_id", Field.Kind.ID, "userid", "customerid", "loggedinuserid"),
            Field.of("email", Field.Kind.TEXT, "email", "emailaddress"),
            Field.of("page", Field.Kind.TEXT, "page", "url", "pageurl", "path", "pagepath", "screen"),
            Field.of("session_id", Field.Kind.TEXT, "sessionid", "session", "visitid")),
    SUPPORT_TICKETS("support_tickets", "Support tickets", List.of("ticket", "support", "helpdesk", "case", "zendesk"),
            Field.key("ticket_id", Field.Kind.ID, "ticketid", "caseid", "issueid", "requestid", "id"),
            Field.of("customer_id", Field.Kind.ID, "customerid", "custid", "userid", "requesterid"),
            Field.of("email", Field.Kind.TEXT, "email", "emailaddress", "requesteremail", "from"),
            Field.of("created_at", Field.Kind.TIMESTAMP, "createdat", "created", "openedat", "submittedat", "date"),
            Field.of("status", Field.Kind.TEXT, "status", "state", "ticketstatus"),
            Field.of("sentiment", Field.Kind.TEXT, "sentiment", "mood", "satisfaction"),
            Field.of("channel", Field.Kind.TEXT, "channel", "via", "source"),
            Field.of("subject", Field.Kind.TEXT, "subject", "title", "summary"),
            Field.of("body", Field.Kind.TEXT, "body", "description", "text", "message", "comment")),
    SUBSCRIPTIONS("subscriptions", "Subscriptions", List.of("subscription", "billing", "plan", "contract"),
            Field.key("subscription_id", Field.Kind.ID, "subscriptionid", "subid", "contractid", "id"),
            Field.of("customer_id", Field.Kind.ID, "customerid", "custid", "accountid", "userid"),
            Field.of("plan", Field.Kind.TEXT, "plan", "planname", "product", "tier"),
            Field.of("status", Field.Kind.TEXT, "status", "state", "subscriptionstatus"),
            Field.of("started_at", Field.Kind.TIMESTAMP, "startedat", "startdate", "start", "createdat"),
            Field.of("renews_at", Field.Kind.TIMESTAMP, "renewsat", "renewaldate", "nextbillingdate", "currentperiodend"),
            Field.of("cancelled_at", Field.Kind.TIMESTAMP, "cancelledat", "canceledat", "cancellationdate", "endedat"),
            Field.of("mrr", Field.Kind.NUMBER, "mrr", "monthlyrevenue", "amount", "price"));

    private final String table;
    private final String title;
    private final List<String> nameHints;
    private final List<Field> fields;

    Entity(String table, String title, List<String> nameHints, Field... fields) {
        this.table = table;
        this.title = title;
        this.nameHints = nameHints;
        this.fields = List.of(fields);
    }

    /** The canonical table this entity is built into. */
    public String table() {
        return table;
    }

    public String title() {
        return title;
    }

    /** Words that, found in a source's file name, suggest this entity ("orders.csv" suggests transactions). */
    public List<String> nameHints() {
        return nameHints;
    }

    public List<Field> fields() {
        return fields;
    }

    /** The field that identifies a row of this entity. */
    public Field key() {
        return fields.stream().filter(Field::isKey).findFirst().orElseThrow();
    }

    public Optional<Field> field(String canonicalName) {
        return fields.stream().filter(f -> f.name().equals(canonicalName)).findFirst();
    }

    public static Optional<Entity> byTable(String table) {
        return Arrays.stream(values()).filter(e -> e.table.equals(table)).findFirst();
    }
}
