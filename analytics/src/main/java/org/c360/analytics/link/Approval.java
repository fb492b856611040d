package org.c360.analytics.link;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.c360.analytics.entity.Entity;

/** What approving a suggestion did: the changes, and the entities rebuilt with their rows. */
public record Approval(Suggestion suggestion, Plan plan, Map<Entity, Long> rebuilt) {

    public Approval {
        rebuilt = Map.copyOf(rebuilt);
    }

    /** One sentence for the CLI and the status line. */
    public String describe() {
        StringBuilder sb = new StringBuilder("Approved #" + suggestion.id() + " " + suggestion.rawTable() + "."
                + suggestion.headline() + ": " + plan.describe() + ".");
        if (plan.entityColumn() != null) {
            sb.append(" The mapping of ").append(suggestion.rawTable()).append(" is confirmed.");
        }
        Map<Entity, Long> sorted = new EnumMap<>(Entity.class);
        sorted.putAll(rebuilt);
        List<String> rows = new ArrayList<>();
        sorted.forEach((entity, n) -> rows.add(String.format(java.util.Locale.ROOT, "%s rebuilt: %,d rows.", entity.table(), n)));
        if (!rows.isEmpty()) {
            sb.append(' ').append(String.join(" ", rows));
        }
        if (plan.identityRole() != null) {
            sb.append(" Identity resolution uses it from the next run (c360 resolve).");
        }
        return sb.toString();
    }
}
