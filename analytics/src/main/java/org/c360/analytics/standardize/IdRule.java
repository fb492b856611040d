package org.c360.analytics.standardize;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * System ids to one form per namespace: trimmed, lower case, and a short letter prefix with leading zeros
 * dropped when the rest is a number, so the shop's {@code 8821}, the nested export's {@code cust-8821} and
 * a CRM's {@code C-008821} meet. Placeholders ("0", "unknown", "n/a") are refused.
 */
public final class IdRule implements Rule {

    private static final Pattern PREFIXED_NUMBER = Pattern.compile("[a-z]{1,8}[-_ #:]?0*(\\d+)");
    private static final Pattern NUMBER = Pattern.compile("0*(\\d+)");

    @Override
    public String name() {
        return "id";
    }

    @Override
    public String description() {
        return "Trim and lower case; a short letter prefix and leading zeros are dropped from numeric ids "
                + "(cust-0042 and 42 meet); placeholders are refused.";
    }

    @Override
    public Standardized apply(String raw, String context) {
        if (raw == null) {
            return Standardized.refused("empty");
        }
        String value = raw.strip().toLowerCase(Locale.ROOT);
        if (value.endsWith(".0") && NUMBER.matcher(value.substring(0, value.length() - 2)).matches()) {
            value = value.substring(0, value.length() - 2);
        }
        if (value.isEmpty()) {
            return Standardized.refused("empty");
        }
        if (Placeholders.isPlaceholder(value)) {
            return Standardized.refused("placeholder value");
        }
        Matcher number = NUMBER.matcher(value);
        if (number.matches()) {
            return Standardized.of(number.group(1));
        }
        Matcher prefixed = PREFIXED_NUMBER.matcher(value);
        if (prefixed.matches()) {
            return Standardized.of(prefixed.group(1));
        }
        return Standardized.of(value);
    }
}
