package org.c360.analytics.browse;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a data grid shows of one table: the sort order, the filters (all must hold) and an optional text to
 * search for in every text column. Immutable; the grid derives a new one for each change.
 */
public record BrowseSpec(String table, List<SortKey> sort, List<Filter> filters, String search) {

    public BrowseSpec {
        Objects.requireNonNull(table, "table");
        sort = List.copyOf(sort);
        filters = List.copyOf(filters);
        search = search == null ? "" : search.strip();
    }

    /** The whole table in its stored order. */
    public static BrowseSpec of(String table) {
        return new BrowseSpec(table, List.of(), List.of(), "");
    }

    public BrowseSpec withSort(List<SortKey> newSort) {
        return new BrowseSpec(table, newSort, filters, search);
    }

    public BrowseSpec withFilters(List<Filter> newFilters) {
        return new BrowseSpec(table, sort, newFilters, search);
    }

    public BrowseSpec withFilter(Filter filter) {
        List<Filter> more = new ArrayList<>(filters);
        more.add(filter);
        return withFilters(more);
    }

    public BrowseSpec withSearch(String newSearch) {
        return new BrowseSpec(table, sort, filters, newSearch);
    }

    /** Whether any filter or search narrows the table. */
    public boolean isFiltered() {
        return !filters.isEmpty() || !search.isEmpty();
    }
}
