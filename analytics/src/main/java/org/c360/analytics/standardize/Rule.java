package org.c360.analytics.standardize;

/**
 * A standardisation rule for one kind of value, applied the same way in every source. Rules are plain
 * functions so the user can see what each does to real values (before/after samples) and tests can pin it.
 */
public interface Rule {

    /** Short name: "email", "phone", "country", "event name". */
    String name();

    /** One or two sentences on what the rule does, for the user. */
    String description();

    /**
     * Standardises {@code raw}.
     *
     * @param context a hint some rules need (a phone's country as ISO 3166-1 alpha-2), or null
     */
    Standardized apply(String raw, String context);

    default Standardized apply(String raw) {
        return apply(raw, null);
    }
}
