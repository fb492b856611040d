package org.c360.analytics.standardize;

import java.util.Locale;
import java.util.Map;

/**
 * Event names to one vocabulary in snake_case ("Page View", "pageview" and "page_viewed" are all
 * {@code page_view}). Names outside the vocabulary keep their snake_case form, so nothing is lost.
 */
public final class EventNameRule implements Rule {

    private static final Map<String, String> SYNONYMS = Map.ofEntries(
            Map.entry("pageview", "page_view"), Map.entry("pageviewed", "page_view"), Map.entry("viewpage", "page_view"),
            Map.entry("screenview", "page_view"),
            Map.entry("productview", "product_view"), Map.entry("viewproduct", "product_view"),
            Map.entry("productviewed", "product_view"), Map.entry("viewitem", "product_view"),
            Map.entry("addtocart", "add_to_cart"), Map.entry("addedtocart", "add_to_cart"),
            Map.entry("cartadd", "add_to_cart"), Map.entry("addtobasket", "add_to_cart"),
            Map.entry("removefromcart", "remove_from_cart"), Map.entry("removedfromcart", "remove_from_cart"),
            Map.entry("checkout", "checkout"), Map.entry("begincheckout", "checkout"), Map.entry("checkoutstarted", "checkout"),
            Map.entry("purchase", "purchase"), Map.entry("order", "purchase"), Map.entry("orderplaced", "purchase"),
            Map.entry("ordercompleted", "purchase"), Map.entry("transaction", "purchase"),
            Map.entry("login", "login"), Map.entry("signin", "login"), Map.entry("loggedin", "login"), Map.entry("logon", "login"),
            Map.entry("logout", "logout"), Map.entry("signout", "logout"), Map.entry("loggedout", "logout"),
            Map.entry("signup", "sign_up"), Map.entry("register", "sign_up"), Map.entry("registration", "sign_up"),
            Map.entry("accountcreated", "sign_up"),
            Map.entry("search", "search"), Map.entry("searched", "search"), Map.entry("sitesearch", "search"),
            Map.entry("wishlist", "add_to_wishlist"), Map.entry("addtowishlist", "add_to_wishlist"),
            Map.entry("share", "share"), Map.entry("review", "review"), Map.entry("emailopen", "email_open"),
            Map.entry("emailopened", "email_open"), Map.entry("emailclick", "email_click"),
            Map.entry("emailclicked", "email_click"));

    @Override
    public String name() {
        return "event name";
    }

    @Override
    public String description() {
        return "snake_case, then a standard vocabulary: page_view, product_view, add_to_cart, remove_from_cart, "
                + "checkout, purchase, login, logout, sign_up, search, add_to_wishlist, share, review, email_open, "
                + "email_click.";
    }

    /** On a product ("view" of a product page, "cart" of a product) short names mean product events. */
    private static final Map<String, String> ON_A_PRODUCT = Map.of("view", "product_view", "cart", "add_to_cart",
            "wishlist", "add_to_wishlist");

    /** Context for interactions that concern a product: their "view" is a product view. */
    public static final String PRODUCT = "product";

    @Override
    public Standardized apply(String raw, String context) {
        if (raw == null || raw.isBlank()) {
            return Standardized.refused("empty");
        }
        String snake = raw.strip()
                .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_")
                .replaceAll("^_+|_+$", "");
        if (snake.isEmpty()) {
            return Standardized.refused("empty");
        }
        if (PRODUCT.equals(context) && ON_A_PRODUCT.containsKey(snake)) {
            return Standardized.of(ON_A_PRODUCT.get(snake));
        }
        return Standardized.of(SYNONYMS.getOrDefault(snake.replace("_", ""), snake));
    }
}
