package org.c360.analytics.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.c360.analytics.entity.Entity;

/**
 * SQL that finds the person of each row of a canonical entity: through the row's own identity record when
 * its source took part in resolution (an order is a record, its id its record id), else through the
 * identifier it carries (customer id, e-mail, user id), standardised and looked up in {@code identity_index}.
 */
final class PersonLookup {

    private PersonLookup() {
    }

    /**
     * Joins for {@code alias} (a row of {@code entity}, with columns {@code columns}) and the expression of its
     * person; {@code hasRecords} when some of the entity's sources are identity records (then a row's own link
     * comes first). The joins are LEFT JOINs, so rows nobody can place stay, with a null person.
     */
    record Joins(String joins, String person) {
    }

    static Joins of(String alias, Entity entity, Set<String> columns, Set<String> integerColumns, boolean hasRecords) {
        StringBuilder joins = new StringBuilder();
        List<String> candidates = new ArrayList<>();
        String key = entity.key().name();
        String a = alias + "_";
        if (hasRecords) {
            joins.append(" LEFT JOIN identity_links ").append(a).append("l ON ").append(a).append("l.source = ")
                    .append(alias).append("._source_table AND ").append(a).append("l.record_id = CAST(").append(alias)
                    .append(".").append(key).append(" AS VARCHAR)");
            candidates.add(a + "l.customer360_id");
        }
        for (String[] path : new String[][] {{"customer_id", "CUSTOMER_ID"}, {"user_id", "CUSTOMER_ID"},
                {"email", "EMAIL"}, {"cookie_id", "COOKIE_ID"}, {"device_id", "DEVICE_ID"}}) {
            if (!columns.contains(path[0])) {
                continue;
            }
            String i = a + "i_" + path[0];
            RecordBuilder.Standard standard = RecordBuilder.Standard.of(IdentityRole.valueOf(path[1]),
                    "nullif(trim(CAST(" + alias + "." + path[0] + " AS VARCHAR)), '')", integerColumns.contains(path[0]),
                    a + "v_" + path[0]);
            joins.append(standard.joins())
                    .append(" LEFT JOIN identity_index ").append(i).append(" ON ").append(i).append(".role = '")
                    .append(path[1]).append("' AND ").append(i).append(".value = ").append(standard.value());
            candidates.add(i + ".customer360_id");
        }
        return new Joins(joins.toString(), candidates.isEmpty() ? "NULL" : "coalesce(" + String.join(", ", candidates) + ")");
    }
}
