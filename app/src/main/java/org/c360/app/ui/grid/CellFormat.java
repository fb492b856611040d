package org.c360.app.ui.grid;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.c360.analytics.browse.ColumnKind;

/** How values read from DuckDB are written in grids and profiles. */
public final class CellFormat {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter FRACTION = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private CellFormat() {
    }

    /** A cell's text; null is shown by the cell itself (as a dimmed NULL), here it is empty. */
    public static String text(Object value) {
        return switch (value) {
            case null -> "";
            case Timestamp t -> dateTime(t.toLocalDateTime());
            case LocalDateTime t -> dateTime(t);
            case OffsetDateTime t -> dateTime(t.toLocalDateTime()) + (t.getOffset().getTotalSeconds() == 0 ? " UTC" : " " + t.getOffset());
            case Double d -> plain(d);
            case Float f -> plain(f.doubleValue());
            case BigDecimal d -> d.toPlainString();
            case String s -> s.replace('\n', ' ').replace('\r', ' ');
            default -> value.toString();
        };
    }

    private static String dateTime(LocalDateTime t) {
        return (t.getNano() == 0 ? SECONDS : FRACTION).format(t);
    }

    private static String plain(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.toString(d);
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return BigDecimal.valueOf(d).toPlainString();
    }

    /** A count with thousands separators: 27,000,000. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Whether a column of this DuckDB type is right-aligned. */
    public static boolean isNumeric(String duckdbType) {
        ColumnKind kind = ColumnKind.of(duckdbType);
        return kind == ColumnKind.INTEGER || kind == ColumnKind.DECIMAL;
    }
}
