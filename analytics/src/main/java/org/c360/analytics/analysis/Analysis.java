package org.c360.analytics.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.c360.analytics.entity.Entity;
import org.c360.analytics.work.C360Exception;

/**
 * A named, parameterised analysis: its SQL (with {@code ${parameter}} placeholders), the canonical tables it
 * reads, its parameters with defaults, and how to chart its result. Definitions live in
 * {@link AnalysisCatalog}; this record only renders them.
 *
 * @param name        the identifier used by {@code c360 analyze NAME}
 * @param group       a heading for the catalog list ("Customers", "Transactions", ...)
 * @param description what it answers, and where it differs from the seed query it comes from
 */
public record Analysis(String name, String title, String group, String description, List<Entity> reads,
                       List<Parameter> parameters, Chart chart, String sqlTemplate) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)}");

    public Analysis {
        reads = List.copyOf(reads);
        parameters = List.copyOf(parameters);
        Matcher matcher = PLACEHOLDER.matcher(sqlTemplate);
        while (matcher.find()) {
            String used = matcher.group(1);
            if (parameters.stream().noneMatch(p -> p.name().equals(used))) {
                throw new IllegalArgumentException(name + " uses ${" + used + "} but declares no such parameter");
            }
        }
    }

    /** The values used for {@code given} (name to text): each parameter's given value, else its default. */
    public Map<String, String> values(Map<String, String> given) {
        for (String key : given.keySet()) {
            if (parameter(key) == null) {
                throw new C360Exception("Analysis " + name + " has no parameter '" + key + "' (it has: "
                        + (parameters.isEmpty() ? "none" : String.join(", ", parameters.stream().map(Parameter::name).toList())) + ").");
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            String value = given.get(p.name());
            values.put(p.name(), value == null || value.isBlank() ? p.defaultValue() : value.strip());
        }
        return values;
    }

    /** The runnable SQL for {@code given} parameter values; each value is checked and written as a literal. */
    public String sql(Map<String, String> given) {
        Map<String, String> values = values(given);
        Matcher matcher = PLACEHOLDER.matcher(sqlTemplate);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            Parameter p = parameter(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(p.sql(values.get(p.name()))));
        }
        matcher.appendTail(out);
        return out.toString().strip();
    }

    public Parameter parameter(String parameterName) {
        return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst().orElse(null);
    }
}
