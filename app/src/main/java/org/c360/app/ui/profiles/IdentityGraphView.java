package org.c360.app.ui.profiles;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.Shape;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

import org.c360.analytics.profile.IdentityGraph;
import org.c360.analytics.profile.IdentityGraph.Node;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;

/**
 * One person's identity graph drawn on a canvas from {@link IdentityGraph#layout}: source records as
 * rounded squares coloured by source, identifier values as circles coloured by kind, identifiers a guard
 * blocked in red with a cross and dashed edges. Labels that would overlap another are left out (the
 * busiest nodes keep theirs); hovering any node names it in full. A legend below says what is what.
 */
public final class IdentityGraphView extends BorderPane {
    private static final double PAD = 34;
    private static final double RECORD = 12;
    private static final Font LABEL = Font.font("System", 11);
    private static final Color EDGE = Color.web("#8c959f");
    private static final Color BLOCKED = Color.web("#cf222e");
    private static final Color[] SOURCE_COLOURS = {Color.web("#0969da"), Color.web("#8250df"), Color.web("#bf3989"),
            Color.web("#1a7f37"), Color.web("#9a6700"), Color.web("#0550ae"), Color.web("#6e7781"), Color.web("#953800")};
    private static final Map<String, Color> ROLE_COLOURS = Map.of(
            "email", Color.web("#fb8f44"), "phone", Color.web("#4ac26b"), "customer id", Color.web("#54aeff"),
            "crm id", Color.web("#c297ff"), "loyalty id", Color.web("#ff80c8"), "device id", Color.web("#d4a72c"),
            "cookie id", Color.web("#afb8c1"), "national id", Color.web("#76e3ea"));

    private final Canvas canvas = new Canvas();
    private final Pane surface = new Pane(canvas) {
        @Override
        protected void layoutChildren() {
            canvas.setWidth(getWidth());
            canvas.setHeight(getHeight());
            draw();
        }
    };
    private final FlowPane legend = new FlowPane(14, 4);
    private final Label empty = new Label();
    private final Tooltip tooltip = new Tooltip();

    private IdentityGraph graph;
    private Map<Node, double[]> layout = Map.of();
    private List<String> guards = List.of();
    private final Map<String, Color> sourceColours = new LinkedHashMap<>();
    /** Where each node was drawn last, in canvas coordinates. */
    private final Map<Node, double[]> drawn = new LinkedHashMap<>();
    private int labelsShown;

    public IdentityGraphView() {
        getStyleClass().add("identity-graph");
        canvas.setId("profile-graph-canvas");
        surface.setMinSize(120, 120);
        surface.getStyleClass().add("graph-surface");
        legend.setPadding(new Insets(6, 8, 6, 8));
        legend.setId("profile-graph-legend");
        legend.getStyleClass().add("graph-legend");
        empty.getStyleClass().add("dim");
        empty.setMouseTransparent(true);
        surface.getChildren().add(empty);
        setCenter(surface);
        setBottom(legend);
        tooltip.setShowDelay(Duration.millis(150));
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(420);
        canvas.setOnMouseMoved(e -> hover(e.getX(), e.getY(), e.getScreenX(), e.getScreenY()));
        canvas.setOnMouseExited(e -> tooltip.hide());
        show(null, Map.of(), List.of());
    }

    /**
     * Shows {@code graph} at {@code layout} (positions from {@link IdentityGraph#layout}, in any box: they are
     * fitted to the canvas); {@code guards} are the card's guard sentences, quoted for blocked identifiers.
     */
    public void show(IdentityGraph graph, Map<Node, double[]> layout, List<String> guards) {
        this.graph = graph;
        this.layout = layout;
        this.guards = guards;
        sourceColours.clear();
        if (graph != null) {
            graph.graph().vertexSet().stream().filter(n -> n.kind() == Node.Kind.RECORD).map(IdentityGraphView::sourceOf)
                    .distinct().sorted().forEach(s -> sourceColours.put(s, SOURCE_COLOURS[sourceColours.size() % SOURCE_COLOURS.length]));
        }
        empty.setText(graph == null ? "Choose a person to see how their records are linked." : "No records with identifiers.");
        empty.setVisible(graph == null || graph.graph().vertexSet().isEmpty());
        buildLegend();
        draw();
    }

    /** Nodes drawn (records and identifiers). */
    public int nodeCount() {
        return drawn.size();
    }

    /** Nodes whose label was drawn (the others are named on hover). */
    public int labelCount() {
        return labelsShown;
    }

