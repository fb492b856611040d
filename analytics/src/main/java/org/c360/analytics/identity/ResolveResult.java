package org.c360.analytics.identity;

import java.util.List;

import org.c360.analytics.identity.match.MatchModel;

/**
 * What one resolution run did.
 *
 * @param incremental    whether the run resolved only what was new (then {@code records} counts the new ones)
 * @param records        identity records (source records that link or describe a person)
 * @param persons        resolved people
 * @param guardsFired    identifier values guards stopped, plus over-large people listed
 * @param model          the fitted probabilistic model, null when that pass did not run
 */
public record ResolveResult(long runId, boolean incremental, long records, long persons, long newPersons, long merged, long splits,
                            long identifierValues, long guardsFired, long candidatePairs, long autoMerged,
                            long reviewPairs, MatchModel model, List<Step> steps, long elapsedMillis) {

    /** One timed step. */
    public record Step(String what, long millis) {
    }

    public ResolveResult {
        steps = List.copyOf(steps);
    }

    public String summary() {
        return String.format((incremental ? "Run %d (incremental): %,d new records; " : "Run %d: %,d records resolved into ")
                        + "%,d people (%,d new, %,d merged, %,d split); "
                        + "%,d identifier values, %,d guards fired; %,d candidate pairs compared, %,d merged "
                        + "probabilistically, %,d waiting for review; %.1f s.",
                runId, records, persons, newPersons, merged, splits, identifierValues, guardsFired, candidatePairs,
                autoMerged, reviewPairs, elapsedMillis / 1000.0);
    }

    public String timings() {
        StringBuilder sb = new StringBuilder();
        for (Step step : steps) {
            sb.append(String.format("%8d ms  %s%n", step.millis(), step.what()));
        }
        return sb.append(String.format("%8d ms  total", elapsedMillis)).toString();
    }
}
