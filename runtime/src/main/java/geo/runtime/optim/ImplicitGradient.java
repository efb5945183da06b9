package geo.runtime.optim;

/**
 * Hypergradients of bilevel problems by the implicit function theorem. The inner problem
 * θ*(φ) = argmin_θ L(θ, φ) has ∇_θ L(θ*(φ), φ) = 0 for every φ; differentiating that identity
 * gives Dθ*(φ) = −H⁻¹ ∂²L/∂θ∂φ with H = ∂²L/∂θ² at (θ*, φ), so for an outer objective
 * ℓ(θ, φ) evaluated at θ*(φ)
 * <pre>
 *   dℓ/dφ = ∂ℓ/∂φ − (∂²L/∂φ∂θ) H⁻¹ ∂ℓ/∂θ.
 * </pre>
 * The adjoint u = H⁻¹ ∂ℓ/∂θ is solved matrix-free by {@link ConjugateGradient} on Hessian–vector
 * products, and the mixed term is one more second-order product: (∂²L/∂φ∂θ) u is the φ-part of
 * the Hessian of L in (θ, φ) applied to (u, 0), so one Hessian–vector product of the joint
 * Hessian gives both blocks ({@link SecondOrder#hvp}). Nothing of size n² is formed.
 *
 * <p>Sources: Pedregosa, "Hyperparameter optimization with approximate gradient", ICML 2016
 * (the formula, CG for the adjoint, and the effect of inexact inner solutions); Lorraine, Vicol
 * &amp; Duvenaud, "Optimizing Millions of Hyperparameters by Implicit Differentiation", AISTATS
 * 2020; Bansal, Chen, Mukadam &amp; Amos, "TaskMet: Task-Driven Metric Learning for Model
 * Learning", NeurIPS 2023 (CG on the normal equations with a ridge, {@link ConjugateGradient.Form#NORMAL},
 * when H may be indefinite). The formula holds at an exact inner optimum where H is invertible;
 * the error of dℓ/dφ grows with ‖∇_θ L‖ at the θ given, so inner solves should be tight.
 */
public final class ImplicitGradient {

    private ImplicitGradient() {
    }

    /** The second derivatives of the inner loss L(θ, φ) at a fixed (θ*, φ), as products. */
    public interface SecondOrder {

        /** The length of θ. */
        int thetaSize();

        /** The length of φ. */
        int phiSize();

        /**
         * The joint Hessian of L applied to (v, 0): {@code hTheta} = (∂²L/∂θ²) v (length
         * {@link #thetaSize()}), {@code hPhi} = (∂²L/∂φ∂θ) v (length {@link #phiSize()}), both overwritten.
         */
        void hvp(double[] v, double[] hTheta, double[] hPhi);
    }

    /**
     * A hypergradient and how its linear solve went.
     *
     * @param gradient dℓ/dφ (length |φ|), from the last CG iterate when the solve did not converge
     * @param adjoint  u ≈ H⁻¹ ∂ℓ/∂θ (length |θ|)
     * @param solve    the CG solve: status, iterations, final residual
     */
    public record Result(double[] gradient, double[] adjoint, ConjugateGradient.Result solve) {

        /** Whether the adjoint solve met its tolerance (only then does {@link #gradient()} carry its accuracy). */
        public boolean converged() {
            return solve.converged();
        }
    }

    /**
     * dℓ/dφ = ∂ℓ/∂φ − (∂²L/∂φ∂θ) H⁻¹ ∂ℓ/∂θ.
     *
     * @param inner      the second derivatives of L at (θ*, φ)
     * @param outerTheta ∂ℓ/∂θ at (θ*, φ) (read)
     * @param outerPhi   the explicit ∂ℓ/∂φ at (θ*, φ) (read; zeros when ℓ does not depend on φ directly)
     * @param settings   the CG form, limit, tolerance and ridge
     */
    public static Result hypergradient(SecondOrder inner, double[] outerTheta, double[] outerPhi,
                                       ConjugateGradient.Settings settings) {
        int n = inner.thetaSize();
        int m = inner.phiSize();
        if (outerTheta.length != n || outerPhi.length != m) {
            throw new IllegalArgumentException("∂ℓ/∂θ needs " + n + " entries and ∂ℓ/∂φ " + m + ", got "
                    + outerTheta.length + " and " + outerPhi.length);
        }
        double[] scratchPhi = new double[m];
        LinearOperator h = (v, out) -> inner.hvp(v, out, scratchPhi);
        double[] u = new double[n];
        ConjugateGradient.Result solve = new ConjugateGradient(settings).solve(h, outerTheta, u);
        double[] hTheta = new double[n];
        double[] mixed = new double[m];
        inner.hvp(u, hTheta, mixed);
        double[] gradient = new double[m];
        for (int k = 0; k < m; k++) {
            gradient[k] = outerPhi[k] - mixed[k];
        }
        return new Result(gradient, u, solve);
    }
}
