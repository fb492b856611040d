package org.c360.analytics.identity.match;

import java.util.List;

/**
 * Which pairs get compared: an SQL condition over records {@code l} and {@code r}, and the columns it tests.
 * Pairs found by a rule always agree on its columns, so when m is estimated from them those columns are left
 * out (as Splink does), and learned from the other rules instead.
 */
public record BlockingRule(String condition, List<String> columns) {

    public BlockingRule {
        columns = List.copyOf(columns);
    }

    static BlockingRule on(String condition, String... columns) {
        return new BlockingRule(condition, List.of(columns));
    }
}
