package org.c360.analytics.ingest;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.c360.analytics.entity.Entity;
import org.c360.analytics.entity.Field;
import org.c360.analytics.sql.Sql;

/**
 * Turns nested records into flat tables (seed 003: a CUSTOMER with SUBSCRIPTION, ORDER and SUPPORT_TICKET
 * arrays). A nested object becomes columns of its record ({@code address.city} -> {@code address_city}); an
 * array of objects becomes its own table {@code <parent>__<field>}, one row per element, linked to its parent
 * by the parent's key column (when it has one), {@code _source_row} and {@code _ordinal} (position in the
 * array, from 1). JSON values of mixed type become text. Arrays of plain values stay list columns.
 */
final class Nesting {

    /** A flat table made from a landed one; {@code parent} is null for the top table. */
    record Table(String name, long rows, int depth, String parent) {
    }

    private record Column(String name, String type) {
    }

    private final LandingContext context;

    Nesting(LandingContext context) {
        this.context = context;
    }

    /**
     * Rewrites {@code staging} (already holding lineage columns) into {@code target} and its child tables, and
     * drops {@code staging}. Returns all tables made, the target first.
     */
    List<Table> flatten(String staging, String target) throws SQLException {
        List<Table> made = new ArrayList<>();
        flatten(staging, target, null, 0, List.of(), made);
        return made;
    }

    /** @param inherited key columns copied from the ancestors, carried on to this table's children too */
    private void flatten(String staging, String target, String parent, int depth, List<String> inherited,
                         List<Table> made)
            throws SQLException {
        List<Column> columns = describe("SELECT * FROM " + Sql.ident(staging));
        List<String> items = new ArrayList<>();
        List<Column> lists = new ArrayList<>();
        List<String> listExpressions = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Map<String, String> scalars = new LinkedHashMap<>();
        boolean changed = false;
        for (Column column : columns) {
            String expression = Sql.ident(column.name());
            boolean inlineStruct = column.name().equals(ITEM);
            changed |= expand(staging, expression, inlineStruct ? "" : column.name(), column.type(), items, lists,
                    listExpressions, names, scalars, 0);
            changed |= inlineStruct;
        }
        if (!changed) {
            context.execute("ALTER TABLE " + Sql.ident(staging) + " RENAME TO " + Sql.ident(target));
        } else {
            context.execute("CREATE TABLE " + Sql.ident(target) + " AS SELECT " + String.join(", ", items) + " FROM "
                    + Sql.ident(staging));
        }
        made.add(new Table(target, context.queryLong("SELECT count(*) FROM " + Sql.ident(target)), depth, parent));

        List<String> keys = new ArrayList<>(inherited);
        String ownKey = parentKey(scalars.keySet().stream().filter(name -> !inherited.contains(name)).toList());
        if (ownKey != null) {
            keys.add(ownKey);
        }
        for (int i = 0; i < lists.size(); i++) {
            Column list = lists.get(i);
            String childStaging = staging + "_" + (i + 1);
            String childName = target + "__" + tableWord(list.name());
            List<String> link = new ArrayList<>();
            for (String key : keys) {
                link.add(scalars.get(key) + " AS " + Sql.ident(key));
            }
            if (names.contains("_ordinal")) {
                link.add("_ordinal AS _parent_ordinal");
            }
            link.add("generate_subscripts(" + listExpressions.get(i) + ", 1) AS _ordinal");
            link.add("unnest(" + listExpressions.get(i) + ") AS " + ITEM);
            link.add("_source_file, _source_row, _imported_at");
            context.execute("CREATE TABLE " + Sql.ident(childStaging) + " AS SELECT " + String.join(", ", link)
                    + " FROM " + Sql.ident(staging));
            flatten(childStaging, uniqueChild(childName, made), target, depth + 1, keys, made);
        }
        if (changed) {
            context.execute("DROP TABLE " + Sql.ident(staging));
        }
    }

    /** The column an array element of this record struct is unnested into; flattened without a prefix. */
    private static final String ITEM = "__c360_item";

    /**
     * Adds the select items for one column (recursing into structs). Returns whether the column needed a
     * change (a struct, a list of structs or JSON).
     */
    private boolean expand(String staging, String expression, String name, String type, List<String> items,
                           List<Column> lists, List<String> listExpressions, Set<String> names,
                           Map<String, String> scalars, int level)
            throws SQLException {
        if (isStruct(type)) {
            for (Column field : describe("SELECT unnest(" + expression + ") FROM " + Sql.ident(staging))) {
                String fieldExpression = "struct_extract(" + expression + ", " + Sql.literal(field.name()) + ")";
                String fieldName = name.isEmpty() ? field.name() : name + "_" + field.name();
                expand(staging, fieldExpression, fieldName, field.type(), items, lists, listExpressions, names,
                        scalars, level + 1);
            }
            return true;
        }
        if (isListOfStructs(type)) {
            lists.add(new Column(name, type));
            listExpressions.add(expression);
            return true;
        }
        String unique = unique(name, names);
        if (!type.endsWith("[]") && !type.startsWith("MAP(") && !type.startsWith("UNION(")) {
            scalars.put(unique, expression);
        }
        if ("JSON".equals(type)) {
            items.add("json_extract_string(" + expression + ", '$') AS " + Sql.ident(unique));
            return true;
        }
        items.add(expression + " AS " + Sql.ident(unique));
        return level > 0 || !unique.equals(name);
    }

    private static String unique(String name, Set<String> names) {
        String candidate = name;
        for (int i = 2; !names.add(candidate); i++) {
            candidate = name + "_" + i;
        }
        return candidate;
    }

    private static String uniqueChild(String name, List<Table> made) {
        String candidate = name;
        for (int i = 2; isTaken(candidate, made); i++) {
            candidate = name + "_" + i;
        }
        return candidate;
    }

    private static boolean isTaken(String name, List<Table> made) {
        return made.stream().anyMatch(t -> t.name().equals(name));
    }

    static boolean isStruct(String type) {
        return type.startsWith("STRUCT(") && type.endsWith(")");
    }

    static boolean isListOfStructs(String type) {
        return type.startsWith("STRUCT(") && type.endsWith("[]") && !type.endsWith("[][]");
    }

    /** A scalar column that identifies the record: a known key name (customerId, order_id...) or else "id". */
    private static String parentKey(List<String> scalarNames) {
        for (String name : scalarNames) {
            if (name.startsWith("_") || "id".equals(Field.normalize(name))) {
                continue;
            }
            for (Entity entity : Entity.values()) {
                if (entity.key().recognises(name)) {
                    return name;
                }
            }
        }
        return scalarNames.stream().filter(n -> "id".equals(Field.normalize(n))).findFirst().orElse(null);
    }

    /** "SUPPORT_TICKET" -> "support_ticket", "Line Items" -> "line_items". */
    static String tableWord(String name) {
        String word = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return word.isEmpty() ? "items" : word;
    }

    private List<Column> describe(String query) throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement statement = context.connection().prepareStatement("DESCRIBE " + query);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                columns.add(new Column(rs.getString("column_name"), rs.getString("column_type")));
            }
        }
        return columns;
    }
}
