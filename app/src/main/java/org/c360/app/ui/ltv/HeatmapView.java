package org.c360.app.ui.ltv;

import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import org.c360.analytics.ml.LtvResult;

/**
 * The probability-alive matrix as a heatmap on a canvas: frequency (repeat purchase days) up, recency (days
 * from first to last purchase) across, each cell coloured from red (surely gone) to green (surely alive),
 * with axes and a colour bar. Hovering a cell tells its numbers.
 */
final class HeatmapView extends Region {
    private static final double LEFT = 50;
    private static final double BOTTOM = 40;
    private static final double TOP = 26;
    private static final double RIGHT = 54;

    private final Canvas canvas = new Canvas();
    private final javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();
    private LtvResult.Heatmap heatmap;

    HeatmapView() {
        getChildren().add(canvas);
        setPrefSize(340, 300);
        setMinSize(200, 240);
        javafx.scene.control.Tooltip.install(this, tip);
        setOnMouseMoved(e -> tip.setText(describeAt(e.getX(), e.getY())));
    }

    void show(LtvResult.Heatmap heatmap) {
        this.heatmap = heatmap;
        draw();
    }

    LtvResult.Heatmap heatmap() {
        return heatmap;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    /** Red through yellow to green. */
    static Color colour(double p) {
        double clamped = Math.max(0, Math.min(1, p));
        return Color.hsb(120 * clamped, 0.75, 0.85);
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        g.setFont(Font.font(11));
        g.setFill(Color.gray(0.35));
        if (heatmap == null) {
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText("Fit the models to see the probability alive by frequency and recency.", w / 2, h / 2);
            return;
        }
        int rows = heatmap.frequencies().length;
        int columns = heatmap.recencies().length;
        double plotW = Math.max(10, w - LEFT - RIGHT);
        double plotH = Math.max(10, h - TOP - BOTTOM);
        double cellW = plotW / columns;
        double cellH = plotH / rows;
        for (int f = 0; f < rows; f++) {
            for (int c = 0; c < columns; c++) {
                g.setFill(colour(heatmap.pAlive()[f][c]));
                // frequency grows upwards, as in lifetimes' plot
                g.fillRect(LEFT + c * cellW, TOP + (rows - 1 - f) * cellH, Math.ceil(cellW), Math.ceil(cellH));
            }
        }
        g.setFill(Color.gray(0.2));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        g.fillText(String.format("P(alive), %d days after the first purchase", heatmap.age()), LEFT + plotW / 2, 4);
        int xTicks = Math.min(columns, 6);
        for (int i = 0; i < xTicks; i++) {
            int c = xTicks == 1 ? 0 : (int) Math.round((double) i * (columns - 1) / (xTicks - 1));
            g.fillText(Integer.toString(heatmap.recencies()[c]), LEFT + (c + 0.5) * cellW, TOP + plotH + 4);
        }
        g.fillText("recency: days, first to last purchase", LEFT + plotW / 2, TOP + plotH + 20);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        int yTicks = Math.min(rows, 8);
        for (int i = 0; i < yTicks; i++) {
            int f = yTicks == 1 ? 0 : (int) Math.round((double) i * (rows - 1) / (yTicks - 1));
            g.fillText(Integer.toString(heatmap.frequencies()[f]), LEFT - 6, TOP + (rows - 0.5 - f) * cellH);
        }
        g.save();
        g.translate(14, TOP + plotH / 2);
        g.rotate(-90);
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText("frequency: repeat purchase days", 0, 0);
        g.restore();
        // colour bar
        double barX = LEFT + plotW + 16;
        for (int i = 0; i < 100; i++) {
            g.setFill(colour(1 - i / 99.0));
            g.fillRect(barX, TOP + i * plotH / 100, 14, Math.ceil(plotH / 100) + 1);
        }
        g.setFill(Color.gray(0.2));
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("1.0", barX + 18, TOP + 4);
        g.fillText("0.5", barX + 18, TOP + plotH / 2);
        g.fillText("0.0", barX + 18, TOP + plotH - 4);
    }

    private String describeAt(double x, double y) {
        if (heatmap == null) {
            return "";
        }
        int rows = heatmap.frequencies().length;
        int columns = heatmap.recencies().length;
        double plotW = Math.max(10, getWidth() - LEFT - RIGHT);
        double plotH = Math.max(10, getHeight() - TOP - BOTTOM);
        int c = (int) ((x - LEFT) / (plotW / columns));
        int f = rows - 1 - (int) ((y - TOP) / (plotH / rows));
        if (c < 0 || c >= columns || f < 0 || f >= rows) {
            return "Probability alive by frequency and recency";
        }
        return String.format("%d repeat purchase days, the last %d days after the first: P(alive) %.2f",
                heatmap.frequencies()[f], heatmap.recencies()[c], heatmap.pAlive()[f][c]);
    }
}
