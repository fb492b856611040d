package org.c360.analytics.analysis;

import java.util.Map;

import org.c360.analytics.query.ResultTable;

/**
 * One run of an analysis: the parameter values used (defaults filled in), the exact SQL that ran, and its
 * result.
 */
public record AnalysisResult(Analysis analysis, Map<String, String> parameters, String sql, ResultTable table) {

    public AnalysisResult {
        parameters = Map.copyOf(parameters);
    }

    public long elapsedMillis() {
        return table.elapsedMillis();
    }
}
