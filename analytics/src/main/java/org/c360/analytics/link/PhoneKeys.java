package org.c360.analytics.link;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.c360.analytics.standardize.CountryRule;
import org.c360.analytics.standardize.PhoneRule;
import org.c360.analytics.standardize.Standardized;

/**
 * Phone numbers to E.164: written with their country code they are "+" and their digits; otherwise
 * {@link PhoneRule} reads them in their record's country when the record names one (as identity resolution
 * reads them). A number written without its country code and without a country
 * beside it is read in the country most numbers of the same column are in, when that is a clear majority
 * (half or more); otherwise it stays unread.
 */
final class PhoneKeys {

    /** A raw number and the country text of its record (null when the record has none). */
    record Written(String raw, String country) {
    }

    private static final PhoneRule PHONES = new PhoneRule();
    private static final CountryRule COUNTRIES = new CountryRule();

    private PhoneKeys() {
    }

    /** The E.164 forms of each raw number (a number written in two countries' records may have two). */
    static Map<String, Set<String>> standardize(List<Written> numbers) {
        Map<String, String> iso = new ConcurrentHashMap<>();
        numbers.stream().map(Written::country).filter(c -> c != null && !c.isBlank()).distinct()
                .forEach(c -> {
                    Standardized code = COUNTRIES.apply(c);
                    if (code.isValid()) {
                        iso.put(c, code.value());
                    }
                });
        String dominant = dominant(numbers.stream().map(n -> n.country() == null ? null : iso.get(n.country()))
                .filter(c -> c != null).collect(Collectors.groupingBy(Function.identity(), Collectors.counting())),
                numbers.size());
        Map<String, Set<String>> forms = new ConcurrentHashMap<>();
        numbers.parallelStream().forEach(n -> {
            String international = international(n.raw());
            if (international != null) {
                forms.computeIfAbsent(n.raw(), r -> ConcurrentHashMap.newKeySet()).add(international);
                return;
            }
            String region = n.country() == null ? null : iso.get(n.country());
            Standardized result = PHONES.apply(n.raw(), region != null ? region : dominant);
            if (!result.isValid() && region == null && dominant != null) {
                result = PHONES.apply(n.raw(), null); // one with its own +code
            }
            if (result.isValid()) {
                forms.computeIfAbsent(n.raw(), r -> ConcurrentHashMap.newKeySet()).add(result.value());
            }
        });
        if (dominant == null && forms.size() < numbers.stream().map(Written::raw).distinct().count()) {
            // no country beside the numbers: those with a +code tell which country the others are in
            Map<String, Long> regions = new HashMap<>();
            forms.values().forEach(set -> set.forEach(e164 -> regions.merge(callingCode(e164), 1L, Long::sum)));
            String region = dominant(regions, numbers.size());
            if (region != null) {
                numbers.parallelStream().filter(n -> !forms.containsKey(n.raw())).forEach(n -> {
                    Standardized result = PHONES.apply(n.raw(), region);
                    if (result.isValid()) {
                        forms.computeIfAbsent(n.raw(), r -> ConcurrentHashMap.newKeySet()).add(result.value());
                    }
                });
            }
        }
        Map<String, Set<String>> copy = new HashMap<>();
        forms.forEach((raw, set) -> copy.put(raw, new HashSet<>(set)));
        return copy;
    }

    /**
     * A number written with its country code ("+49 30 1234567", "0049-30-1234567") as E.164 without parsing it:
     * "+" and its digits, which is what libphonenumber writes for it. Not for a national prefix in brackets
     * ("+44 (0)20 ..."), placeholders, or digit counts E.164 does not allow; those are parsed.
     */
    static String international(String raw) {
        String value = raw.strip();
        boolean plus = value.startsWith("+");
        if (!plus && !value.startsWith("00") || value.contains("(0)")) {
            return null;
        }
        StringBuilder digits = new StringBuilder();
        for (int i = plus ? 1 : 2; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c != ' ' && c != '-' && c != '.' && c != '/' && c != '(' && c != ')') {
                return null;
            }
        }
        if (digits.length() < 8 || digits.length() > 15 || digits.charAt(0) == '0'
                || digits.chars().distinct().count() == 1) {
            return null;
        }
        return "+" + digits;
    }

    /** The value of {@code counts} that covers half of {@code total} or more, else null. */
    private static String dominant(Map<String, Long> counts, long total) {
        return counts.entrySet().stream().filter(e -> e.getKey() != null && e.getValue() * 2 >= total && total > 0)
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    /** The region of an E.164 number, from its calling code (the main country of a shared code). */
    private static String callingCode(String e164) {
        var util = com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance();
        try {
            return util.getRegionCodeForNumber(util.parse(e164, "ZZ"));
        } catch (com.google.i18n.phonenumbers.NumberParseException e) {
            return null;
        }
    }
}
