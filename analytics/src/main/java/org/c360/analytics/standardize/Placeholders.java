package org.c360.analytics.standardize;

import java.util.Locale;
import java.util.Set;

/**
 * Values that systems write when they have none: "unknown", "n/a", "test@test.com", "0000000000". They must
 * never link two people, so every identifier rule refuses them.
 */
final class Placeholders {
    private static final Set<String> WORDS = Set.of("", "-", "--", ".", "?", "0", "na", "n/a", "n.a.", "none",
            "null", "nil", "unknown", "unk", "not available", "not provided", "no", "test", "xxx", "tbd", "undefined",
            "anonymous", "guest");
    private static final Set<String> EMAILS = Set.of("test@test.com", "test@example.com", "a@a.com", "x@x.com",
            "abc@abc.com", "asdf@asdf.com", "email@email.com", "no@email.com", "noemail@noemail.com",
            "none@none.com", "null@null.com", "unknown@unknown.com", "noreply@noreply.com", "test@test.de",
            "user@example.com", "name@example.com", "foo@bar.com");

    private Placeholders() {
    }

    /** Words and addresses that stand for "no value". */
    static boolean isPlaceholder(String trimmed) {
        String lower = trimmed.toLowerCase(Locale.ROOT);
        return WORDS.contains(lower) || EMAILS.contains(lower) || ZEROS.matcher(lower).matches();
    }

    /**
     * Zeros, with or without dashes: "0000", and the nil UUID "00000000-0000-0000-0000-000000000000" that
     * phones report as their advertising id when the user limits tracking (one value for millions of devices).
     */
    private static final java.util.regex.Pattern ZEROS = java.util.regex.Pattern.compile("[0-]*0[0-]*");

    /** Mailbox names that say there is no address ("noemail@shop.com", "no-reply@..."), whatever the domain. */
    static final Set<String> NO_MAILBOX = Set.of("noemail", "no-email", "no_email", "nomail", "no-mail", "none", "null",
            "noreply", "no-reply", "donotreply", "do-not-reply", "unknown", "test", "dummy", "fake", "na", "n/a");

    /** SQL that is true when the lower-case text {@code lower} is a placeholder. */
    static String sqlTest(String lower) {
        java.util.TreeSet<String> all = new java.util.TreeSet<>(WORDS);
        all.addAll(EMAILS);
        return "(" + lower + " IN (" + String.join(", ", all.stream().map(w -> "'" + w.replace("'", "''") + "'").toList())
                + ") OR regexp_full_match(" + lower + ", '[0-]*0[0-]*'))";
    }

    /**
     * Also one digit repeated or counting up ("0000000000", "1234567890"): typed to get past a required
     * phone field. Not for ids, where 1111 is an ordinary customer number.
     */
    static boolean isPlaceholderNumber(String trimmed) {
        return isPlaceholder(trimmed) || isRepeatedDigit(trimmed);
    }

    private static boolean isRepeatedDigit(String value) {
        String digits = value.replaceAll("[^0-9]", "");
        if (digits.length() < 6 || digits.length() < value.replaceAll("[\\s()+.-]", "").length()) {
            return false;
        }
        return digits.chars().distinct().count() == 1 || "1234567890".startsWith(digits) || "0123456789".startsWith(digits);
    }
}
