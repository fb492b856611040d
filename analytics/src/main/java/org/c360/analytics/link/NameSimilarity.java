package org.c360.analytics.link;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.c360.analytics.entity.Field;

/**
 * How much a column's name says it holds a kind of value, from 0 (nothing) to 1 (one of its usual names).
 * Names are compared {@link Field#normalize normalised} ("Customer ID", "customerId" and "customer_id" are
 * one name), then word by word with common abbreviations spelled out ("cust_ref" is customer + id), then by
 * shared letter triples, for typing slips ("emial"). The best of these counts.
 */
public final class NameSimilarity {

    /** A name that contains a usual name of four letters or more ("client_email" contains "email"). */
    static final double CONTAINS = 0.8;
    /** Word overlap (Dice) counts at most this much. */
    static final double WORDS = 0.9;
    /** Letter-triple overlap (Dice) counts at most this much. */
    static final double LETTERS = 0.6;

    /** A name that also says it holds a measure or an attribute counts this much of its likeness. */
    static final double MEASURED = 0.5;

    /** Words that name an amount, a time or an attribute of something rather than the thing's identifier. */
    private static final Set<String> MEASURES = Set.of("total", "amount", "sum", "count", "qty", "quantity", "price",
            "value", "date", "time", "timestamp", "at", "on", "name", "status", "type", "score", "rate", "points",
            "balance", "duration", "age", "year", "month", "day", "size", "length", "weight", "created", "updated");

    /** The word all words that only say "identifier" become. */
    private static final String ID = "#id";

    /** Abbreviations and words for the same thing, to one word each. */
    private static final Map<String, String> WORD = Map.ofEntries(
            Map.entry("cust", "customer"), Map.entry("customers", "customer"), Map.entry("client", "customer"),
            Map.entry("clnt", "customer"), Map.entry("user", "customer"), Map.entry("buyer", "customer"),
            Map.entry("shopper", "customer"), Map.entry("account", "customer"), Map.entry("acct", "customer"),
            Map.entry("mail", "email"), Map.entry("emails", "email"), Map.entry("addr", "address"),
            Map.entry("tel", "phone"), Map.entry("telephone", "phone"), Map.entry("mobile", "phone"),
            Map.entry("mob", "phone"), Map.entry("cell", "phone"), Map.entry("msisdn", "phone"),
            Map.entry("prod", "product"), Map.entry("item", "product"), Map.entry("sku", "product"),
            Map.entry("article", "product"), Map.entry("txn", "order"), Map.entry("transaction", "order"),
            Map.entry("purchase", "order"), Map.entry("ord", "order"), Map.entry("orders", "order"),
            Map.entry("sale", "order"), Map.entry("invoice", "order"), Map.entry("dev", "device"),
            Map.entry("idfa", "device"), Map.entry("gaid", "device"), Map.entry("visitor", "cookie"),
            Map.entry("anonymous", "cookie"), Map.entry("anon", "cookie"), Map.entry("browser", "cookie"),
            Map.entry("sub", "subscription"), Map.entry("subs", "subscription"), Map.entry("case", "ticket"),
            Map.entry("member", "loyalty"), Map.entry("membership", "loyalty"),
            // the words that only say "identifier"
            Map.entry("id", "#id"), Map.entry("ids", "#id"), Map.entry("no", "#id"), Map.entry("nr", "#id"),
            Map.entry("nbr", "#id"), Map.entry("num", "#id"), Map.entry("number", "#id"), Map.entry("key", "#id"),
            Map.entry("ref", "#id"), Map.entry("reference", "#id"), Map.entry("code", "#id"),
            Map.entry("identifier", "#id"), Map.entry("uid", "#id"), Map.entry("uuid", "#id"));

    private NameSimilarity() {
    }

    /** The best similarity of {@code column} to any of {@code names}; 0 when none is alike. */
    public static double of(String column, Collection<String> names) {
        double best = 0;
        for (String name : names) {
            best = Math.max(best, of(column, name));
        }
        return best;
    }

    /** Similarity of two column names. */
    public static double of(String column, String name) {
        String a = Field.normalize(column);
        String b = Field.normalize(name);
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        if (a.equals(b)) {
            return 1;
        }
        double best = 0;
        if (b.length() >= 4 && a.contains(b)) {
            best = CONTAINS;
        }
        // words that say what is identified ("customer", "email"); "id", "no", "ref" only say it is an id
        Set<String> wordsA = new HashSet<>(words(column));
        Set<String> wordsB = new HashSet<>(words(name));
        wordsA.remove(ID);
        wordsB.remove(ID);
        best = Math.max(best, WORDS * dice(wordsA, wordsB));
        best = Math.max(best, LETTERS * dice(trigrams(a), trigrams(b)));
        // "order_total" names an amount of an order, "signup_date" a time: not the identifier they mention
        Set<String> measures = new HashSet<>(words(column));
        measures.retainAll(MEASURES);
        measures.removeAll(words(name));
        return measures.isEmpty() ? best : best * MEASURED;
    }

    /** "Client E-Mail", "clientEmail" and "client_email" all become [customer, email]. */
    static List<String> words(String name) {
        String spaced = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1 $2")
                .toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        for (String word : spaced.split("[^a-z0-9]+")) {
            if (word.isEmpty()) {
                continue;
            }
            if ("e".equals(word)) {
                continue; // "e-mail"
            }
            words.add(WORD.getOrDefault(word, word));
        }
        return words;
    }

    private static Set<String> trigrams(String text) {
        Set<String> grams = new HashSet<>();
        String padded = "^" + text + "$";
        for (int i = 0; i + 3 <= padded.length(); i++) {
            grams.add(padded.substring(i, i + 3));
        }
        return grams;
    }

    private static double dice(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        long shared = a.stream().filter(b::contains).count();
        return 2.0 * shared / (a.size() + b.size());
    }
}
