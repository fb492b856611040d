package org.c360.app.text;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

import org.c360.analytics.profile.ProfileMatch;

/**
 * How profile values read from DuckDB are written for a person, the same in the app and on the command
 * line: lists joined by commas, times to the second, amounts to the cent, nothing at all for a missing value.
 */
public final class Values {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Values() {
    }

    public static String text(Object value) {
        return switch (value) {
            case null -> "";
            case Timestamp t -> time(t.toLocalDateTime());
            case LocalDateTime t -> time(t);
            case Double d -> number(d);
            case Float f -> number(f.doubleValue());
            case BigDecimal d -> d.stripTrailingZeros().toPlainString();
            case Collection<?> list -> list.stream().map(Values::text).collect(Collectors.joining(", "));
            case String s -> s.replace('\n', ' ').replace('\r', ' ');
            default -> value.toString();
        };
    }

    public static String time(LocalDateTime time) {
        return time == null ? "" : SECONDS.format(time);
    }

    /** Whole numbers as such; others to two decimals, or to three significant digits below 1. */
    public static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        BigDecimal value = BigDecimal.valueOf(d);
        value = Math.abs(d) >= 1 ? value.setScale(2, RoundingMode.HALF_UP)
                : value.round(new java.math.MathContext(3, RoundingMode.HALF_UP));
        return value.stripTrailingZeros().toPlainString();
    }

    /** A source table as people call it: {@code raw_crm_customers} -> {@code crm_customers}. */
    public static String source(String rawTable) {
        return rawTable == null ? "" : rawTable.replaceFirst("^raw_", "");
    }

    /** "Daniel Robinson · danielr@gmail.com · +1212..." (what is known of a found person). */
    public static String describe(ProfileMatch match) {
        StringBuilder sb = new StringBuilder(match.name() == null ? "(no name)" : match.name());
        for (String part : new String[] {match.email(), match.phone()}) {
            if (part != null && !part.isBlank()) {
                sb.append(" · ").append(part);
            }
        }
        return sb.toString();
    }

    /** "1,234" */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** "97.3 %" */
    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f %%", fraction * 100);
    }
}
