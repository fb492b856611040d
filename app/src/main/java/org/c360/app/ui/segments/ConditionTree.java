package org.c360.app.ui.segments;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import org.c360.analytics.segment.Expression;
import org.c360.analytics.segment.Expression.Operator;

/**
 * The segment builder's condition tree: groups whose conditions must all (AND), any (OR) or none (NOT any) hold, conditions
 * on profile fields, nested groups, and "has a related record" conditions with their own conditions on the
 * record's fields. It writes itself as the segment language ({@link #expression()}), which the engine
 * parses, counts and exports; {@link #load} rebuilds it from a parsed expression.
 */
public final class ConditionTree extends VBox {

    /** A field the user can pick, with its DuckDB type (decides quoting and the operators offered). */
    record Fields(Map<String, String> profile, Map<String, Map<String, String>> relations) {
        static final Fields NONE = new Fields(Map.of(), Map.of());
    }

    private Fields fields = Fields.NONE;
    private Runnable onChange = () -> { };
    private GroupView root;
    private boolean loading;

    ConditionTree() {
        setId("segment-tree");
        setSpacing(6);
        root = new GroupView(null, false, () -> fields.profile());
        getChildren().setAll(root);
    }

    void setOnChange(Runnable onChange) {
        this.onChange = onChange;
    }

    void setFields(Fields fields) {
        this.fields = fields;
        root.refreshFields();
    }

    Fields fields() {
        return fields;
    }

    /** The tree in the segment language; empty when it has no complete condition. */
    String expression() {
        return root.text();
    }

    GroupView root() {
        return root;
    }

    void clear() {
        root = new GroupView(null, false, () -> fields.profile());
        getChildren().setAll(root);
        changed();
    }

    /** Shows {@code tree}; false (and the tree unchanged) when it uses a form the editor cannot show. */
    boolean load(Expression tree) {
        if (!representable(tree, false)) {
            return false;
        }
        loading = true;
        try {
            GroupView group = new GroupView(null, false, () -> fields.profile());
            switch (tree) {
                case Expression.All all -> { }
                case Expression.Or or -> {
                    group.setMode(Mode.ANY);
                    or.parts().forEach(p -> group.add(view(p, group, false)));
                }
                case Expression.Not not -> {
                    group.setMode(Mode.NONE);
                    negated(not, group, false);
                }
                case Expression.And and -> and.parts().forEach(p -> group.add(view(p, group, false)));
                default -> group.add(view(tree, group, false));
            }
            root = group;
            getChildren().setAll(root);
        } finally {
            loading = false;
        }
        return true;
    }

    private static boolean representable(Expression node, boolean insideRelation) {
        return switch (node) {
            case Expression.Not not -> representable(not.part(), insideRelation);
            case Expression.And and -> and.parts().stream().allMatch(p -> representable(p, insideRelation));
            case Expression.Or or -> or.parts().stream().allMatch(p -> representable(p, insideRelation));
            case Expression.Has has -> !insideRelation && (has.where() == null || representable(has.where(), true));
            default -> true;
        };
    }

    private Node view(Expression node, GroupView parent, boolean insideRelation) {
        return switch (node) {
            case Expression.And and -> {
                GroupView g = new GroupView(parent, insideRelation, parent.types);
                and.parts().forEach(p -> g.add(view(p, g, insideRelation)));
                yield g;
            }
            case Expression.Or or -> {
                GroupView g = new GroupView(parent, insideRelation, parent.types);
                g.setMode(Mode.ANY);
                or.parts().forEach(p -> g.add(view(p, g, insideRelation)));
                yield g;
            }
            case Expression.Not not -> {
                GroupView g = new GroupView(parent, insideRelation, parent.types);
                g.setMode(Mode.NONE);
                negated(not, g, insideRelation);
                yield g;
            }
            case Expression.Has has -> {
                RelationRow row = new RelationRow(parent);
                row.set(has);
                if (has.where() != null) {
                    switch (has.where()) {
                        case Expression.And and -> and.parts().forEach(p -> row.inner.add(view(p, row.inner, true)));
                        case Expression.Or or -> {
                            row.inner.setMode(Mode.ANY);
                            or.parts().forEach(p -> row.inner.add(view(p, row.inner, true)));
                        }
                        case Expression.Not not -> {
                            row.inner.setMode(Mode.NONE);
                            negated(not, row.inner, true);
                        }
                        default -> row.inner.add(view(has.where(), row.inner, true));
                    }
                }
                yield row;
            }
            case Expression.Comparison c -> {
                ConditionRow row = new ConditionRow(parent);
                row.set(c);
                yield row;
            }
            default -> throw new IllegalArgumentException(node.toString());
        };
    }

