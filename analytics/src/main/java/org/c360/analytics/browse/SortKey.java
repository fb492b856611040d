package org.c360.analytics.browse;

import java.util.Locale;
import java.util.Objects;

import org.c360.analytics.work.C360Exception;

/** One column of a sort order. Nulls always sort last, whatever the direction. */
public record SortKey(String column, boolean descending) {

    public SortKey {
        Objects.requireNonNull(column, "column");
    }

    public static SortKey ascending(String column) {
        return new SortKey(column, false);
    }

    public static SortKey descending(String column) {
        return new SortKey(column, true);
    }

    /** Parses {@code COL}, {@code COL:asc} or {@code COL:desc} (the CLI's {@code --sort}). */
    public static SortKey parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            return ascending(text);
        }
        String direction = text.substring(colon + 1).toLowerCase(Locale.ROOT);
        String column = text.substring(0, colon);
        return switch (direction) {
            case "asc" -> ascending(column);
            case "desc" -> descending(column);
            default -> throw new C360Exception("Sort direction '" + text.substring(colon + 1)
                    + "' is neither asc nor desc (write COLUMN or COLUMN:desc).");
        };
    }

    @Override
    public String toString() {
        return column + (descending ? ":desc" : "");
    }
}
