package org.c360.analytics.standardize;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * E-mail addresses to one canonical form: trimmed, lower case, and for mailboxes whose provider ignores
 * them, without dots (Gmail) and "+tag" suffixes (Gmail, Outlook, iCloud, Proton, Fastmail), so
 * "John.Doe+shop@GoogleMail.com" and "johndoe@gmail.com" are the same person's address. Placeholders and
 * strings that are not addresses are refused.
 */
public final class EmailRule implements Rule {

    private static final Pattern SHAPE = Pattern.compile("[^@\\s]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\\.[a-z]{2,}");
    private static final Map<String, String> DOMAIN_ALIASES = Map.of("googlemail.com", "gmail.com");
    private static final Set<String> DOTS_IGNORED = Set.of("gmail.com");
    private static final Set<String> TAGS_IGNORED = Set.of("gmail.com", "outlook.com", "hotmail.com", "live.com",
            "msn.com", "icloud.com", "me.com", "mac.com", "protonmail.com", "proton.me", "fastmail.com");
    /** Mailboxes of a role, not a person: shared by whoever does that job. */
    public static final Set<String> ROLES = Set.of("info", "sales", "support", "admin", "contact", "office", "hello",
            "team", "help", "service", "billing", "accounts", "orders", "mail", "enquiries", "inquiries", "hr",
            "marketing", "noreply", "no-reply", "webmaster", "postmaster", "family", "home");

    @Override
    public String name() {
        return "email";
    }

    @Override
    public String description() {
        return "Trim, lower case, googlemail.com to gmail.com; drop dots in Gmail names and +tags where the "
                + "provider ignores them; refuse placeholders (test@test.com) and non-addresses.";
    }

    /** The shape check of {@link #SHAPE} in RE2 syntax (DuckDB's regular expressions). */
    private static final String SHAPE_SQL = "'[^@\\s]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\\.[a-z]{2,}'";
    /** The white space Java's {@code strip()} removes at the ends, as far as ASCII goes. */
    private static final String SPACE = "[\\t\\n\\x0B\\f\\r\\x1C-\\x1F ]";
    /** The white space Java's {@code \\s} removes inside: not the separators 0x1C-0x1F that {@code strip()} takes. */
    private static final String INNER_SPACE = "[\\t\\n\\x0B\\f\\r ]";

    /**
     * The same rule as SQL over the text expression {@code raw}: the canonical address, or NULL where the rule
     * refuses. Matching a new file's addresses against a million known ones is then one vectorised pass, not a
     * million calls. Each step is bound once with a lambda, so DuckDB evaluates its regular expressions once
     * per value. A test holds the two forms to the same answers; they differ only on white space outside ASCII.
     */
    public static String valueSql(String raw) {
        String stripped = "regexp_replace(lower(" + raw + "), '^" + SPACE + "+|" + SPACE + "+$', '', 'g')";
        String tags = String.join(", ", TAGS_IGNORED.stream().sorted().map(d -> "'" + d + "'").toList());
        // p = [local part, domain with its alias resolved]; l = the local part without its +tag
        // the shape allows one @ only; string positions, not split_part (which builds a list per call)
        String canonical = "list_transform([[left(w, strpos(w, '@') - 1), CASE substr(w, strpos(w, '@') + 1) WHEN 'googlemail.com' "
                + "THEN 'gmail.com' ELSE substr(w, strpos(w, '@') + 1) END]], lambda p: list_transform([CASE WHEN p[2] IN ("
                + tags + ") AND strpos(p[1], '+') > 1 THEN left(p[1], strpos(p[1], '+') - 1) ELSE p[1] END], "
                + "lambda l: CASE WHEN p[2] = 'gmail.com' THEN replace(l, '.', '') ELSE l END || '@' || p[2])[1])[1]";
        String noMailbox = String.join(", ", new java.util.TreeSet<>(Placeholders.NO_MAILBOX).stream().map(m -> "'" + m + "'").toList());
        String checked = "list_transform([" + canonical + "], lambda c: CASE WHEN starts_with(c, '@') OR "
                + "left(c, strpos(c, '@') - 1) IN (" + noMailbox + ") OR " + Placeholders.sqlTest("c") + " THEN NULL ELSE c END)[1]";
        String shaped = "list_transform([regexp_replace(v, '" + INNER_SPACE + "+', '', 'g')], lambda w: CASE WHEN "
                + "regexp_full_match(w, " + SHAPE_SQL + ") THEN " + checked + " END)[1]";
        String unprefixed = "list_transform([CASE WHEN starts_with(s, 'mailto:') THEN substr(s, 8) ELSE s END], lambda v: "
                + "CASE WHEN v IS NULL OR v = '' OR " + Placeholders.sqlTest("v") + " THEN NULL ELSE " + shaped + " END)[1]";
        return "list_transform([" + stripped + "], lambda s: " + unprefixed + ")[1]";
    }

    @Override
    public Standardized apply(String raw, String context) {
        if (raw == null) {
            return Standardized.refused("empty");
        }
        String value = raw.strip().toLowerCase(Locale.ROOT);
        if (value.startsWith("mailto:")) {
            value = value.substring("mailto:".length());
        }
        if (value.isEmpty()) {
            return Standardized.refused("empty");
        }
        if (Placeholders.isPlaceholder(value)) {
            return Standardized.refused("placeholder value");
        }
        value = value.replaceAll("\\s+", "");
        if (!SHAPE.matcher(value).matches()) {
            return Standardized.refused("not an e-mail address");
        }
        int at = value.lastIndexOf('@');
        String local = value.substring(0, at);
        String domain = DOMAIN_ALIASES.getOrDefault(value.substring(at + 1), value.substring(at + 1));
        if (TAGS_IGNORED.contains(domain)) {
            int plus = local.indexOf('+');
            if (plus > 0) {
                local = local.substring(0, plus);
            }
        }
        if (DOTS_IGNORED.contains(domain)) {
            local = local.replace(".", "");
        }
        if (local.isEmpty()) {
            return Standardized.refused("not an e-mail address");
        }
        if (Placeholders.NO_MAILBOX.contains(local)) {
            return Standardized.refused("placeholder value");
        }
        String canonical = local + "@" + domain;
        return Placeholders.isPlaceholder(canonical) ? Standardized.refused("placeholder value") : Standardized.of(canonical);
    }

    /** Whether a canonical address belongs to a role or a household rather than one person. */
    public static boolean isRoleAddress(String canonical) {
        int at = canonical.indexOf('@');
        return at > 0 && ROLES.contains(canonical.substring(0, at));
    }
}
