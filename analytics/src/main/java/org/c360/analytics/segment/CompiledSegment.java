package org.c360.analytics.segment;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A segment expression as SQL: {@link #where()} is a condition on {@code customer360_profiles p} whose
 * values are all {@code ?} placeholders, bound in order from {@link #parameters()}.
 */
public record CompiledSegment(String expression, Expression tree, String where, List<Object> parameters) {

    public CompiledSegment {
        parameters = List.copyOf(parameters);
    }

    /** The people of the segment: the SQL the builder shows and every use runs. */
    public String membersSql() {
        return "SELECT p.customer360_id FROM " + SegmentCompiler.PROFILES + " p\nWHERE " + where;
    }

    public String countSql() {
        return "SELECT count(*) FROM " + SegmentCompiler.PROFILES + " p\nWHERE " + where;
    }

    /** The members SQL and, under it, what each {@code ?} is bound to: for the analyst to read or copy. */
    public String displaySql() {
        StringBuilder sb = new StringBuilder(membersSql());
        if (!parameters.isEmpty()) {
            List<String> shown = new ArrayList<>();
            for (int i = 0; i < parameters.size(); i++) {
                Object p = parameters.get(i);
                shown.add("$" + (i + 1) + " = " + (p instanceof String s ? "'" + s.replace("'", "''") + "'"
                        : p instanceof BigDecimal n ? n.toPlainString() : String.valueOf(p)));
            }
            sb.append("\n-- parameters: ").append(String.join(", ", shown));
        }
        return sb.toString();
    }

    /** Binds the parameters to {@code statement}, starting at placeholder {@code first}; returns the next free one. */
    public int bind(PreparedStatement statement, int first) throws SQLException {
        int i = first;
        for (Object p : parameters) {
            switch (p) {
                case String s -> statement.setString(i, s);
                case BigDecimal n -> statement.setBigDecimal(i, n);
                case Integer n -> statement.setInt(i, n);
                case Boolean b -> statement.setBoolean(i, b);
                default -> statement.setObject(i, p);
            }
            i++;
        }
        return i;
    }
}
