package org.c360.app.cli;

import java.io.PrintWriter;

import org.c360.analytics.browse.ColumnProfile;

/** Prints a {@link ColumnProfile}: figures then histogram as text, the histogram as CSV, or one JSON object. */
final class ProfilePrinter {
    private static final int BAR = 40;

    private ProfilePrinter() {
    }

    static void print(ColumnProfile profile, OutputFormat format, PrintWriter out) {
        switch (format) {
            case table -> printText(profile, out);
            case csv -> {
                out.println("bin,rows");
                profile.histogram().bins().forEach(b -> out.println(TablePrinter.csv(b.label()) + "," + b.count()));
            }
            case json -> printJson(profile, out);
        }
        out.flush();
    }

    private static void printText(ColumnProfile p, PrintWriter out) {
        out.printf("column    %s.%s%n", p.table(), p.column());
        out.printf("type      %s%n", p.type());
        out.printf("rows      %,d%n", p.rows());
        out.printf("nulls     %,d (%s)%n", p.nulls(), percent(p.nulls(), p.rows()));
        out.printf("distinct  %,d%s%n", p.distinct(), p.distinctExact() ? "" : " (approximate)");
        out.printf("min       %s%n", p.min());
        out.printf("max       %s%n", p.max());
        long top = p.histogram().bins().stream().mapToLong(ColumnProfile.Bin::count).max().orElse(1);
        int width = p.histogram().bins().stream().mapToInt(b -> b.label().length()).max().orElse(0);
        if (!p.histogram().bins().isEmpty()) {
            out.println(p.histogram().kind() == ColumnProfile.Histogram.Kind.TOP_VALUES ? "top values" : "histogram");
        }
        for (ColumnProfile.Bin bin : p.histogram().bins()) {
            int length = (int) Math.round((double) bin.count() / Math.max(1, top) * BAR);
            out.printf("  %-" + width + "s %,12d %s%n", bin.label(), bin.count(), "#".repeat(length));
        }
    }

    private static void printJson(ColumnProfile p, PrintWriter out) {
        StringBuilder bins = new StringBuilder("[");
        for (ColumnProfile.Bin bin : p.histogram().bins()) {
            if (bins.length() > 1) {
                bins.append(',');
            }
            bins.append("{\"bin\":").append(Json.string(bin.label())).append(",\"rows\":").append(bin.count())
                    .append(",\"other\":").append(bin.other()).append('}');
        }
        out.println("{\"table\":" + Json.string(p.table()) + ",\"column\":" + Json.string(p.column())
                + ",\"type\":" + Json.string(p.type()) + ",\"rows\":" + p.rows() + ",\"nulls\":" + p.nulls()
                + ",\"distinct\":" + p.distinct() + ",\"distinct_exact\":" + p.distinctExact()
                + ",\"min\":" + Json.value(p.min()) + ",\"max\":" + Json.value(p.max())
                + ",\"histogram\":" + Json.string(p.histogram().kind().name().toLowerCase(java.util.Locale.ROOT))
                + ",\"bins\":" + bins.append(']') + "}");
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "0%" : String.format("%.1f%%", 100.0 * part / whole);
    }
}
