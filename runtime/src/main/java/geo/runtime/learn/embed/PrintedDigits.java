package geo.runtime.learn.embed;

import geo.runtime.data.graph.ShortestPaths;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * How accurate the final distances must be for the reported metrics ({@link EmbeddingMetrics}) not
 * to change in the digits the results table prints, and which pairs they depend on. The rule: a
 * metric's estimated change from the distances' discretisation error is at most
 * {@link #SHARE} of a unit in its last printed decimal, so that the printed value is that of the
 * exact distances, or one unit off when the exact value lies within that share of a rounding
 * boundary. With every distance within a relative error e_k of the exact one (e_k ≤ e):
 * <ul>
 *   <li>worst-case distortion W = max(d_M/d_G)·max(d_G/d_M): each factor moves by a factor within
 *       [1 − e, 1 + e] and its reciprocal, so |ΔW| ≤ 2e/(1 − e)·W, where only the pairs whose
 *       ratio can still be the largest or smallest ({@link #worstCaseCandidates}) count;</li>
 *   <li>average distortion A = mean_k |s·d_k − g_k|/g_k: |ΔA| ≤ mean_k s·(d_k/g_k)·e_k (the
 *       triangle inequality per term), estimated on a sample of pairs ({@link #averageBound});</li>
 *   <li>mean average precision: it depends only on whether, for a node u, a graph neighbour v is
 *       nearer than a non-neighbour w; it cannot change when every such order is decided beyond the
 *       errors, |d_uv − d_uw| &gt; e_uv·d_uv + e_uw·d_uw ({@link #undecidedOrders}); the pairs of the
 *       undecided orders are the ones to solve more accurately.</li>
 * </ul>
 */
final class PrintedDigits {

    /** Decimals of the worst-case distortion in the results table (EmbedReport's row). */
    static final int WORST_CASE_DECIMALS = 2;

    /** Decimals of the average distortion (and of the MAP) in the results table. */
    static final int AVERAGE_DECIMALS = 3;

    /** The share of a unit in the last printed decimal a metric may move by. */
    static final double SHARE = 0.1;

    /** The largest estimated change of the worst-case distortion: {@value #SHARE}·10^−{@value #WORST_CASE_DECIMALS}. */
    static final double WORST_CASE_TOLERANCE = SHARE * Math.pow(10, -WORST_CASE_DECIMALS);

    /** The largest estimated change of the average distortion: {@value #SHARE}·10^−{@value #AVERAGE_DECIMALS}. */
    static final double AVERAGE_TOLERANCE = SHARE * Math.pow(10, -AVERAGE_DECIMALS);

    /** Standard errors added to a sample's mean for a bound on the whole population's mean. */
    static final double STANDARD_ERRORS = 3;

    private PrintedDigits() {
    }

    /** The bound 2e/(1 − e)·W on the change of the worst-case distortion W when every ratio is within e. */
    static double worstCaseBound(double worstCase, double error) {
        return error >= 1 ? Double.POSITIVE_INFINITY : 2 * error / (1 - error) * worstCase;
    }

    /**
     * The estimated bound on the change of the average distortion, from a sample: the sample mean of
     * s·(d_k/g_k)·e_k plus {@value #STANDARD_ERRORS} standard errors of that mean (0 for one pair or
     * none). Pairs whose distance or error failed are left out, as the metric leaves them out; with
     * none left, there is no bound (empty).
     *
     * @param pairs     the sampled pairs
     * @param distances their distances (same order; read)
     * @param errors    their estimated relative errors (same order; read)
     * @param scale     s
     */
    static OptionalDouble averageBound(ShortestPaths target, int[] pairs, PairValues distances, PairValues errors,
                                       double scale) {
        double sum = 0;
        double squares = 0;
        int n = 0;
        for (int i = 0; i < pairs.length; i++) {
            if (distances.isFailed(i) || errors.isFailed(i)) {
                continue;
            }
            double t = scale * distances.value(i) / target.distanceOfPair(pairs[i]) * errors.value(i);
            sum += t;
            squares += t * t;
            n++;
        }
        if (n == 0) {
            return OptionalDouble.empty();
        }
        double mean = sum / n;
        double variance = n > 1 ? Math.max(0, (squares - n * mean * mean) / (n - 1)) : 0;
        return OptionalDouble.of(mean + STANDARD_ERRORS * Math.sqrt(variance / n));
    }

    /**
     * The pairs (sorted) whose ratio d_M/d_G can be the largest or the smallest when each distance
     * d_k is within a relative {@code errors[k]} of the exact one: r_k(1 + e_k) ≥ max_j r_j(1 − e_j),
     * or r_k(1 − e_k) ≤ min_j r_j(1 + e_j). Failed pairs are left out.
     *
     * @param distances every pair's distance (read)
     * @param errors    every pair's relative error bound (read)
     */
    static int[] worstCaseCandidates(ShortestPaths target, PairValues distances, double[] errors) {
        double largestLow = Double.NEGATIVE_INFINITY;
        double smallestHigh = Double.POSITIVE_INFINITY;
        for (int k = 0; k < distances.size(); k++) {
            if (!distances.isFailed(k)) {
                double r = distances.value(k) / target.distanceOfPair(k);
                largestLow = Math.max(largestLow, r * (1 - errors[k]));
                smallestHigh = Math.min(smallestHigh, r * (1 + errors[k]));
            }
        }
        int[] out = new int[distances.size()];
        int n = 0;
        for (int k = 0; k < distances.size(); k++) {
            if (!distances.isFailed(k)) {
                double r = distances.value(k) / target.distanceOfPair(k);
                if (r * (1 + errors[k]) >= largestLow || r * (1 - errors[k]) <= smallestHigh) {
                    out[n++] = k;
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * The orders the mean average precision depends on that the errors leave undecided: for every
     * node u, graph neighbour v and non-neighbour w ≠ u with both distances computed,
     * |d_uv − d_uw| ≤ e_uv·d_uv + e_uw·d_uw. Marks the pairs of those orders in {@code involved}
     * (when not null) and returns how many orders there are.
     *
     * @param distances every pair's distance (read)
     * @param errors    every pair's relative error bound (read)
     */
    static long undecidedOrders(ShortestPaths target, PairValues distances, double[] errors, boolean[] involved) {
        int n = target.nodeCount();
        long count = 0;
        for (int u = 0; u < n; u++) {
            for (int v = 0; v < n; v++) {
                if (v == u || target.distance(u, v) != 1) {
                    continue;
                }
                int kv = target.pairIndex(u, v);
                if (distances.isFailed(kv)) {
                    continue;
                }
                double dv = distances.value(kv);
                double bv = errors[kv] * dv;
                for (int w = 0; w < n; w++) {
                    if (w == u || target.distance(u, w) == 1) {
                        continue;
                    }
                    int kw = target.pairIndex(u, w);
                    if (distances.isFailed(kw)) {
                        continue;
                    }
                    double dw = distances.value(kw);
                    if (Math.abs(dv - dw) <= bv + errors[kw] * dw) {
                        count++;
                        if (involved != null) {
                            involved[kv] = true;
                            involved[kw] = true;
                        }
                    }
                }
            }
        }
        return count;
    }
}
