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
