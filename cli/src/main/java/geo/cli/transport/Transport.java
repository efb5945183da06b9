package geo.cli.transport;

import geo.runtime.transport.Assignment;
import geo.runtime.transport.CostMatrix;
import geo.runtime.transport.ExactResult;
import geo.runtime.transport.NetworkSimplex;
import geo.runtime.transport.OtStatus;
import geo.runtime.transport.PointCost;
import geo.runtime.transport.TransportPlan;
import geo.runtime.transport.Sinkhorn;
import geo.runtime.transport.SinkhornOptions;
import geo.runtime.transport.SinkhornResult;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A solved transport problem as {@code geo ot} reports it, whichever solver made it.
 *
 * @param solver     "assignment", "network simplex" or "sinkhorn"
 * @param status     the solver's status
 * @param cost       Σ π_ij C_ij
 * @param plan       the plan
 * @param assignment the target of each source (assignment solver only; empty otherwise)
 * @param iterations augmentations, pivots or Sinkhorn iterations
 * @param entropic   Sinkhorn's extra figures, empty for the exact solvers
 */
record Transport(String solver, OtStatus status, double cost, TransportPlan plan, int[] assignment, int iterations,
                 Optional<Entropic> entropic) {

    /**
     * @param epsilon         ε in cost units (after scaling by max|C|)
     * @param regularisedCost the entropic objective
     * @param marginalError   the final marginal error
     */
    record Entropic(double epsilon, double regularisedCost, double marginalError) {
    }

    boolean ok() {
        return status == OtStatus.OPTIMAL || status == OtStatus.CONVERGED;
    }

    /**
     * The pairs to draw and trace: every plan entry with positive mass for an exact plan; for an
     * entropic plan (dense), each source's largest-mass target.
     */
    int[][] matchedPairs() {
        if (entropic.isEmpty()) {
            int count = 0;
            for (double m : plan.mass()) {
                count += m > 0 ? 1 : 0;
            }
            int[][] pairs = new int[count][];
            int k = 0;
            for (int e = 0; e < plan.size(); e++) {
                if (plan.mass()[e] > 0) {
                    pairs[k++] = new int[] {plan.from()[e], plan.to()[e]};
                }
            }
            return pairs;
        }
        int[] best = new int[plan.rows()];
        double[] top = new double[plan.rows()];
        java.util.Arrays.fill(best, -1);
        for (int e = 0; e < plan.size(); e++) {
            int i = plan.from()[e];
            if (plan.mass()[e] > top[i]) {
                top[i] = plan.mass()[e];
                best[i] = plan.to()[e];
            }
        }
        return java.util.stream.IntStream.range(0, plan.rows()).filter(i -> best[i] >= 0)
                .mapToObj(i -> new int[] {i, best[i]}).toArray(int[][]::new);
    }

    /** Solves with the exact solvers: assignment for uniform weights and n = m, network simplex otherwise. */
    static Transport exact(CostMatrix c, double[] a, double[] b, boolean uniformSquare) {
        ExactResult r = uniformSquare ? Assignment.solve(c) : NetworkSimplex.solve(c, a, b);
        return new Transport(uniformSquare ? "assignment" : "network simplex", r.status(), r.cost(), r.plan(),
                r.assignment(), r.iterations(), Optional.empty());
    }

    /**
     * Solves by log-domain Sinkhorn with ε = {@code relativeEpsilon}·max|C| (the solver's default
     * when empty), at most {@code maxIterations} iterations, on {@code threads} threads.
     */
    static Transport sinkhorn(CostMatrix c, double[] a, double[] b, OptionalDouble relativeEpsilon, int maxIterations,
                              int threads) {
        return of(Sinkhorn.solve(c, a, b, options(relativeEpsilon, maxIterations, threads)));
    }

    /**
     * The same solve for the cost |x − y|², with the rows of C computed from the clouds as the
     * iterations need them instead of stored: every iterate and plan entry is the same, bit for
     * bit, without the n·m matrix in memory.
     */
    static Transport sinkhorn(double[][] x, double[][] y, double[] a, double[] b, OptionalDouble relativeEpsilon,
                              int maxIterations, int threads) {
        return of(Sinkhorn.solve(x, y, PointCost.SQUARED_EUCLIDEAN, a, b,
                options(relativeEpsilon, maxIterations, threads)));
    }

    private static SinkhornOptions options(OptionalDouble relativeEpsilon, int maxIterations, int threads) {
        SinkhornOptions o = SinkhornOptions.DEFAULTS.withMaxIterations(maxIterations).withThreads(threads);
        return relativeEpsilon.isPresent() ? o.withEpsilon(relativeEpsilon.getAsDouble()) : o;
    }

    private static Transport of(SinkhornResult r) {
        return new Transport("sinkhorn", r.status(), r.transportCost(), r.plan(), new int[0], r.iterations(),
                Optional.of(new Entropic(r.epsilon(), r.regularisedCost(), r.marginalError())));
    }
}
