package org.c360.analytics.analysis;

import java.util.Map;

import org.c360.analytics.query.ResultTable;

/**
 * One run of an analysis: the parameter values used (defaults filled in), the exact SQL that ran, and its
 * result.
 *
 * @param summaryMillis time spent building the summaries it reads (0 when they existed already); not part of
 *                      {@link #elapsedMillis()}
 */
public record AnalysisResult(Analysis analysis, Map<String, String> parameters, String sql, ResultTable table,
                             long summaryMillis) {

    public AnalysisResult {
        parameters = Map.copyOf(parameters);
    }

    public long elapsedMillis() {
        return table.elapsedMillis();
    }
}
