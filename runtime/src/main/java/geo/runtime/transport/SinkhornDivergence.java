package geo.runtime.transport;

/**
 * The debiased Sinkhorn divergence between α = Σ a_i δ_{x_i} and β = Σ b_j δ_{y_j}:
 * <pre>
 *   S_ε(α, β) = OT_ε(α, β) − ½ OT_ε(α, α) − ½ OT_ε(β, β),
 * </pre>
 * with OT_ε the regularised cost of {@link Sinkhorn} (KL relative to the product of the
 * marginals). It removes the entropic bias of OT_ε (OT_ε(α, α) ≠ 0), S_ε(α, α) = 0, and for a
 * cost whose Gibbs kernel exp(−c/ε) is positive definite and universal — c = |x − y|² and
 * ½|x − y|² among them — S_ε(α, β) ≥ 0 with equality only for α = β; it interpolates between OT
 * (ε → 0) and an MMD (ε → ∞). Genevay, Peyré &amp; Cuturi, "Learning generative models with
 * Sinkhorn divergences", AISTATS 2018; Feydy, Séjourné, Vialard, Amari, Trouvé &amp; Peyré,
 * "Interpolating between optimal transport and MMD using Sinkhorn divergences", AISTATS 2019
 * (Theorem 1).
 *
 * <p>The three problems share one absolute ε: a relative ε is taken relative to the largest
 * max|C| of the three matrices, so the terms cancel as the theory needs. Gradients follow from
 * the envelope theorem term by term: ∂S/∂C^{xy} = π^{xy}, ∂S/∂C^{xx} = −½π^{xx},
 * ∂S/∂C^{yy} = −½π^{yy}, and in the points (the symmetric terms depend on a point through both
 * arguments of c):
 * <pre>
 *   ∂S/∂x_i = Σ_j π^{xy}_ij ∂₁c(x_i, y_j) − ½ Σ_l (π^{xx}_il ∂₁c(x_i, x_l) + π^{xx}_li ∂₂c(x_l, x_i)),
 * </pre>
 * and likewise for y_j.
 */
public final class SinkhornDivergence {

    private SinkhornDivergence() {
    }

    /**
     * S_ε from its three solves.
     *
     * @param status  the worst of the three statuses (FAILED, then ITERATION_LIMIT, then CONVERGED)
     * @param value   S_ε = OT_ε(α, β) − ½ OT_ε(α, α) − ½ OT_ε(β, β) from the regularised costs; not
     *                usable when FAILED
     * @param epsilon the absolute ε of all three
     * @param xy      the solve of OT_ε(α, β)
     * @param xx      the solve of OT_ε(α, α)
     * @param yy      the solve of OT_ε(β, β)
     */
    public record Result(OtStatus status, double value, double epsilon, SinkhornResult xy, SinkhornResult xx,
                         SinkhornResult yy) {
    }

    /**
     * S_ε between point clouds, with its gradient in the points.
     *
     * @param divergence the value and the three solves
     * @param gradient   ∂S_ε/∂x_i and ∂S_ε/∂y_j
     */
    public record PointResult(Result divergence, PointGradient gradient) {
    }

    /**
     * S_ε from the three cost matrices.
     *
     * @param cxy C^{xy}, n × m
     * @param cxx C^{xx}, n × n
     * @param cyy C^{yy}, m × m
     * @param a   the n weights of α
     * @param b   the m weights of β, of the same mass
     * @param o   solver settings; a relative ε is relative to the largest max|C| of the three
     * @throws IllegalArgumentException when the shapes or the weights do not fit
     */
    public static Result compute(CostMatrix cxy, CostMatrix cxx, CostMatrix cyy, double[] a, double[] b,
                                 SinkhornOptions o) {
        int n = cxy.rows();
        int m = cxy.cols();
        if (cxx.rows() != n || cxx.cols() != n || cyy.rows() != m || cyy.cols() != m) {
            throw new IllegalArgumentException("for a " + n + " × " + m + " cost C^xy the costs C^xx and C^yy must be "
                    + n + " × " + n + " and " + m + " × " + m + ", got " + cxx.rows() + " × " + cxx.cols() + " and "
                    + cyy.rows() + " × " + cyy.cols());
        }
        Weights.check(a, b, cxy.rows(), cxy.cols());
        double scale = Math.max(cxy.maxAbs(), Math.max(cxx.maxAbs(), cyy.maxAbs()));
        SinkhornOptions absolute = o.withEpsilon(o.absoluteEpsilon(scale)).withRelativeEpsilon(false);
        SinkhornResult xy = Sinkhorn.solve(cxy, a, b, absolute);
        SinkhornResult xx = Sinkhorn.solve(cxx, a, a, absolute);
        SinkhornResult yy = Sinkhorn.solve(cyy, b, b, absolute);
        OtStatus status = worst(worst(xy.status(), xx.status()), yy.status());
        double value = xy.regularisedCost() - 0.5 * xx.regularisedCost() - 0.5 * yy.regularisedCost();
        return new Result(status, value, absolute.epsilon(), xy, xx, yy);
    }

    /**
     * S_ε between the clouds x (weights a) and y (weights b) for the ground cost c, with its
     * gradient in the points.
     *
     * @throws IllegalArgumentException when a cloud is empty, the weights do not fit or a cost is
     *                                  not finite
     */
    public static PointResult compute(double[][] x, double[][] y, double[] a, double[] b, PointCost cost,
                                      SinkhornOptions o) {
        Result r = compute(cost.matrix(x, y), cost.matrix(x, x), cost.matrix(y, y), a, b, o);
        PointGradient gxy = r.xy().pointGradient(x, y, cost);
        PointGradient gxx = r.xx().pointGradient(x, x, cost);
        PointGradient gyy = r.yy().pointGradient(y, y, cost);
        double[][] gx = gxy.x();
        double[][] gy = gxy.y();
        for (int i = 0; i < x.length; i++) {
            for (int d = 0; d < gx[i].length; d++) {
                gx[i][d] -= 0.5 * (gxx.x()[i][d] + gxx.y()[i][d]);
            }
        }
        for (int j = 0; j < y.length; j++) {
            for (int d = 0; d < gy[j].length; d++) {
                gy[j][d] -= 0.5 * (gyy.x()[j][d] + gyy.y()[j][d]);
            }
        }
        return new PointResult(r, new PointGradient(gx, gy));
    }

    private static OtStatus worst(OtStatus s, OtStatus t) {
        if (s == OtStatus.FAILED || t == OtStatus.FAILED) {
            return OtStatus.FAILED;
        }
        if (s == OtStatus.ITERATION_LIMIT || t == OtStatus.ITERATION_LIMIT) {
            return OtStatus.ITERATION_LIMIT;
        }
        return OtStatus.CONVERGED;
    }
}
