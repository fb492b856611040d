package org.c360.analytics.standardize;

/**
 * One value after standardisation: its standard form, or no value and the reason it was refused
 * ("not an e-mail address", "placeholder value"). A refused identifier links nothing.
 */
public record Standardized(String value, String problem) {

    public static Standardized of(String value) {
        return new Standardized(value, null);
    }

    public static Standardized refused(String problem) {
        return new Standardized(null, problem);
    }

    public boolean isValid() {
        return value != null;
    }
}
