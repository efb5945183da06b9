package geo.runtime.spline;

import geo.runtime.linalg.Cholesky;

/**
 * The change of variables that makes the spline action well conditioned for L-BFGS. K is the Gram
 * matrix of the free basis splines in the H¹ seminorm,
 * <pre>
 *   K_jl = ∫₀¹ B_j'(t) B_l'(t) dt,
 * </pre>
 * the Hessian in z of the flat kinetic action ½∫|γ'|² dt (per coordinate; it is positive definite
 * because the only spline with γ' = 0 and zero ends is 0). With K = L Lᵀ ({@link Cholesky}) and w = Lᵀz,
 * that Hessian becomes the identity, so for a metric the Hessian in w is close to g itself: its
 * condition no longer grows like E² with the number of segments, and L-BFGS needs far fewer steps.
 * <pre>
 *   z = L⁻ᵀ w,     ∂S/∂w = L⁻¹ ∂S/∂z.
 * </pre>
 * K is computed with 3-point Gauss–Legendre per segment, exact since B_j'B_l' has degree 4 there.
 * Immutable; the transforms allocate nothing.
 */
final class KineticPreconditioner {

    private final int free;
    /** The Cholesky factor L (lower triangle, row-major, free × free). */
    private final double[] factor;

    KineticPreconditioner(SplineBasis basis) {
        this.free = basis.freeCount();
        int segments = basis.segments();
        GaussLegendre rule = new GaussLegendre(3);
        double[] k = new double[free * free];
        double[] slope = new double[free];
        for (int e = 0; e < segments; e++) {
            for (int q = 0; q < rule.size(); q++) {
                double u = rule.node(q);
                for (int j = 0; j < free; j++) {
                    slope[j] = segments * (basis.nullSpace(4 * e + 1, j) + 2 * u * basis.nullSpace(4 * e + 2, j)
                            + 3 * u * u * basis.nullSpace(4 * e + 3, j));
                }
                double w = rule.weight(q) / segments;
                for (int j = 0; j < free; j++) {
                    for (int l = 0; l <= j; l++) {
                        k[j * free + l] += w * slope[j] * slope[l];
                    }
                }
            }
        }
        if (Cholesky.factor(k, free) < free) {
            throw new IllegalStateException("the kinetic Gram matrix is not positive definite");
        }
        this.factor = k;
    }

    /** z = L⁻ᵀ w (back substitution per coordinate). Layouts {@code [j*d + i]}; z overwritten. */
    void toFree(double[] w, double[] z) {
        int d = w.length / free;
        System.arraycopy(w, 0, z, 0, free * d);
        for (int i = 0; i < d; i++) {
            Cholesky.solveUpper(factor, free, z, i, d);
        }
    }

    /** w = Lᵀ z. w overwritten. */
    void fromFree(double[] z, double[] w) {
        int d = z.length / free;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < free; j++) {
                double s = 0;
                for (int m = j; m < free; m++) {
                    s += factor[m * free + j] * z[m * d + i];
                }
                w[j * d + i] = s;
            }
        }
    }

    /** ∂S/∂w = L⁻¹ ∂S/∂z (forward substitution). gw overwritten. */
    void pullGradient(double[] gz, double[] gw) {
        int d = gz.length / free;
        System.arraycopy(gz, 0, gw, 0, free * d);
        for (int i = 0; i < d; i++) {
            Cholesky.solveLower(factor, free, gw, i, d);
        }
    }
}
