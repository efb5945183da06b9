package geo.runtime.learn.motion;

import geo.runtime.api.MetricKernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The initial path of a latent geodesic: Dijkstra's shortest path on an n×n grid over a box of the
 * latent plane with 8-neighbour edges, each weighted by the Riemannian length of its straight
 * segment, Simpson's rule on √(Δᵀ g(z) Δ) at its ends and midpoint (the motion-skills code's
 * {@code DiscretizedManifold} uses 4 neighbours and 5 points per edge). The ends are joined to
 * their nearest grid nodes by straight segments.
 */
public final class LatentGrid {

    private final int n;
    private final double[] lo;
    private final double[] hi;
    private final double[][] nodes;
    /** √(Δᵀ g Δ) needs g at every node: g at node i, row-major 2×2. */
    private final double[][] metricAt;
    private final MetricKernels metric;
    private final double[] theta;

    /**
     * Evaluates the metric at every node of the grid.
     *
     * @param metric the latent metric (d = 2); this instance is used by the grid only
     * @param theta  its parameters
     * @param lo     the box's lower corner
     * @param hi     the box's upper corner
     * @param n      nodes per side, ≥ 2
     */
    public LatentGrid(MetricKernels metric, double[] theta, double[] lo, double[] hi, int n) {
        if (metric.descriptor().dimension() != 2 || n < 2 || !(hi[0] > lo[0]) || !(hi[1] > lo[1])) {
            throw new IllegalArgumentException("a latent grid needs a 2-dimensional metric, n ≥ 2 and a non-empty box");
        }
        this.metric = metric;
        this.theta = theta.clone();
        this.n = n;
        this.lo = lo.clone();
        this.hi = hi.clone();
        nodes = new double[n * n][];
        metricAt = new double[n * n][];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double[] z = {lo[0] + (hi[0] - lo[0]) * i / (n - 1), lo[1] + (hi[1] - lo[1]) * j / (n - 1)};
                nodes[i * n + j] = z;
                metricAt[i * n + j] = evaluate(z);
            }
        }
    }

    private double[] evaluate(double[] z) {
        double[] g = new double[4];
        metric.metric(z, theta, g);
        return g;
    }

    private static double speed(double[] g, double dx, double dy) {
        return Math.sqrt(Math.max(0, g[0] * dx * dx + (g[1] + g[2]) * dx * dy + g[3] * dy * dy));
    }

    /** The Riemannian length of the segment a → b by Simpson's rule (g at a, midpoint, b). */
    public double segmentLength(double[] a, double[] b) {
        return segmentLength(a, evaluate(a), b, evaluate(b));
    }

    private double segmentLength(double[] a, double[] ga, double[] b, double[] gb) {
        double dx = b[0] - a[0];
        double dy = b[1] - a[1];
        double[] gm = evaluate(new double[] {(a[0] + b[0]) / 2, (a[1] + b[1]) / 2});
        return (speed(ga, dx, dy) + 4 * speed(gm, dx, dy) + speed(gb, dx, dy)) / 6;
    }

    /** The nearest grid node of z. */
    private int nearest(double[] z) {
        int i = (int) Math.round((z[0] - lo[0]) / (hi[0] - lo[0]) * (n - 1));
        int j = (int) Math.round((z[1] - lo[1]) / (hi[1] - lo[1]) * (n - 1));
        return Math.max(0, Math.min(n - 1, i)) * n + Math.max(0, Math.min(n - 1, j));
    }

    /**
     * The grid's shortest path from {@code from} to {@code to}: the ends, and the grid nodes between.
     *
     * @return the polyline's vertices, {@code from} first and {@code to} last
     */
    public List<double[]> shortestPath(double[] from, double[] to) {
        int source = nearest(from);
        int target = nearest(to);
        double[] dist = new double[n * n];
        int[] previous = new int[n * n];
        Arrays.fill(dist, Double.POSITIVE_INFINITY);
        Arrays.fill(previous, -1);
        dist[source] = 0;
        PriorityQueue<double[]> queue = new PriorityQueue<>((x, y) -> Double.compare(x[0], y[0]));
        queue.add(new double[] {0, source});
        while (!queue.isEmpty()) {
            double[] top = queue.poll();
            int u = (int) top[1];
            if (top[0] > dist[u]) {
                continue;
            }
            if (u == target) {
                break;
            }
            int ui = u / n;
            int uj = u % n;
            for (int di = -1; di <= 1; di++) {
                for (int dj = -1; dj <= 1; dj++) {
                    int vi = ui + di;
                    int vj = uj + dj;
                    if ((di == 0 && dj == 0) || vi < 0 || vj < 0 || vi >= n || vj >= n) {
                        continue;
                    }
                    int v = vi * n + vj;
                    double w = segmentLength(nodes[u], metricAt[u], nodes[v], metricAt[v]);
                    if (dist[u] + w < dist[v]) {
                        dist[v] = dist[u] + w;
                        previous[v] = u;
                        queue.add(new double[] {dist[v], v});
                    }
                }
            }
        }
        List<double[]> reversed = new ArrayList<>();
        for (int v = target; v != -1; v = previous[v]) {
            reversed.add(nodes[v]);
        }
        List<double[]> path = new ArrayList<>();
        path.add(from.clone());
        for (int k = reversed.size() - 1; k >= 0; k--) {
            path.add(reversed.get(k).clone());
        }
        path.add(to.clone());
        return path;
    }

    /** log √det g(z), the magnification factor, at every node: {@code out[i][j]} at (lo₀ + i·h₀, lo₁ + j·h₁). */
    public double[][] magnification() {
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double[] g = metricAt[i * n + j];
                out[i][j] = 0.5 * Math.log(g[0] * g[3] - g[1] * g[2]);
            }
        }
        return out;
    }
}
