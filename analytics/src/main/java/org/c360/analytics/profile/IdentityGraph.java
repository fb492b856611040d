package org.c360.analytics.profile;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.jgrapht.Graph;
import org.jgrapht.alg.drawing.FRLayoutAlgorithm2D;
import org.jgrapht.alg.drawing.model.Box2D;
import org.jgrapht.alg.drawing.model.LayoutModel2D;
import org.jgrapht.alg.drawing.model.MapLayoutModel2D;
import org.jgrapht.alg.drawing.model.Point2D;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;

/**
 * One person's identity graph: the source records and the identifier values they carry, an edge for each
 * carried value. Values a guard stopped are in the graph, marked blocked (they link nothing); so the graph
 * shows both why records belong together and what was kept from gluing them to others.
 */
public final class IdentityGraph {

    /** A vertex: a record ("raw_crm_customers CRM-1") or an identifier value ("e-mail anna@x.com"). */
    public record Node(Kind kind, String label, String detail, boolean blocked) {
        public enum Kind { RECORD, IDENTIFIER }
    }

    private final Graph<Node, DefaultEdge> graph = new SimpleGraph<>(DefaultEdge.class);

    Node add(Node node) {
        graph.addVertex(node);
        return node;
    }

    void link(Node record, Node identifier) {
        graph.addEdge(record, identifier);
    }

    public Graph<Node, DefaultEdge> graph() {
        return graph;
    }

    /**
     * Positions for drawing, in a {@code width} x {@code height} box, by Fruchterman-Reingold force-directed
     * layout with a fixed seed (the same person is drawn the same way every time).
     */
    public Map<Node, double[]> layout(double width, double height) {
        Map<Node, double[]> positions = new LinkedHashMap<>();
        if (graph.vertexSet().isEmpty()) {
            return positions;
        }
        LayoutModel2D<Node> model = new MapLayoutModel2D<>(Box2D.of(width, height));
        new FRLayoutAlgorithm2D<Node, DefaultEdge>(100, FRLayoutAlgorithm2D.DEFAULT_NORMALIZATION_FACTOR, new Random(360))
                .layout(graph, model);
        for (Node node : graph.vertexSet()) {
            Point2D point = model.get(node);
            positions.put(node, new double[] {point.getX(), point.getY()});
        }
        return positions;
    }
}
