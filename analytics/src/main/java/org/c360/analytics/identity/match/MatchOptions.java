package org.c360.analytics.identity.match;

import java.util.List;

/**
 * Settings of the probabilistic pass.
 *
 * @param autoMerge      pairs at or above this match probability are merged
 * @param review         pairs from this probability up to {@code autoMerge} go to the review queue
 * @param blockingRules  SQL conditions over {@code l} and {@code r}; only pairs meeting one are compared
 * @param maxBlockSize   blocks of more records are not compared (see {@link #DEFAULT_MAX_BLOCK})
 * @param sampleRecords  records drawn (twice) to estimate u from random pairs
 * @param seed           seed of that draw, so runs on the same data agree
 */
public record MatchOptions(double autoMerge, double review, List<BlockingRule> blockingRules, int maxBlockSize,
                           int sampleRecords, long seed) {

    /**
     * Blocks that catch a person entered twice with one or two fields wrong: birth date with either initial,
     * postcode with the surname's start, the full name, the phone or the e-mail.
     */
    public static final List<BlockingRule> DEFAULT_BLOCKING = List.of(
            new BlockingRule(List.of("{}.date_of_birth", "left({}.last_name, 1)"), List.of("date_of_birth", "last_name")),
            new BlockingRule(List.of("{}.date_of_birth", "left({}.first_name, 1)"), List.of("date_of_birth", "first_name")),
            new BlockingRule(List.of("{}.postcode", "left({}.last_name, 2)"), List.of("postcode", "last_name")),
            BlockingRule.onColumns("first_name", "last_name"),
            BlockingRule.onColumns("phone"),
            BlockingRule.onColumns("email"),
            BlockingRule.onColumns("national_id"),
            new BlockingRule(List.of("{}.street", "{}.postcode"), List.of("street", "postcode", "city")));

    /**
     * Blocks of more records than this are dropped ("block purging"): a block that large holds a common
     * value (a popular name pair, a shared family address), compares thousands of pairs quadratically and
     * tells little; its records still meet through the other rules.
     */
    public static final int DEFAULT_MAX_BLOCK = 100;

    public static final MatchOptions DEFAULTS = new MatchOptions(0.95, 0.5, DEFAULT_BLOCKING, DEFAULT_MAX_BLOCK, 1_000, 42);

    public MatchOptions {
        if (!(review > 0 && review <= autoMerge && autoMerge < 1)) {
            throw new IllegalArgumentException("Thresholds need 0 < review <= auto-merge < 1.");
        }
        blockingRules = List.copyOf(blockingRules);
        if (maxBlockSize < 2) {
            throw new IllegalArgumentException("A block needs room for at least two records.");
        }
    }
}
