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
 * <p>A metric that no pair could be counted in has no value, and reading it throws (as a failed
 * {@link geo.runtime.manifold.PairDistance}'s value does): the distortions need one computed pair
 * ({@link #hasDistortions()}), the MAP one node with a computed distance to a graph neighbour
 * ({@link #hasMeanAveragePrecision()}).
 *
 * @param averageDistortion    mean |s·d_M − d_G| / d_G (not readable when {@code countedPairs} is 0)
 * @param worstCaseDistortion  max(d_M/d_G) · max(d_G/d_M) (not readable when {@code countedPairs} is 0)
 * @param meanAveragePrecision MAP ∈ (0, 1], 1 when every node's neighbours are its nearest nodes (not
 *                             readable when {@code rankedNodes} is 0)
 * @param failedPairs          the pairs left out because their distance failed
 * @param countedPairs         the pairs the distortions are over
 * @param rankedNodes          the nodes the MAP is over: those with a computed distance to a graph neighbour
 */
public record EmbeddingMetrics(double averageDistortion, double worstCaseDistortion, double meanAveragePrecision,
                               int failedPairs, int countedPairs, int rankedNodes) {

    /**
     * The metrics of embedded distances.
     *
     * @param target   the graph distances, which also number the pairs
     * @param embedded d_M of every pair, indexed by {@link ShortestPaths#pairIndex} (its failed pairs are
     *                 left out and counted; read)
     * @param scale    s &gt; 0, the factor on d_M for the average distortion
     */
    public static EmbeddingMetrics of(ShortestPaths target, PairValues embedded, double scale) {
        if (embedded.size() != target.pairCount()) {
            throw new IllegalArgumentException("expected " + target.pairCount() + " distances, got " + embedded.size());
        }
        double sum = 0;
        double maxExpansion = 0;
        double maxContraction = 0;
        int counted = 0;
        for (int k = 0; k < embedded.size(); k++) {
            if (embedded.isFailed(k)) {
                continue;
            }
            double m = embedded.value(k);
            double g = target.distanceOfPair(k);
            sum += Math.abs(scale * m - g) / g;
            maxExpansion = Math.max(maxExpansion, m / g);
            maxContraction = Math.max(maxContraction, g / m);
            counted++;
        }
        int failed = embedded.size() - counted;
        double[] map = meanAveragePrecision(target, embedded);
        // the slots of metrics without a value hold NaN, which their accessors never return
        return new EmbeddingMetrics(counted == 0 ? Double.NaN : sum / counted,
                counted == 0 ? Double.NaN : maxExpansion * maxContraction,
                map[1] == 0 ? Double.NaN : map[0] / map[1], failed, counted, (int) map[1]);
    }

    /** Whether some pair was counted, so that the two distortions have values. */
    public boolean hasDistortions() {
        return countedPairs > 0;
    }

    /** Whether some node was ranked, so that the MAP has a value. */
    public boolean hasMeanAveragePrecision() {
        return rankedNodes > 0;
    }

    /**
     * mean |s·d_M − d_G| / d_G.
     *
     * @throws IllegalStateException when no pair was counted ({@link #hasDistortions()})
     */
    @Override
    public double averageDistortion() {
        requireDistortions();
        return averageDistortion;
    }

    /**
     * max(d_M/d_G) · max(d_G/d_M).
     *
     * @throws IllegalStateException when no pair was counted ({@link #hasDistortions()})
     */
    @Override
    public double worstCaseDistortion() {
        requireDistortions();
        return worstCaseDistortion;
    }

    /**
     * The MAP.
     *
     * @throws IllegalStateException when no node was ranked ({@link #hasMeanAveragePrecision()})
     */
    @Override
    public double meanAveragePrecision() {
        if (rankedNodes == 0) {
            throw new IllegalStateException("no MAP: no node has a computed distance to a graph neighbour ("
                    + failedPairs + " failed pairs)");
        }
        return meanAveragePrecision;
    }

    private void requireDistortions() {
        if (countedPairs == 0) {
            throw new IllegalStateException("no distortion: every one of the " + failedPairs + " pairs failed");
        }
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
        PairValues d = new PairValues(target.pairCount());
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                int k = target.pairIndex(i, j);
                d.set(k, space.distance(k, positions[i], positions[j], theta, gx, gy, gTheta));
            }
        }
        return of(target, d, scale);
    }

    /** The sum of the ranked nodes' average precisions, and how many nodes were ranked. */
    private static double[] meanAveragePrecision(ShortestPaths target, PairValues embedded) {
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
                int kv = target.pairIndex(u, v);
                if (embedded.isFailed(kv)) {
                    continue;
                }
                double dv = embedded.value(kv);
                int rank = 0;
                int hits = 0;
                for (int w = 0; w < n; w++) {
                    if (w == u) {
                        continue;
                    }
                    // a failed pair is not ranked
                    int kw = target.pairIndex(u, w);
                    if (!embedded.isFailed(kw) && embedded.value(kw) <= dv) {
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
        return new double[] {total, nodes};
    }
}
