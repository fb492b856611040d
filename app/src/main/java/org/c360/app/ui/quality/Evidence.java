package org.c360.app.ui.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pair's evidence as steps of a waterfall: the prior weight, then each comparison's weight
 * ("first name: exact (+7.76)"), adding up to the pair's match weight (log2 of the odds).
 */
public record Evidence(List<Step> steps, double total) {

    /** One bar: what it is, how much it adds, and the running weight before and after it. */
    public record Step(String label, double delta, double from, double to) {
    }

    private static final Pattern PRIOR = Pattern.compile("prior ([+-]?\\d+(?:\\.\\d+)?)");
    private static final Pattern TERM = Pattern.compile("(.+) \\(([+-]?\\d+(?:\\.\\d+)?)\\)");

    public Evidence {
        steps = List.copyOf(steps);
    }

    /** Parses the review queue's evidence text ("prior -10.63; first name: exact (+7.76); ..."). */
    public static Evidence parse(String evidence) {
        List<Step> steps = new ArrayList<>();
        double running = 0;
        if (evidence != null) {
            for (String part : evidence.split(";\\s*")) {
                String text = part.strip();
                if (text.isEmpty()) {
                    continue;
                }
                Matcher prior = PRIOR.matcher(text);
                Matcher term = TERM.matcher(text);
                String label;
                double delta;
                if (prior.matches()) {
                    label = "prior";
                    delta = Double.parseDouble(prior.group(1));
                } else if (term.matches()) {
                    label = term.group(1);
                    delta = Double.parseDouble(term.group(2));
                } else {
                    continue;
                }
                steps.add(new Step(label, delta, running, running + delta));
                running += delta;
            }
        }
        return new Evidence(steps, running);
    }
}
