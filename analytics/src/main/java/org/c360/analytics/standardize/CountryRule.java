package org.c360.analytics.standardize;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Countries to ISO 3166-1 alpha-2: accepts the two- and three-letter codes and the country's name in sixteen
 * languages, Latin and other scripts (accents and case ignored), plus common informal names ("USA", "U.K.",
 * "Holland", "Nippon").
 */
public final class CountryRule implements Rule {

    private static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.GERMAN, Locale.FRENCH,
            Locale.of("es"), Locale.ITALIAN, Locale.of("nl"), Locale.of("pt"), Locale.JAPANESE, Locale.CHINESE,
            Locale.KOREAN, Locale.of("hi"), Locale.of("ru"), Locale.of("ar"), Locale.of("pl"), Locale.of("sv"),
            Locale.of("tr"));
    private static final Map<String, String> NAMES = names();

    @Override
    public String name() {
        return "country";
    }

    @Override
    public String description() {
        return "ISO 3166-1 alpha-2 from a code (DE, DEU) or a name in sixteen languages (Germany, Deutschland, "
                + "Allemagne, 日本), ignoring case and accents.";
    }

    @Override
    public Standardized apply(String raw, String context) {
        if (raw == null || raw.isBlank()) {
            return Standardized.refused("empty");
        }
        String code = NAMES.get(key(raw));
        return code == null ? Standardized.refused("unknown country") : Standardized.of(code);
    }

    /** Lower case, no accents, letters only (of any script): "Côte d'Ivoire" and "COTE DIVOIRE" meet, "日本" stays. */
    private static String key(String text) {
        String plain = Normalizer.normalize(text.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}]", "");
    }

    private static Map<String, String> names() {
        Map<String, String> names = new HashMap<>();
        for (String iso2 : Locale.getISOCountries()) {
            Locale country = Locale.of("", iso2);
            names.put(key(iso2), iso2);
            try {
                names.put(key(country.getISO3Country()), iso2);
            } catch (java.util.MissingResourceException ignored) {
                // a few codes have no alpha-3 in the JDK's data; their alpha-2 and names still work
            }
            for (Locale language : LANGUAGES) {
                names.putIfAbsent(key(country.getDisplayCountry(language)), iso2);
            }
        }
        String[][] informal = {
                {"usa", "US"}, {"us", "US"}, {"unitedstatesofamerica", "US"}, {"america", "US"}, {"uk", "GB"},
                {"greatbritain", "GB"}, {"england", "GB"}, {"scotland", "GB"}, {"wales", "GB"},
                {"northernireland", "GB"}, {"britain", "GB"}, {"holland", "NL"}, {"thenetherlands", "NL"},
                {"deutschland", "DE"}, {"brd", "DE"}, {"czechia", "CZ"}, {"russia", "RU"}, {"southkorea", "KR"},
                {"korea", "KR"}, {"uae", "AE"}, {"ivorycoast", "CI"}, {"vietnam", "VN"}, {"turkey", "TR"},
                {"espana", "ES"}, {"osterreich", "AT"}, {"schweiz", "CH"}, {"suisse", "CH"}, {"svizzera", "CH"}, {"nippon", "JP"}, {"nihon", "JP"},
                {"bharat", "IN"}, {"brasil", "BR"}};
        for (String[] alias : informal) {
            names.put(alias[0], alias[1]);
        }
        return Map.copyOf(names);
    }
}
