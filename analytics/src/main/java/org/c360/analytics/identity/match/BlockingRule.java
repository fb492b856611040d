package org.c360.analytics.identity.match;

import java.util.List;

/**
 * Which pairs get compared: records whose block keys are all equal (and not missing). A key is an SQL
 * expression over one record, written with {@code {}} for the record's alias ({@code "left({}.last_name, 1)"}).
 * Pairs found by a rule always agree on its columns, so when m is estimated from them those columns are left
 * out (as Splink does), and learned from the other rules instead.
 *
 * @param keys    the block key expressions
 * @param columns the record columns the keys read
 */
public record BlockingRule(List<String> keys, List<String> columns) {

    public BlockingRule {
        keys = List.copyOf(keys);
        columns = List.copyOf(columns);
        if (keys.isEmpty() || keys.stream().anyMatch(k -> !k.contains("{}"))) {
            throw new IllegalArgumentException("A blocking rule needs keys over {} (the record): " + keys);
        }
    }

    /** Rule with keys that are plain columns. */
    static BlockingRule onColumns(String... columns) {
        return new BlockingRule(java.util.Arrays.stream(columns).map(c -> "{}." + c).toList(), List.of(columns));
    }

    /** The key expressions over the record aliased {@code alias}. */
    public List<String> keysOf(String alias) {
        return keys.stream().map(k -> k.replace("{}", alias)).toList();
    }

    /** The rule as a join condition between records {@code l} and {@code r}. */
    public String condition() {
        List<String> left = keysOf("l");
        List<String> right = keysOf("r");
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < left.size(); i++) {
            sql.append(i == 0 ? "" : " AND ").append(left.get(i)).append(" = ").append(right.get(i));
        }
        return sql.toString();
    }
}