    /** Fills a "none of" group: "not (a or b)" is none of a, b; any other "not (x)" is none of x. */
    private void negated(Expression.Not not, GroupView group, boolean insideRelation) {
        if (not.part() instanceof Expression.Or or) {
            or.parts().forEach(p -> group.add(view(p, group, insideRelation)));
        } else {
            group.add(view(not.part(), group, insideRelation));
        }
    }

    /** How a group joins its conditions. */
    enum Mode {
        ALL("all"), ANY("any"), NONE("none");

        private final String word;

        Mode(String word) {
            this.word = word;
        }

        @Override
        public String toString() {
            return word;
        }
    }

    private void changed() {
        if (!loading) {
            onChange.run();
        }
    }

    private static Button small(String text, String tooltip) {
        Button b = new Button(text);
        b.getStyleClass().addAll(atlantafx.base.theme.Styles.SMALL, atlantafx.base.theme.Styles.FLAT);
        b.setTooltip(new javafx.scene.control.Tooltip(tooltip));
        return b;
    }

    /** A group: its conditions joined by "and" (all of) or "or" (any of), or none of them ("not (a or b)"). */
    final class GroupView extends VBox {
        private final GroupView parent;
        private final boolean insideRelation;
        private final Supplier<Map<String, String>> types;
        private final ChoiceBox<Mode> mode = new ChoiceBox<>(FXCollections.observableArrayList(Mode.values()));
        private final VBox rows = new VBox(4);

        GroupView(GroupView parent, boolean insideRelation, Supplier<Map<String, String>> types) {
            this.parent = parent;
            this.insideRelation = insideRelation;
            this.types = types;
            getStyleClass().add("segment-group");
            setSpacing(4);
            setPadding(new Insets(6, 6, 6, 10));
            mode.getSelectionModel().select(0);
            mode.setId(parent == null && !insideRelation ? "segment-root-mode" : null);
            // the item, not the index: a ChoiceBox sets its index first, so an index listener would read the old item
            mode.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> changed());
            Label lead = new Label(parent == null ? (insideRelation ? "where" : "Match") : "");
            Button condition = small("+ Condition", "Add a condition on a field");
            condition.setId(parent == null && !insideRelation ? "segment-add-condition" : null);
            condition.setOnAction(e -> {
                add(new ConditionRow(this));
                changed();
            });
            Button group = small("+ Group", "Add a group of conditions with its own all/any/none");
            group.setId(parent == null && !insideRelation ? "segment-add-group" : null);
            group.setOnAction(e -> {
                GroupView g = new GroupView(this, insideRelation, types);
                g.add(new ConditionRow(g));
                add(g);
                changed();
            });
            HBox header = new HBox(6, lead, mode, new Label("of:"), condition, group);
            if (!insideRelation) {
                Button related = small("+ Related records", "Add a condition on related records: subscriptions, tickets, orders...");
                related.setId(parent == null ? "segment-add-related" : null);
                related.setOnAction(e -> {
                    add(new RelationRow(this));
                    changed();
                });
                header.getChildren().add(related);
            }
            if (parent != null) {
                Button remove = small("✕", "Remove this group");
                remove.setOnAction(e -> parent.remove(this));
                header.getChildren().add(remove);
            }
            header.setAlignment(Pos.CENTER_LEFT);
            getChildren().addAll(header, rows);
        }

        void setMode(Mode value) {
            mode.getSelectionModel().select(value);
        }

        void add(Node row) {
            rows.getChildren().add(row);
        }

        void remove(Node row) {
            rows.getChildren().remove(row);
            changed();
        }

        List<Node> rows() {
            return rows.getChildren();
        }

        void refreshFields() {
            for (Node n : rows.getChildren()) {
                switch (n) {
                    case ConditionRow c -> c.refreshFields();
                    case GroupView g -> g.refreshFields();
                    case RelationRow r -> r.refreshFields();
                    default -> { }
                }
            }
        }

