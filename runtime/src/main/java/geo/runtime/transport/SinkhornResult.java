package geo.runtime.transport;

/**
 * The result of an entropic transport solve ({@link Sinkhorn#solve}). The plan is
 * <pre>
 *   π_ij = a_i b_j exp((f_i + g_j − C_ij) / ε),
 * </pre>
 * the solution of OT_ε(a, b) = min over couplings π of ⟨π, C⟩ + ε KL(π | a⊗b), with the
 * generalised Kullback–Leibler divergence KL(π | ν) = Σ π_ij log(π_ij / ν_ij) − Σ π_ij + Σ ν_ij
 * (Peyré &amp; Cuturi, <i>Computational Optimal Transport</i>, §4.1; for probability weights the
 * last two sums cancel). f and g are the dual potentials (defined up to
 * f + k, g − k); as ε → 0 they tend to Kantorovich potentials and OT_ε to the exact cost.
 *
 * @param status          {@link OtStatus#CONVERGED} when the marginal error is at most the
 *                        tolerance; {@link OtStatus#ITERATION_LIMIT} (the last iterate, not
 *                        converged); {@link OtStatus#FAILED} when a non-finite value appeared (the
 *                        numbers are then not usable)
 * @param transportCost   ⟨π, C⟩ = Σ π_ij C_ij
 * @param regularisedCost ⟨π, C⟩ + ε KL(π | a⊗b), the primal objective at π
 * @param dualCost        ⟨a, f⟩ + ⟨b, g⟩ − ε ⟨a⊗b, exp((f ⊕ g − C)/ε) − 1⟩, the dual objective;
 *                        equal to the regularised cost at the optimum, and within
 *                        ⟨π1 − a, f⟩ + ⟨πᵀ1 − b, g⟩ of it at the returned iterate
 * @param plan            π, every entry that does not underflow to 0 (so {@code plan.dense()} is π)
 * @param f               source potentials (length n)
 * @param g               target potentials (length m)
 * @param epsilon         the absolute ε of the final stage
 * @param iterations      iterations made (each one update of f and one of g), ε-scaling stages included
 * @param marginalError   ‖π1 − a‖₁ + ‖πᵀ1 − b‖₁ of the returned plan
 */
public record SinkhornResult(OtStatus status, double transportCost, double regularisedCost, double dualCost,
                             TransportPlan plan, double[] f, double[] g, double epsilon, int iterations,
                             double marginalError) {

    /**
     * ∂OT_ε/∂C as a dense n × m row-major array: π. By the envelope theorem (Danskin) the
     * derivative of the minimum value in the cost is the minimiser's coefficient, so this is the
     * gradient exactly at the optimum and within O(marginal error) of it at the returned iterate.
     */
    public double[] costGradient() {
        return plan.dense();
    }

    /**
     * The gradient of OT_ε in the point positions when C_ij = c(x_i, y_j) (envelope theorem, as in
     * {@link #costGradient()}):
     * <pre>
     *   ∂OT_ε/∂x_i = Σ_j π_ij ∂₁c(x_i, y_j),   ∂OT_ε/∂y_j = Σ_i π_ij ∂₂c(x_i, y_j).
     * </pre>
     *
     * @param x    the n source points the cost matrix was built from
     * @param y    the m target points
     * @param cost the cost c
     * @throws IllegalArgumentException when the point counts do not match the plan
     */
    public PointGradient pointGradient(double[][] x, double[][] y, PointCost cost) {
        if (x.length != plan.rows() || y.length != plan.cols()) {
            throw new IllegalArgumentException("the plan is " + plan.rows() + " × " + plan.cols() + " but there are "
                    + x.length + " source and " + y.length + " target points");
        }
        PointGradient grad = PointGradient.zeros(x, y);
        int[] from = plan.from();
        int[] to = plan.to();
        double[] mass = plan.mass();
        double[] gx = new double[x.length == 0 ? 0 : x[0].length];
        double[] gy = new double[y.length == 0 ? 0 : y[0].length];
        for (int k = 0; k < mass.length; k++) {
            int i = from[k];
            int j = to[k];
            cost.gradient(x[i], y[j], gx, gy);
            double[] ax = grad.x()[i];
            double[] ay = grad.y()[j];
            for (int d = 0; d < gx.length; d++) {
                ax[d] += mass[k] * gx[d];
            }
            for (int d = 0; d < gy.length; d++) {
                ay[d] += mass[k] * gy[d];
            }
        }
        return grad;
    }
}
