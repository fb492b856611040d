package org.c360.analytics.standardize;

import java.util.Locale;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Phone numbers to E.164 ("+4930123456") with Google's libphonenumber. A number written without its
 * country code ("030 123456", "(415) 555-0132") is read in the record's country; without one, it must
 * carry its code ("+44 20 ...", "0044 20 ..."). Placeholders and impossible numbers are refused.
 */
public final class PhoneRule implements Rule {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    @Override
    public String name() {
        return "phone";
    }

    @Override
    public String description() {
        return "Parse with libphonenumber in the record's country (or the number's own +code / 00 prefix) and "
                + "write E.164; refuse placeholders (0000000000) and numbers that cannot exist.";
    }

    @Override
    public Standardized apply(String raw, String countryIso2) {
        if (raw == null || raw.isBlank()) {
            return Standardized.refused("empty");
        }
        String value = raw.strip();
        if (Placeholders.isPlaceholderNumber(value)) {
            return Standardized.refused("placeholder value");
        }
        if (value.startsWith("00")) {
            value = "+" + value.substring(2);
        }
        String region = countryIso2 == null || countryIso2.isBlank() ? "ZZ" : countryIso2.toUpperCase(Locale.ROOT);
        try {
            PhoneNumber number = PHONES.parse(value, region);
            if (!PHONES.isPossibleNumber(number)) {
                return Standardized.refused("not a possible phone number");
            }
            if (!PHONES.isValidNumber(number)) {
                return Standardized.refused("no such number in " + PHONES.getRegionCodeForNumber(number));
            }
            return Standardized.of(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Standardized.refused(switch (e.getErrorType()) {
                case INVALID_COUNTRY_CODE -> "no country code, and no country to read it in";
                case NOT_A_NUMBER -> "not a phone number";
                case TOO_SHORT_NSN, TOO_SHORT_AFTER_IDD -> "too short";
                case TOO_LONG -> "too long";
            });
        }
    }
}
