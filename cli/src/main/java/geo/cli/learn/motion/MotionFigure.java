package geo.cli.learn.motion;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The two-panel picture of a skill, drawn with Java2D: left, the latent magnification factor
 * log √det M(z) as a heat map (clipped to its 2nd–98th percentiles) with the encoded training
 * states and latent curves; right, the position plane with the demonstrations, curves and disc
 * obstacles. (The shared {@code geo.cli.common.figure} has no heat-map layer.)
 */
final class MotionFigure {

    /** A curve to draw in one panel. */
    record Curve(String label, Color color, boolean dashed, double[][] points) {
    }

    static final Color HELD_OUT = new Color(0, 0, 0);
    static final Color DEMOS = new Color(150, 150, 150);
    private static final int PANEL = 620;
    private static final int MARGIN = 60;

    private MotionFigure() {
    }

    /**
     * Writes the PNG.
     *
     * @param magnification log √det M on an n×n grid over [lo, hi] ({@code [i][j]} at lo + (i, j)·h)
     */
    static void write(Path file, String title, double[][] magnification, double[] lo, double[] hi, double[][] latentData,
                      List<Curve> latentCurves, List<double[][]> demos, List<Curve> dataCurves,
                      List<Skill.Obstacle> obstacles) throws IOException {
        int w = 2 * PANEL + 3 * MARGIN + 40;
        int h = PANEL + 2 * MARGIN + 40;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, MARGIN, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        // Left: the latent plane.
        int x0 = MARGIN;
        int y0 = MARGIN;
        Frame left = new Frame(x0, y0, lo[0], hi[0], lo[1], hi[1]);
        int n = magnification.length;
        double[] all = Arrays.stream(magnification).flatMapToDouble(Arrays::stream).filter(Double::isFinite).sorted().toArray();
        double vmin = all.length == 0 ? 0 : all[(int) (0.02 * (all.length - 1))];
        double vmax = all.length == 0 ? 1 : all[(int) (0.98 * (all.length - 1))];
        double cell = (double) PANEL / (n - 1);
        g.setClip(x0, y0, PANEL, PANEL);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = magnification[i][j];
                g.setColor(Double.isFinite(v) ? colour((v - vmin) / Math.max(vmax - vmin, 1e-12)) : Color.MAGENTA);
                double cxp = x0 + i * cell;
                double cyp = y0 + PANEL - j * cell;
                g.fillRect((int) Math.floor(cxp - cell / 2), (int) Math.floor(cyp - cell / 2), (int) Math.ceil(cell) + 1,
                        (int) Math.ceil(cell) + 1);
            }
        }
        g.setColor(new Color(255, 255, 255, 160));
        for (double[] z : latentData) {
            double[] p = left.map(z[0], z[1]);
            g.fill(new Ellipse2D.Double(p[0] - 1.5, p[1] - 1.5, 3, 3));
        }
        drawCurves(g, left, latentCurves);
        g.setClip(null);
        left.axes(g, "z₀", "z₁");
        // The colour bar.
        int bx = x0 + PANEL + 8;
        for (int k = 0; k < PANEL; k++) {
            g.setColor(colour(1 - (double) k / PANEL));
            g.fillRect(bx, y0 + k, 12, 1);
        }
        g.setColor(Color.BLACK);
        g.drawString(String.format(Locale.ROOT, "%.1f", vmax), bx + 16, y0 + 10);
        g.drawString(String.format(Locale.ROOT, "%.1f", vmin), bx + 16, y0 + PANEL);
        g.drawString("log √det M(z)", x0 + PANEL / 2 - 40, y0 - 8);
        // Right: the position plane.
        double[] box = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        List<double[][]> everything = new ArrayList<>(demos);
        dataCurves.forEach(c -> everything.add(c.points()));
        for (double[][] c : everything) {
            for (double[] p : c) {
                box[0] = Math.min(box[0], p[0]);
                box[1] = Math.max(box[1], p[0]);
                box[2] = Math.min(box[2], p[1]);
                box[3] = Math.max(box[3], p[1]);
            }
        }
        for (Skill.Obstacle o : obstacles) {
            box[0] = Math.min(box[0], o.x() - o.r());
            box[1] = Math.max(box[1], o.x() + o.r());
            box[2] = Math.min(box[2], o.y() - o.r());
            box[3] = Math.max(box[3], o.y() + o.r());
        }
        double side = Math.max(box[1] - box[0], box[3] - box[2]) * 1.1;
        double cx = (box[0] + box[1]) / 2;
        double cy = (box[2] + box[3]) / 2;
        Frame right = new Frame(x0 + PANEL + 2 * MARGIN + 20, y0, cx - side / 2, cx + side / 2, cy - side / 2, cy + side / 2);
        g.setStroke(new BasicStroke(1.2f));
        g.setColor(DEMOS);
        for (double[][] d : demos) {
            g.draw(right.path(d));
        }
        for (Skill.Obstacle o : obstacles) {
            double[] c = right.map(o.x(), o.y());
            double rr = o.r() / (right.x1 - right.x0) * PANEL;
            g.setColor(new Color(200, 40, 40, 90));
            g.fill(new Ellipse2D.Double(c[0] - rr, c[1] - rr, 2 * rr, 2 * rr));
            g.setColor(new Color(160, 0, 0));
            g.draw(new Ellipse2D.Double(c[0] - rr, c[1] - rr, 2 * rr, 2 * rr));
        }
        drawCurves(g, right, dataCurves);
        right.axes(g, "p₀", "p₁");
        // The legend, under the right panel's title line.
        int ly = y0 + 16;
        int lx = right.px + 10;
        g.setColor(DEMOS);
        g.drawLine(lx, ly - 4, lx + 24, ly - 4);
        g.setColor(Color.BLACK);
        g.drawString("training demonstrations", lx + 30, ly);
        for (Curve c : dataCurves) {
            ly += 18;
            g.setColor(c.color());
            g.setStroke(stroke(c));
            g.drawLine(lx, ly - 4, lx + 24, ly - 4);
            g.setColor(Color.BLACK);
            g.drawString(c.label(), lx + 30, ly);
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static BasicStroke stroke(Curve c) {
        return c.dashed() ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 5f}, 0f)
                : new BasicStroke(2.2f);
    }

    private static void drawCurves(Graphics2D g, Frame f, List<Curve> curves) {
        for (Curve c : curves) {
            g.setColor(c.color());
            g.setStroke(stroke(c));
            g.draw(f.path(c.points()));
        }
        g.setStroke(new BasicStroke(1f));
    }

    /** A perceptually ordered dark-blue → teal → yellow ramp (viridis-like), t ∈ [0, 1]. */
    static Color colour(double t) {
        t = Math.max(0, Math.min(1, t));
        double[][] stops = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
        double s = t * (stops.length - 1);
        int k = Math.min(stops.length - 2, (int) s);
        double f = s - k;
        return new Color((int) (stops[k][0] + f * (stops[k + 1][0] - stops[k][0])),
                (int) (stops[k][1] + f * (stops[k + 1][1] - stops[k][1])),
                (int) (stops[k][2] + f * (stops[k + 1][2] - stops[k][2])));
    }

    /** A square panel mapping [x0, x1] × [y0, y1] to pixels. */
    private static final class Frame {
        final int px;
        final int py;
        final double x0;
        final double x1;
        final double y0;
        final double y1;

        Frame(int px, int py, double x0, double x1, double y0, double y1) {
            this.px = px;
            this.py = py;
            this.x0 = x0;
            this.x1 = x1;
            this.y0 = y0;
            this.y1 = y1;
        }

        double[] map(double x, double y) {
            return new double[] {px + (x - x0) / (x1 - x0) * PANEL, py + PANEL - (y - y0) / (y1 - y0) * PANEL};
        }

        Path2D path(double[][] pts) {
            Path2D.Double p = new Path2D.Double();
            for (int i = 0; i < pts.length; i++) {
                double[] q = map(pts[i][0], pts[i][1]);
                if (i == 0) {
                    p.moveTo(q[0], q[1]);
                } else {
                    p.lineTo(q[0], q[1]);
                }
            }
            return p;
        }

        void axes(Graphics2D g, String xl, String yl) {
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(1f));
            g.drawRect(px, py, PANEL, PANEL);
            for (int k = 0; k <= 4; k++) {
                double x = x0 + (x1 - x0) * k / 4;
                double y = y0 + (y1 - y0) * k / 4;
                int tx = (int) (px + PANEL * k / 4.0);
                int ty = (int) (py + PANEL - PANEL * k / 4.0);
                g.drawLine(tx, py + PANEL, tx, py + PANEL + 5);
                g.drawString(String.format(Locale.ROOT, "%.1f", x), tx - 12, py + PANEL + 20);
                g.drawLine(px - 5, ty, px, ty);
                g.drawString(String.format(Locale.ROOT, "%.1f", y), px - 42, ty + 5);
            }
            g.drawString(xl, px + PANEL / 2, py + PANEL + 38);
            g.drawString(yl, px - 56, py + PANEL / 2 - 14);
        }
    }
}