    private void draw() {
        double width = canvas.getWidth();
        double height = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, width, height);
        drawn.clear();
        labelsShown = 0;
        empty.relocate(16, 16);
        if (graph == null || layout.isEmpty() || width < 40 || height < 40) {
            return;
        }
        fit(width, height);
        Graph<Node, DefaultEdge> g2 = graph.graph();
        g.setLineWidth(1);
        for (DefaultEdge edge : g2.edgeSet()) {
            Node a = g2.getEdgeSource(edge);
            Node b = g2.getEdgeTarget(edge);
            double[] p = drawn.get(a);
            double[] q = drawn.get(b);
            boolean blocked = a.blocked() || b.blocked();
            g.setStroke(blocked ? BLOCKED : EDGE);
            g.setLineDashes(blocked ? new double[] {4, 3} : null);
            g.strokeLine(p[0], p[1], q[0], q[1]);
        }
        g.setLineDashes(null);
        for (Map.Entry<Node, double[]> entry : drawn.entrySet()) {
            drawNode(g, entry.getKey(), entry.getValue()[0], entry.getValue()[1]);
        }
        drawLabels(g, width, height);
    }

    /** Fits the layout's bounding box into the canvas, less a margin for the shapes and labels. */
    private void fit(double width, double height) {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (double[] p : layout.values()) {
            minX = Math.min(minX, p[0]);
            maxX = Math.max(maxX, p[0]);
            minY = Math.min(minY, p[1]);
            maxY = Math.max(maxY, p[1]);
        }
        double spanX = Math.max(1e-9, maxX - minX);
        double spanY = Math.max(1e-9, maxY - minY);
        double usableX = Math.max(1, width - 2 * PAD - 60);
        double usableY = Math.max(1, height - 2 * PAD);
        for (Map.Entry<Node, double[]> entry : layout.entrySet()) {
            double x = layout.size() == 1 ? width / 2 : PAD + 30 + (entry.getValue()[0] - minX) / spanX * usableX;
            double y = layout.size() == 1 ? height / 2 : PAD + (entry.getValue()[1] - minY) / spanY * usableY;
            drawn.put(entry.getKey(), new double[] {x, y});
        }
    }

    private double radius(Node node) {
        return 5 + Math.min(7, Math.sqrt(graph.graph().degreeOf(node)) * 1.6);
    }

    private void drawNode(GraphicsContext g, Node node, double x, double y) {
        if (node.kind() == Node.Kind.RECORD) {
            g.setFill(sourceColours.getOrDefault(sourceOf(node), Color.GRAY));
            g.fillRoundRect(x - RECORD / 2, y - RECORD / 2, RECORD, RECORD, 4, 4);
            g.setStroke(Color.WHITE);
            g.strokeRoundRect(x - RECORD / 2, y - RECORD / 2, RECORD, RECORD, 4, 4);
            return;
        }
        double r = radius(node);
        g.setFill(node.blocked() ? BLOCKED : ROLE_COLOURS.getOrDefault(node.detail(), Color.LIGHTGRAY));
        g.fillOval(x - r, y - r, 2 * r, 2 * r);
        g.setStroke(node.blocked() ? BLOCKED.darker() : Color.web("#57606a"));
        g.strokeOval(x - r, y - r, 2 * r, 2 * r);
        if (node.blocked()) {
            g.setStroke(Color.WHITE);
            g.setLineWidth(2);
            double d = r * 0.55;
            g.strokeLine(x - d, y - d, x + d, y + d);
            g.strokeLine(x - d, y + d, x + d, y - d);
            g.setLineWidth(1);
        }
    }

    /**
     * Labels below their nodes, busiest nodes first (blocked identifiers before all), each on a light plate;
     * a label that would overlap one already drawn, or a node, or leave the canvas is skipped.
     */
    private void drawLabels(GraphicsContext g, double width, double height) {
        List<Node> order = new ArrayList<>(drawn.keySet());
        order.sort(Comparator.comparing((Node n) -> !n.blocked())
                .thenComparing(n -> n.kind() == Node.Kind.RECORD)
                .thenComparing(n -> -graph.graph().degreeOf(n))
                .thenComparing(Node::label));
        List<double[]> taken = new ArrayList<>();
        for (Map.Entry<Node, double[]> entry : drawn.entrySet()) {
            double r = entry.getKey().kind() == Node.Kind.RECORD ? RECORD / 2 : radius(entry.getKey());
            taken.add(new double[] {entry.getValue()[0] - r, entry.getValue()[1] - r, 2 * r, 2 * r});
        }
        g.setFont(LABEL);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        Text measure = new Text();
        measure.setFont(LABEL);
        for (Node node : order) {
            String text = shortLabel(node);
            measure.setText(text);
            Bounds bounds = measure.getLayoutBounds();
            double[] p = drawn.get(node);
            double r = node.kind() == Node.Kind.RECORD ? RECORD / 2 : radius(node);
            double w = bounds.getWidth() + 6;
            double h = bounds.getHeight() + 2;
            double[] box = {p[0] - w / 2, p[1] + r + 2, w, h};
            if (box[0] < 2 || box[0] + w > width - 2 || box[1] + h > height - 2) {
                continue;
            }
            boolean free = true;
            for (double[] other : taken) {
                if (overlaps(box, other, p, r)) {
                    free = false;
                    break;
                }
            }
            if (!free) {
                continue;
            }
            taken.add(box);
            g.setFill(Color.rgb(255, 255, 255, 0.85));
            g.fillRoundRect(box[0], box[1], w, h, 4, 4);
            g.setFill(node.blocked() ? BLOCKED : node.kind() == Node.Kind.RECORD ? Color.web("#24292f") : Color.web("#57606a"));
            g.fillText(text, p[0], box[1] + 1);
            labelsShown++;
        }
    }

    /** Whether a label box overlaps {@code other}, ignoring the box of the label's own node. */
    private static boolean overlaps(double[] box, double[] other, double[] node, double r) {
        if (Math.abs(other[0] - (node[0] - r)) < 1e-6 && Math.abs(other[1] - (node[1] - r)) < 1e-6) {
            return false;
        }
        return box[0] < other[0] + other[2] && other[0] < box[0] + box[2]
                && box[1] < other[1] + other[3] && other[1] < box[1] + box[3];
    }

    /** A record by its id, an identifier by its value, shortened to stay legible. */
    static String shortLabel(Node node) {
        String text = node.kind() == Node.Kind.RECORD
                ? node.label().substring(node.label().indexOf(' ') + 1)
                : node.detail() != null && node.label().startsWith(node.detail() + " ")
                ? node.label().substring(node.detail().length() + 1) : node.label();
        return text.length() > 26 ? text.substring(0, 12) + "…" + text.substring(text.length() - 12) : text;
    }

    private static String sourceOf(Node record) {
        int space = record.label().indexOf(' ');
        return space < 0 ? record.label() : record.label().substring(0, space);
    }

    private void hover(double x, double y, double screenX, double screenY) {
        Node nearest = null;
        double best = 14 * 14;
        for (Map.Entry<Node, double[]> entry : drawn.entrySet()) {
            double dx = entry.getValue()[0] - x;
            double dy = entry.getValue()[1] - y;
            if (dx * dx + dy * dy < best) {
                best = dx * dx + dy * dy;
                nearest = entry.getKey();
            }
        }
        if (nearest == null) {
            tooltip.hide();
            return;
        }
        tooltip.setText(describe(nearest));
        tooltip.show(canvas, screenX + 12, screenY + 12);
    }

    private String describe(Node node) {
        int degree = graph.graph().degreeOf(node);
        if (node.kind() == Node.Kind.RECORD) {
            return "Record " + node.label() + "\ncarries " + degree + (degree == 1 ? " identifier" : " identifiers");
        }
        StringBuilder sb = new StringBuilder(node.detail() == null ? "Identifier" : capitalise(node.detail()))
                .append(": ").append(node.label().substring(node.detail() == null ? 0 : node.detail().length() + 1))
                .append("\ncarried by ").append(degree).append(degree == 1 ? " record" : " records");
        if (node.blocked()) {
            String value = node.label().substring(node.label().lastIndexOf(' ') + 1);
            sb.append("\nBlocked: a guard stopped this value from linking anybody.");
            guards.stream().filter(g -> g.contains(" " + value + " ") || g.endsWith(" " + value))
                    .forEach(g -> sb.append("\n").append(g));
        }
        return sb.toString();
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    private void buildLegend() {
        legend.getChildren().clear();
        if (graph == null || graph.graph().vertexSet().isEmpty()) {
            return;
        }
        legend.getChildren().add(caption("Records:"));
        sourceColours.forEach((source, colour) -> {
            Rectangle square = new Rectangle(11, 11, colour);
            square.setArcWidth(4);
            square.setArcHeight(4);
            legend.getChildren().add(entry(square, source));
        });
        legend.getChildren().add(caption("Identifiers:"));
        graph.graph().vertexSet().stream().filter(n -> n.kind() == Node.Kind.IDENTIFIER && n.detail() != null)
                .map(Node::detail).distinct().sorted()
                .forEach(role -> legend.getChildren().add(entry(circle(ROLE_COLOURS.getOrDefault(role, Color.LIGHTGRAY)), role)));
        if (graph.graph().vertexSet().stream().anyMatch(Node::blocked)) {
            legend.getChildren().add(entry(circle(BLOCKED), "blocked by a guard"));
        }
        Label hint = new Label("Hover a node for its full name.");
        hint.getStyleClass().add("dim");
        legend.getChildren().add(hint);
    }

    private static Circle circle(Color colour) {
        Circle circle = new Circle(6, colour);
        circle.setStroke(Color.web("#57606a"));
        return circle;
    }

    private static Label caption(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("legend-caption");
        return label;
    }

    private static HBox entry(Shape shape, String text) {
        HBox box = new HBox(5, shape, new Label(text));
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }
}
