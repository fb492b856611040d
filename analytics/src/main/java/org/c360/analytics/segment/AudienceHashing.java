package org.c360.analytics.segment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import org.c360.analytics.standardize.PhoneRule;
import org.c360.analytics.standardize.Standardized;

/**
 * Contact identifiers for an ad platform's audience upload, normalised as Google's Customer Match and
 * enhanced-conversions guides say, then hashed with SHA-256 as lower-case hex:
 * <ul>
 * <li>e-mail: white space trimmed, lower case; for gmail.com and googlemail.com addresses the periods before
 * the "@" removed. Google documents no "+tag" rule, so a "+tag" stays (as Google hashes the address);</li>
 * <li>phone: E.164 with its leading "+" and country code (libphonenumber, the person's country as the
 * default region for a number written without one).</li>
 * </ul>
 */
public final class AudienceHashing {

    private static final PhoneRule PHONES = new PhoneRule();

    private AudienceHashing() {
    }

    /** The normalised e-mail, or null when there is none (or it has no "@"). */
    public static String normalizeEmail(String email) {
        if (email == null) {
            return null;
        }
        String e = email.strip().toLowerCase(Locale.ROOT);
        int at = e.lastIndexOf('@');
        if (at <= 0 || at == e.length() - 1) {
            return null;
        }
        String local = e.substring(0, at);
        String domain = e.substring(at + 1);
        if (domain.equals("gmail.com") || domain.equals("googlemail.com")) {
            local = local.replace(".", "");
        }
        return local + "@" + domain;
    }

    /** The phone in E.164 ("+4915112345678"), or null when it cannot be read as a number. */
    public static String normalizePhone(String phone, String countryIso2) {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        Standardized standard = PHONES.apply(phone, countryIso2);
        return standard.isValid() ? standard.value() : null;
    }

    /** Lower-case hex SHA-256 of the UTF-8 bytes, or null for null. */
    public static String sha256(String normalized) {
        if (normalized == null) {
            return null;
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(normalized.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
