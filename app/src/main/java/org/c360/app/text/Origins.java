package org.c360.app.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.c360.analytics.profile.FieldOrigin;
import org.c360.analytics.profile.ProfileFields;

/** A profile field's origin in words, the same in the app and on the command line. */
public final class Origins {
    private Origins() {
    }

    /** "crm_customers CRM-0000380" */
    public static String record(String source, String recordId) {
        return Values.source(source) + " " + recordId;
    }

    /** "crm_customers CRM-0000380 · rule: source" */
    public static String chosen(FieldOrigin origin) {
        return record(origin.source(), origin.recordId()) + " · rule: " + origin.rule();
    }

    /** The records whose value lost, one entry per distinct value: "Dan (loyalty_members LY1, orders O-7)". */
    public static List<String> lost(FieldOrigin origin) {
        Map<String, List<String>> byValue = new LinkedHashMap<>();
        for (FieldOrigin.Candidate candidate : origin.candidates()) {
            if (candidate.value() != null && !candidate.value().equals(origin.value())) {
                byValue.computeIfAbsent(candidate.value(), v -> new ArrayList<>())
                        .add(record(candidate.source(), candidate.recordId()));
            }
        }
        List<String> lost = new ArrayList<>();
        byValue.forEach((value, records) -> lost.add(value + " (" + String.join(", ", records.subList(0, Math.min(3, records.size())))
                + (records.size() > 3 ? " and " + (records.size() - 3) + " more" : "") + ")"));
        return lost;
    }

    /** How many other records carry the winning value. */
    public static long agreeing(FieldOrigin origin) {
        return origin.candidates().stream().filter(c -> origin.value() != null && origin.value().equals(c.value())).count() - 1;
    }

    /** The choice on one line: "from crm_customers CRM-1 by rule source (...) · 2 other records agree · lost: Dan (...)". */
    public static String summary(FieldOrigin origin) {
        StringBuilder sb = new StringBuilder("from ").append(record(origin.source(), origin.recordId())).append(" by rule ")
                .append(origin.rule()).append(" (").append(ProfileFields.ruleMeaning(origin.rule())).append(")");
        long agreeing = agreeing(origin);
        if (agreeing > 0) {
            sb.append(" · ").append(agreeing).append(agreeing == 1 ? " other record agrees" : " other records agree");
        }
        List<String> lost = lost(origin);
        sb.append(lost.isEmpty() ? " · no record disagrees" : " · lost: " + String.join("; ", lost));
        return sb.toString();
    }

    /** Everything about the choice, for a tooltip. */
    public static String explain(FieldOrigin origin) {
        StringBuilder sb = new StringBuilder();
        sb.append("Chosen: ").append(origin.value()).append("\nFrom: ").append(record(origin.source(), origin.recordId()))
                .append("\nRule: ").append(origin.rule()).append(" — ").append(ProfileFields.ruleMeaning(origin.rule()));
        long agreeing = agreeing(origin);
        if (agreeing > 0) {
            sb.append("\n").append(agreeing).append(agreeing == 1 ? " other record agrees" : " other records agree");
        }
        List<String> lost = lost(origin);
        sb.append(lost.isEmpty() ? "\nNo record disagrees." : "\nLost: " + String.join("; ", lost));
        return sb.toString();
    }
}
