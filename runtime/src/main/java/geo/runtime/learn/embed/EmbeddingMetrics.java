package geo.runtime.learn.embed;

import geo.runtime.data.graph.ShortestPaths;
import geo.runtime.manifold.EmbeddingSpace;

/**
 * How well embedded distances d_M reproduce graph distances d_G, over the pairs i &lt; j whose
 * distance could be computed (the others are counted in {@link #failedPairs} and left out):
 * <ul>
 *   <li>average distortion = mean |s·d_M − d_G| / d_G, with s the scale learned by a scale-free
 *       loss (s = 1 otherwise), as in Lou, Nickel &amp; Amos (2020) and Cruceru et al. (2020);</li>
 *   <li>worst-case distortion = max(d_M/d_G) · max(d_G/d_M) ≥ 1, independent of any scale
 *       (+∞ when two distinct nodes share a position);</li>
 *   <li>mean average precision (Nickel &amp; Kiela, 2017): for each node u, the other nodes ranked
 *       by d_M(u, ·); for each graph neighbour v, the precision among the nodes no farther than v
 *       (ties count against: a non-neighbour at v's distance ranks before v); averaged over u's
 *       neighbours, then over the nodes.</li>
 * </ul>
 *
 * @param averageDistortion    mean |s·d_M − d_G| / d_G
 * @param worstCaseDistortion  max(d_M/d_G) · max(d_G/d_M)
 * @param meanAveragePrecision MAP ∈ (0, 1], 1 when every node's neighbours are its nearest nodes
 * @param failedPairs          the pairs left out because their distance is NaN
 */
public record EmbeddingMetrics(double averageDistortion, double worstCaseDistortion, double meanAveragePrecision,
                               int failedPairs) {

    /**
     * The metrics of embedded distances.
     *
     * @param target   the graph distances, which also number the pairs
     * @param embedded d_M of every pair, indexed by {@link ShortestPaths#pairIndex} (NaN = failed; read)
     * @param scale    s &gt; 0, the factor on d_M for the average distortion
     */
    public static EmbeddingMetrics of(ShortestPaths target, double[] embedded, double scale) {
        if (embedded.length != target.pairCount()) {
            throw new IllegalArgumentException("expected " + target.pairCount() + " distances, got " + embedded.length);
        }
        double sum = 0;
        double maxExpansion = 0;
        double maxContraction = 0;
        int counted = 0;
        for (int k = 0; k < embedded.length; k++) {
            double m = embedded[k];
            if (Double.isNaN(m)) {
                continue;
            }
            double g = target.distanceOfPair(k);
            sum += Math.abs(scale * m - g) / g;
            maxExpansion = Math.max(maxExpansion, m / g);
            maxContraction = Math.max(maxContraction, g / m);
            counted++;
        }
        int failed = embedded.length - counted;
        return new EmbeddingMetrics(counted == 0 ? Double.NaN : sum / counted,
                counted == 0 ? Double.NaN : maxExpansion * maxContraction,
                meanAveragePrecision(target, embedded), failed);
    }

    /**
     * The metrics of positions in a space, evaluating every pair's distance on this thread.
     *
     * @param positions one point per node (read)
     * @param theta     the space's parameters (read)
     */
    public static EmbeddingMetrics of(ShortestPaths target, EmbeddingSpace space, double[][] positions,
                                      double[] theta, double scale) {
        int n = target.nodeCount();
        int dim = space.dimension();
        double[] gx = new double[dim];
        double[] gy = new double[dim];
        double[] gTheta = new double[space.parameterCount()];
        double[] d = new double[target.pairCount()];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                int k = target.pairIndex(i, j);
                d[k] = space.distance(k, positions[i], positions[j], theta, gx, gy, gTheta).valueOr(Double.NaN);
            }
        }
        return of(target, d, scale);
    }

    private static double meanAveragePrecision(ShortestPaths target, double[] embedded) {
        int n = target.nodeCount();
        double total = 0;
        int nodes = 0;
        for (int u = 0; u < n; u++) {
            double ap = 0;
            int neighbours = 0;
            for (int v = 0; v < n; v++) {
                if (v == u || target.distance(u, v) != 1) {
                    continue;
                }
                double dv = embedded[target.pairIndex(u, v)];
                if (Double.isNaN(dv)) {
                    continue;
                }
                int rank = 0;
                int hits = 0;
                for (int w = 0; w < n; w++) {
                    if (w == u) {
                        continue;
                    }
                    double dw = embedded[target.pairIndex(u, w)];
                    if (dw <= dv) {
                        rank++;
                        hits += target.distance(u, w) == 1 ? 1 : 0;
                    }
                }
                ap += (double) hits / rank;
                neighbours++;
            }
            if (neighbours > 0) {
                total += ap / neighbours;
                nodes++;
            }
        }
        return nodes == 0 ? Double.NaN : total / nodes;
    }
}
