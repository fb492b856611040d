package org.c360.analytics.ml;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a maximum-likelihood fit went: the parameters, the total log-likelihood, iterations, whether it
 * converged and, if not, why. Predictions are only made from converged fits.
 */
public record FitReport(String model, Map<String, Double> parameters, Map<String, Double> standardErrors,
                        double logLikelihood, int iterations, boolean converged, String problem, double customers,
                        int rows, long millis) {

    public FitReport {
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        standardErrors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(standardErrors));
    }

    /** {@code errors} are standard errors of the log-parameters (relative errors of the parameters), or null. */
    static Map<String, Double> errorsByName(String[] names, double[] errors) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; errors != null && i < names.length; i++) {
            map.put(names[i], errors[i]);
        }
        return map;
    }

    /** One line: "BG/NBD: r=0.243 alpha=4.41 a=0.793 b=2.43, log-likelihood -9582.4, 12 iterations, converged". */
    public String describe() {
        StringBuilder sb = new StringBuilder(model).append(":");
        parameters.forEach((name, value) -> {
            sb.append(' ').append(name).append('=').append(String.format("%.4g", value));
            Double error = standardErrors.get(name);
            if (error != null) {
                sb.append(String.format(" (±%.1f%%)", 100 * error));
            }
        });
        sb.append(String.format(", log-likelihood %.1f over %,.0f customers (%,d distinct rows), %d iterations, ",
                logLikelihood, customers, rows, iterations));
        sb.append(converged ? "converged" : "DID NOT CONVERGE: " + problem);
        return sb.toString();
    }
}
