package org.c360.analytics.link;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.c360.analytics.entity.Entity;
import org.c360.analytics.entity.Field;
import org.c360.analytics.identity.IdentityRole;

/**
 * What a source column can join to: a kind of key or identifier the workspace already knows (customer ids,
 * e-mail addresses, product ids...). Each says how its values are standardised before they are compared,
 * which identity role and which canonical column an approved link sets, and the names it usually goes by.
 */
public enum Link {
    CUSTOMER("customer id", Standard.ID, IdentityRole.CUSTOMER_ID, List.of("customer_id", "user_id", "client_id")),
    CRM_ID("CRM id", Standard.ID, IdentityRole.CRM_ID, List.of("crm_id")),
    LOYALTY_ID("loyalty id", Standard.ID, IdentityRole.LOYALTY_ID, List.of("loyalty_id")),
    NATIONAL_ID("national id", Standard.ID, IdentityRole.NATIONAL_ID, List.of("national_id")),
    EMAIL("e-mail", Standard.EMAIL, IdentityRole.EMAIL, List.of("email", "email_address")),
    PHONE("phone", Standard.PHONE, IdentityRole.PHONE, List.of("phone", "phone_number")),
    DEVICE_ID("device id", Standard.ID, IdentityRole.DEVICE_ID, List.of("device_id")),
    COOKIE_ID("cookie id", Standard.ID, IdentityRole.COOKIE_ID, List.of("cookie_id")),
    PRODUCT("product id", Standard.ID, null, List.of("product_id")),
    ORDER("order id", Standard.ID, null, List.of("transaction_id", "order_id")),
    TICKET("ticket id", Standard.ID, null, List.of("ticket_id")),
    SUBSCRIPTION("subscription id", Standard.ID, null, List.of("subscription_id"));

    /** How values are brought to one form before they are compared. */
    public enum Standard {
        /** {@link org.c360.analytics.standardize.IdRule}: trimmed, lower case, prefix and leading zeros dropped. */
        ID,
        /** {@link org.c360.analytics.standardize.EmailRule}: the canonical mailbox. */
        EMAIL,
        /** {@link org.c360.analytics.standardize.PhoneRule}: E.164 where the number can be read. */
        PHONE
    }

    private final String title;
    private final Standard standard;
    private final IdentityRole identityRole;
    private final List<String> names;

    Link(String title, Standard standard, IdentityRole identityRole, List<String> names) {
        this.title = title;
        this.standard = standard;
        this.identityRole = identityRole;
        this.names = names;
    }

    public String title() {
        return title;
    }

    public Standard standard() {
        return standard;
    }

    /** The identity role an approved link gives the column, if this link identifies a person. */
    public Optional<IdentityRole> identityRole() {
        return Optional.ofNullable(identityRole);
    }

    /**
     * The canonical column of {@code entity} that holds this kind of value, if it has one: an order's
     * {@code customer_id}, a web event's {@code user_id}, a customer's own {@code customer_id}.
     */
    public Optional<String> field(Entity entity) {
        String field = switch (this) {
            case CUSTOMER -> switch (entity) {
                case CUSTOMERS, TRANSACTIONS, INTERACTIONS, SUPPORT_TICKETS, SUBSCRIPTIONS -> "customer_id";
                case WEB_EVENTS -> "user_id";
                default -> null;
            };
            case EMAIL -> entity == Entity.CUSTOMERS || entity == Entity.WEB_EVENTS || entity == Entity.SUPPORT_TICKETS
                    ? "email" : null;
            case PHONE -> entity == Entity.CUSTOMERS ? "phone" : null;
            case DEVICE_ID -> entity == Entity.WEB_EVENTS ? "device_id" : null;
            case COOKIE_ID -> entity == Entity.WEB_EVENTS ? "cookie_id" : null;
            case PRODUCT -> entity == Entity.PRODUCTS || entity == Entity.TRANSACTIONS || entity == Entity.INTERACTIONS
                    ? "product_id" : null;
            case ORDER -> entity == Entity.TRANSACTIONS ? "transaction_id" : null;
            case TICKET -> entity == Entity.SUPPORT_TICKETS ? "ticket_id" : null;
            case SUBSCRIPTION -> entity == Entity.SUBSCRIPTIONS ? "subscription_id" : null;
            case CRM_ID, LOYALTY_ID, NATIONAL_ID -> null;
        };
        return Optional.ofNullable(field);
    }

    /**
     * The names a column holding this kind of value usually has: the canonical names, the synonyms the entity
     * mapping and identity roles recognise, for {@link NameSimilarity}.
     */
    public List<String> names() {
        Set<String> all = new LinkedHashSet<>(names);
        for (Entity entity : Entity.values()) {
            field(entity).flatMap(entity::field).ifPresent(f -> {
                all.add(f.name());
                f.synonyms().stream().filter(s -> !"id".equals(s)).forEach(all::add);
            });
        }
        if (identityRole != null) {
            all.addAll(identityRole.synonyms());
        }
        return List.copyOf(new ArrayList<>(all));
    }

    /** The key this link's values are taken from in a canonical entity, if the entity holds such keys. */
    Optional<Field> ownKey(Entity entity) {
        return field(entity).flatMap(entity::field).filter(Field::isKey);
    }
}
