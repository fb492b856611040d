package org.c360.analytics.segment;

import java.util.List;
import java.util.Optional;

import org.c360.analytics.entity.Entity;

/**
 * Every kind of related record a segment can test with "has". A new kind is one line here: a canonical
 * entity (placed on its person like the events view does) or a table that already has a customer360_id.
 * The B2B entities (accounts, contacts, campaign members...) are not canonical entities yet; once they
 * are, "has campaign_member(campaign = 'Campaign X')" is one more line.
 */
public final class Relations {

    public static final List<Relation> ALL = List.of(
            Relation.of("subscription", Entity.SUBSCRIPTIONS),
            Relation.of("support_ticket", Entity.SUPPORT_TICKETS),
            Relation.of("transaction", Entity.TRANSACTIONS),
            Relation.of("interaction", Entity.INTERACTIONS),
            Relation.of("web_event", Entity.WEB_EVENTS),
            Relation.ofPersonTable("event", "Events (every source)", "customer360_events"));

    private Relations() {
    }

    public static Optional<Relation> named(String word) {
        return ALL.stream().filter(r -> r.isNamed(word)).findFirst();
    }
}
