package org.c360.analytics.analysis;

import java.util.List;

import org.c360.analytics.entity.Entity;
import org.c360.analytics.work.C360Exception;

/** An analysis needs a canonical table that no imported source is mapped to yet. */
public final class MissingMappingException extends C360Exception {
    private final List<Entity> missing;

    MissingMappingException(Analysis analysis, List<Entity> missing) {
        super("The analysis '" + analysis.title() + "' needs " + names(missing) + ", but no imported table is mapped to "
                + (missing.size() == 1 ? "it" : "them") + " yet: import a source and map it to "
                + String.join(" / ", missing.stream().map(Entity::title).toList())
                + " in the Mapping tab (or with 'c360 mapping').");
        this.missing = List.copyOf(missing);
    }

    public List<Entity> missing() {
        return missing;
    }

    private static String names(List<Entity> entities) {
        List<String> names = entities.stream().map(e -> e.table()).toList();
        if (names.size() == 1) {
            return "the " + names.getFirst() + " table";
        }
        return "the " + String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast() + " tables";
    }
}
