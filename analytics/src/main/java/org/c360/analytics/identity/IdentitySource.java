package org.c360.analytics.identity;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * How one raw table takes part in identity resolution: which of its columns plays which {@link IdentityRole}.
 * {@code confirmed} is false while nobody has reviewed the detected roles.
 */
public record IdentitySource(String rawTable, Map<IdentityRole, String> columns, boolean confirmed) {

    public IdentitySource {
        EnumMap<IdentityRole, String> copy = new EnumMap<>(IdentityRole.class);
        copy.putAll(columns);
        columns = Collections.unmodifiableMap(copy);
    }

    public Optional<String> column(IdentityRole role) {
        return Optional.ofNullable(columns.get(role));
    }

    public boolean has(IdentityRole role) {
        return columns.containsKey(role);
    }

    /** Identifier roles this source carries. */
    public long identifierCount() {
        return columns.keySet().stream().filter(IdentityRole::isIdentifier).count();
    }

    /** Whether its records describe a person (names, birth date, address) and not only carry an id. */
    public boolean describesPeople() {
        return has(IdentityRole.FIRST_NAME) || has(IdentityRole.LAST_NAME) || has(IdentityRole.FULL_NAME);
    }

    /**
     * Whether its records only point at a person through one identifier (orders by customer id, page views by
     * cookie): they link nothing, so resolution skips them and events find their person by that identifier.
     */
    public boolean attachesOnly() {
        return identifierCount() <= 1 && !describesPeople();
    }

    public IdentitySource with(IdentityRole role, String column) {
        EnumMap<IdentityRole, String> copy = new EnumMap<>(IdentityRole.class);
        copy.putAll(columns);
        if (column == null || column.isBlank()) {
            copy.remove(role);
        } else {
            copy.put(role, column);
        }
        return new IdentitySource(rawTable, copy, confirmed);
    }
}
