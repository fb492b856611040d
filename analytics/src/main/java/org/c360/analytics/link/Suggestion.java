package org.c360.analytics.link;

import java.time.LocalDateTime;

/**
 * One suggested link as stored in {@code link_suggestions}: a column of a raw table that joins to a kind of
 * known value, with the score and evidence it was found with. A draft changes nothing until approved;
 * a rejected one is not proposed again.
 *
 * @param target   where most of its values were found ("customers.customer_id")
 * @param plan     what approving does now (for drafts), or what approving did (for approved ones)
 * @param matched  distinct values found; of {@code distinctValues} compared
 */
public record Suggestion(long id, String rawTable, String column, Link link, String target, double score,
                         double containment, double nameSimilarity, long matched, long distinctValues,
                         String evidence, Status status, Plan plan, LocalDateTime suggestedAt, String decidedBy,
                         LocalDateTime decidedAt) {

    /** Where a suggestion stands. */
    public enum Status {
        DRAFT, APPROVED, REJECTED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** "client_email → e-mail". */
    public String headline() {
        return column + " → " + link.title();
    }
}