        String text() {
            Mode how = mode.getSelectionModel().getSelectedItem();
            List<String> parts = new ArrayList<>();
            for (Node n : rows.getChildren()) {
                String t = switch (n) {
                    case ConditionRow c -> c.text();
                    case GroupView g -> g.text();
                    case RelationRow r -> r.text();
                    default -> "";
                };
                if (!t.isEmpty()) {
                    parts.add(n instanceof GroupView g && g.rows.getChildren().size() > 1 ? "(" + t + ")" : t);
                }
            }
            if (how == Mode.NONE) {
                return parts.isEmpty() ? "" : "not (" + String.join(" or ", parts) + ")";
            }
            // an "or" inside an "and" needs its parentheses, which the group already adds; and binds tighter than or
            return String.join(how == Mode.ANY ? " or " : " and ", parts);
        }
    }

    /** One condition: field, operator, value. */
    final class ConditionRow extends HBox {
        private final GroupView group;
        private final ComboBox<String> field = new ComboBox<>();
        private final ComboBox<Operator> operator = new ComboBox<>(FXCollections.observableArrayList(Operator.values()));
        private final TextField value = new TextField();

        ConditionRow(GroupView group) {
            this.group = group;
            getStyleClass().add("segment-condition");
            setSpacing(6);
            setAlignment(Pos.CENTER_LEFT);
            field.setPromptText("field");
            field.setPrefWidth(190);
            field.setVisibleRowCount(16);
            operator.setConverter(new StringConverter<>() {
                @Override
                public String toString(Operator op) {
                    return op == null ? "" : op == Operator.WITHIN_DAYS ? "within days" : op == Operator.BETWEEN ? "between (a, b)"
                            : op == Operator.IN || op == Operator.NOT_IN ? op.symbol() + " (a, b, …)" : op.symbol();
                }

                @Override
                public Operator fromString(String s) {
                    return null;
                }
            });
            operator.getSelectionModel().select(Operator.EQ);
            operator.setPrefWidth(130);
            value.setPromptText("value");
            HBox.setHgrow(value, Priority.ALWAYS);
            Button remove = small("✕", "Remove this condition");
            remove.setOnAction(e -> group.remove(this));
            field.valueProperty().addListener((obs, old, f) -> changed());
            operator.valueProperty().addListener((obs, old, op) -> {
                value.setDisable(op != null && op.arity() == 0);
                changed();
            });
            value.textProperty().addListener((obs, old, v) -> changed());
            getChildren().addAll(field, operator, value, remove);
            refreshFields();
        }

        ComboBox<String> field() {
            return field;
        }

        ComboBox<Operator> operator() {
            return operator;
        }

        TextField value() {
            return value;
        }

        private Map<String, String> types() {
            return group.types.get();
        }

        void refreshFields() {
            String chosen = field.getValue();
            field.setItems(FXCollections.observableArrayList(types().keySet()));
            if (chosen != null) {
                field.setValue(chosen);
            }
        }

        void set(Expression.Comparison c) {
            field.setValue(c.field().toLowerCase(Locale.ROOT));
            operator.setValue(c.operator());
            value.setText(c.values().stream().map(v -> v.value() instanceof BigDecimal n ? n.toPlainString() : String.valueOf(v.value()))
                    .collect(Collectors.joining(", ")));
        }

        String text() {
            String f = field.getValue();
            Operator op = operator.getValue();
            if (f == null || f.isBlank() || op == null) {
                return "";
            }
            String type = types().getOrDefault(f, "VARCHAR");
            String raw = value.getText() == null ? "" : value.getText().strip();
            return switch (op) {
                case IS_NULL, IS_NOT_NULL -> f + " " + op.symbol();
                case IN, NOT_IN -> raw.isEmpty() ? "" : f + " " + op.symbol() + " (" + splitValues(raw).stream().map(v -> literal(v, type))
                        .collect(Collectors.joining(", ")) + ")";
                case BETWEEN -> {
                    List<String> bounds = splitValues(raw.replaceAll("(?i)\\s+and\\s+", ","));
                    yield bounds.size() != 2 ? "" : f + " between " + literal(bounds.get(0), type) + " and " + literal(bounds.get(1), type);
                }
                case WITHIN_DAYS -> raw.isEmpty() ? "" : f + " within " + raw + " days";
                default -> raw.isEmpty() ? "" : f + " " + op.symbol() + " " + literal(raw, type);
            };
        }
    }

    /** "has [no] RELATION [at least N] where (conditions on its fields)". */
    final class RelationRow extends VBox {
        private final ChoiceBox<String> has = new ChoiceBox<>(FXCollections.observableArrayList("has a", "has no"));
        private final ComboBox<String> relation = new ComboBox<>();
        private final TextField atLeast = new TextField("1");
        private final GroupView inner;

        RelationRow(GroupView parent) {
            getStyleClass().add("segment-relation");
            setSpacing(4);
            has.getSelectionModel().select(0);
            relation.setPromptText("kind of record");
            relation.setPrefWidth(170);
            atLeast.setPrefColumnCount(3);
            atLeast.setTooltip(new javafx.scene.control.Tooltip("At least this many such records"));
            Button remove = small("✕", "Remove this condition");
            remove.setOnAction(e -> parent.remove(this));
            Label times = new Label("at least");
            Label records = new Label("record(s)");
            HBox header = new HBox(6, has, relation, times, atLeast, records, remove);
            header.setAlignment(Pos.CENTER_LEFT);
            inner = new GroupView(null, true, this::fieldTypes);
            VBox.setMargin(inner, new Insets(0, 0, 0, 24));
            has.getSelectionModel().selectedIndexProperty().addListener((obs, old, i) -> {
                boolean negated = i.intValue() == 1;
                times.setDisable(negated);
                atLeast.setDisable(negated);
                changed();
            });
            relation.valueProperty().addListener((obs, old, r) -> {
                inner.refreshFields();
                changed();
            });
            atLeast.textProperty().addListener((obs, old, v) -> changed());
            getChildren().addAll(header, inner);
            refreshFields();
        }

        ComboBox<String> relation() {
            return relation;
        }

        GroupView inner() {
            return inner;
        }

        Map<String, String> fieldTypes() {
            String r = relation.getValue();
            return r == null ? Map.of() : fields.relations().getOrDefault(r, Map.of());
        }

        void refreshFields() {
            String chosen = relation.getValue();
            relation.setItems(FXCollections.observableArrayList(fields.relations().keySet()));
            if (chosen != null) {
                relation.setValue(chosen);
            }
            inner.refreshFields();
        }

        void set(Expression.Has h) {
            String name = fields.relations().keySet().stream().filter(r -> r.equalsIgnoreCase(h.relation())
                    || (r + "s").equalsIgnoreCase(h.relation())).findFirst().orElse(h.relation().toLowerCase(Locale.ROOT));
            relation.setValue(name);
            has.getSelectionModel().select(h.negated() ? 1 : 0);
            atLeast.setText(String.valueOf(h.minCount()));
        }

        String text() {
            String r = relation.getValue();
            if (r == null || r.isBlank()) {
                return "";
            }
            boolean negated = has.getSelectionModel().getSelectedIndex() == 1;
            String count = atLeast.getText() == null ? "" : atLeast.getText().strip();
            String where = inner.text();
            return (negated ? "not has " : "has ") + (!negated && count.matches("[0-9]+") && Integer.parseInt(count) > 1
                    ? "at least " + count + " " : "") + r + (where.isEmpty() ? "" : "(" + where + ")");
        }
    }

    /** Values typed as a list: split on commas outside quotes. */
    static List<String> splitValues(String raw) {
        List<String> values = new ArrayList<>();
        for (String part : raw.split(",")) {
            String v = part.strip();
            if (!v.isEmpty()) {
                values.add(v);
            }
        }
        return values;
    }

    /** A typed value as a literal of the language: numbers and booleans bare for such fields, text quoted. */
    static String literal(String raw, String type) {
        String t = type.toUpperCase(Locale.ROOT);
        boolean numeric = t.matches("(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|FLOAT|DOUBLE|REAL|DECIMAL.*|NUMERIC.*)");
        if (numeric && raw.matches("-?[0-9]+(\\.[0-9]+)?")) {
            return raw;
        }
        if (t.equals("BOOLEAN") && (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false"))) {
            return raw.toLowerCase(Locale.ROOT);
        }
        String unquoted = raw.length() >= 2 && (raw.startsWith("'") && raw.endsWith("'")) ? raw.substring(1, raw.length() - 1) : raw;
        return "'" + unquoted.replace("'", "''") + "'";
    }

}
