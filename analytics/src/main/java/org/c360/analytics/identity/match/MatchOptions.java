package org.c360.analytics.identity.match;

import java.util.List;

/**
 * Settings of the probabilistic pass.
 *
 * @param autoMerge      pairs at or above this match probability are merged
 * @param review         pairs from this probability up to {@code autoMerge} go to the review queue
 * @param blockingRules  SQL conditions over {@code l} and {@code r}; only pairs meeting one are compared
 * @param sampleRecords  records drawn (twice) to estimate u from random pairs
 * @param seed           seed of that draw, so runs on the same data agree
 */
public record MatchOptions(double autoMerge, double review, List<BlockingRule> blockingRules, int sampleRecords, long seed) {

    /**
     * Blocks that catch a person entered twice with one or two fields wrong: birth date with either initial,
     * postcode with the surname's start, the full name, the phone or the e-mail.
     */
    public static final List<BlockingRule> DEFAULT_BLOCKING = List.of(
            BlockingRule.on("l.date_of_birth = r.date_of_birth AND left(l.last_name, 1) = left(r.last_name, 1)",
                    "date_of_birth", "last_name"),
            BlockingRule.on("l.date_of_birth = r.date_of_birth AND left(l.first_name, 1) = left(r.first_name, 1)",
                    "date_of_birth", "first_name"),
            BlockingRule.on("l.postcode = r.postcode AND left(l.last_name, 2) = left(r.last_name, 2)",
                    "postcode", "last_name"),
            BlockingRule.on("l.first_name = r.first_name AND l.last_name = r.last_name", "first_name", "last_name"),
            BlockingRule.on("l.phone = r.phone", "phone"),
            BlockingRule.on("l.email = r.email", "email"),
            BlockingRule.on("l.national_id = r.national_id", "national_id"),
            BlockingRule.on("l.street = r.street AND l.postcode = r.postcode", "street", "postcode", "city"));

    public static final MatchOptions DEFAULTS = new MatchOptions(0.95, 0.5, DEFAULT_BLOCKING, 1_000, 42);

    public MatchOptions {
        if (!(review > 0 && review <= autoMerge && autoMerge < 1)) {
            throw new IllegalArgumentException("Thresholds need 0 < review <= auto-merge < 1.");
        }
        blockingRules = List.copyOf(blockingRules);
    }
}
