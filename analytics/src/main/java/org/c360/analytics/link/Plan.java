package org.c360.analytics.link;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.c360.analytics.identity.IdentityRole;

/**
 * What approving a link changes: the canonical column the source column is mapped to (and the column it
 * replaces there), and the identity role it is given (and the column that had it). Empty when the link is in
 * force already, or when the table has nowhere to put it.
 *
 * @param entityColumn   "transactions.customer_id", or null when the mapping does not change
 * @param replacedColumn the source column mapped there now, or null
 * @param identityRole   the identity role given to the column, or null when it already has it (or none applies)
 * @param replacedRole   the column that had that role, or null
 */
public record Plan(String column, String entityColumn, String replacedColumn, IdentityRole identityRole,
                   String replacedRole) {

    public boolean isEmpty() {
        return entityColumn == null && identityRole == null;
    }

    public Optional<String> entityTable() {
        return Optional.ofNullable(entityColumn).map(c -> c.substring(0, c.indexOf('.')));
    }

    /** "maps transactions.customer_id to client_ref (instead of user_id); makes it the customer id for identity resolution". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (entityColumn != null) {
            parts.add(entityColumn + " ← " + column + (replacedColumn == null ? "" : " (instead of " + replacedColumn + ")"));
        }
        if (identityRole != null) {
            parts.add("identity role " + identityRole.title() + " ← " + column
                    + (replacedRole == null ? "" : " (instead of " + replacedRole + ")"));
        }
        return parts.isEmpty() ? "nothing: it is in force already" : String.join("; ", parts);
    }
}
