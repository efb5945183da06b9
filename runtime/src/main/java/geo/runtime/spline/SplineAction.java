package geo.runtime.spline;

import geo.runtime.api.Domain;
import geo.runtime.api.LagrangianKernels;
import geo.runtime.optim.Objective;
import java.util.Arrays;

/**
 * The action of a spline path as a function of its free parameters z, for fixed ends x, y and
 * parameters θ:
 * <pre>
 *   S(z) = ∫₀¹ L(t, γ(t), γ'(t); θ) dt  ≈  Σₑ Σ_q (w_q / E) L(t_{e,q}, γ(t_{e,q}), γ'(t_{e,q}); θ),
 * </pre>
 * with the n-point Gauss–Legendre rule on every segment (nodes t_{e,q} = (e + u_q)/E; exact for
 * integrands that are polynomials of degree ≤ 2n − 1 on each segment). With power-form
 * coefficients c (γ = Σₖ c_{e,k} uᵏ, γ' = E Σₖ k c_{e,k} uᵏ⁻¹) the chain rule gives
 * <pre>
 *   ∂S/∂c_{e,k,i} = Σ_q (w_q / E) (∂L/∂xᵢ · u_qᵏ + ∂L/∂vᵢ · E k u_qᵏ⁻¹),
 * </pre>
 * then ∂S/∂z = Nᵀ ∂S/∂c and ∂S/∂x = sᵀ ∂S/∂c, ∂S/∂y = eᵀ ∂S/∂c ({@link SplineBasis#adjoint}),
 * and ∂S/∂θ = Σ (w_q / E) ∂L/∂θ, all from {@link LagrangianKernels#lagrangianGradient}.
 *
 * <p>When the model declares a chart domain and a quadrature node lies outside it, S is +∞ (and
 * the gradient NaN): the line search then backs off instead of evaluating the model where it is
 * not valid. Holds its workspaces and a kernel instance: not thread-safe, allocation-free per
 * evaluation.
 */
public final class SplineAction implements Objective {

    private final LagrangianKernels lagrangian;
    private final Domain domain;
    private final SplineBasis basis;
    private final GaussLegendre rule;
    private final int d;
    private final int parameterCount;
    private final int segments;
    /** u_qᵏ and E k u_qᵏ⁻¹ for node q, at [4q + k]. */
    private final double[] power;
    private final double[] powerDerivative;
    private final double[] x;
    private final double[] y;
    private final double[] theta;
    private final double[] coef;
    private final double[] coefBar;
    private final double[] point;
    private final double[] velocity;
    private final double[] gx;
    private final double[] gv;
    private final double[] gTheta;
    private final double[] zBarScratch;

    /**
     * @param lagrangian      the model (this instance is used exclusively by the action)
     * @param segments        E ≥ 1
     * @param nodesPerSegment n, the Gauss–Legendre nodes per segment
     */
    public SplineAction(LagrangianKernels lagrangian, int segments, int nodesPerSegment) {
        this.lagrangian = lagrangian;
        this.domain = lagrangian.descriptor().domain();
        this.basis = new SplineBasis(segments);
        this.rule = new GaussLegendre(nodesPerSegment);
        this.d = lagrangian.descriptor().dimension();
        this.parameterCount = lagrangian.descriptor().parameterCount();
        this.segments = segments;
        int n = rule.size();
        this.power = new double[4 * n];
        this.powerDerivative = new double[4 * n];
        for (int q = 0; q < n; q++) {
            double u = rule.node(q);
            for (int k = 0; k < 4; k++) {
                power[4 * q + k] = Math.pow(u, k);
                powerDerivative[4 * q + k] = k == 0 ? 0 : segments * k * Math.pow(u, k - 1);
            }
        }
        this.x = new double[d];
        this.y = new double[d];
        this.theta = new double[parameterCount];
        this.coef = new double[basis.rows() * d];
        this.coefBar = new double[basis.rows() * d];
        this.point = new double[d];
        this.velocity = new double[d];
        this.gx = new double[d];
        this.gv = new double[d];
        this.gTheta = new double[parameterCount];
        this.zBarScratch = new double[basis.freeCount() * d];
    }

    /** Sets the ends and θ (copied) for the following evaluations. */
    public void setProblem(double[] start, double[] end, double[] parameters) {
        if (start.length != d || end.length != d || parameters.length != parameterCount) {
            throw new IllegalArgumentException("expected ends of length " + d + " and θ of length " + parameterCount
                    + ", got " + start.length + ", " + end.length + " and " + parameters.length);
        }
        System.arraycopy(start, 0, x, 0, d);
        System.arraycopy(end, 0, y, 0, d);
        System.arraycopy(parameters, 0, theta, 0, parameterCount);
    }

    public SplineBasis basis() {
        return basis;
    }

    public GaussLegendre rule() {
        return rule;
    }

    /** The dimension d of the model. */
    public int dimension() {
        return d;
    }

    /** The length P of θ. */
    public int parameterCount() {
        return parameterCount;
    }

    /** The number of free parameters, (E + 1)·d. */
    public int freeCount() {
        return basis.freeCount() * d;
    }

    /** The path with free parameters z and the current ends. */
    public SplinePath path(double[] z) {
        return new SplinePath(basis, z, x, y);
    }

    /**
     * S(z) and ∂S/∂z.
     *
     * @param z     the free parameters, length (E+1)·d (read)
     * @param gradZ ∂S/∂z (overwritten; NaN when S is not finite)
     */
    @Override
    public double valueAndGradient(double[] z, double[] gradZ) {
        return evaluate(z, gradZ, null, null, null);
    }

    /**
     * S(z) with any of its gradients; a null output is skipped.
     *
     * @param gradZ     ∂S/∂z, length (E+1)·d (overwritten)
     * @param gradStart ∂S/∂x, length d (overwritten)
     * @param gradEnd   ∂S/∂y, length d (overwritten)
     * @param gradTheta ∂S/∂θ, length P (overwritten)
     */
    public double evaluate(double[] z, double[] gradZ, double[] gradStart, double[] gradEnd, double[] gradTheta) {
        basis.coefficients(z, x, y, coef);
        Arrays.fill(coefBar, 0);
        if (gradTheta != null) {
            Arrays.fill(gradTheta, 0);
        }
        int n = rule.size();
        double action = 0;
        for (int e = 0; e < segments; e++) {
            int base = 4 * e * d;
            for (int q = 0; q < n; q++) {
                int pq = 4 * q;
                for (int i = 0; i < d; i++) {
                    double p = 0;
                    double v = 0;
                    for (int k = 0; k < 4; k++) {
                        double c = coef[base + k * d + i];
                        p += c * power[pq + k];
                        v += c * powerDerivative[pq + k];
                    }
                    point[i] = p;
                    velocity[i] = v;
                }
                if (!domain.contains(point)) {
                    return notFinite(gradZ, gradStart, gradEnd, gradTheta, Double.POSITIVE_INFINITY);
                }
                double w = rule.weight(q) / segments;
                double t = (e + rule.node(q)) / segments;
                action += w * lagrangian.lagrangianGradient(t, point, velocity, theta, gx, gv, gTheta);
                for (int i = 0; i < d; i++) {
                    double wx = w * gx[i];
                    double wv = w * gv[i];
                    for (int k = 0; k < 4; k++) {
                        coefBar[base + k * d + i] += wx * power[pq + k] + wv * powerDerivative[pq + k];
                    }
                }
                if (gradTheta != null) {
                    for (int j = 0; j < parameterCount; j++) {
                        gradTheta[j] += w * gTheta[j];
                    }
                }
            }
        }
        if (!Double.isFinite(action)) {
            return notFinite(gradZ, gradStart, gradEnd, gradTheta, action);
        }
        if (gradZ != null) {
            basis.adjoint(coefBar, gradZ, gradStart, gradEnd);
        } else if (gradStart != null || gradEnd != null) {
            basis.adjoint(coefBar, zBarScratch, gradStart, gradEnd);
        }
        return action;
    }

    private static double notFinite(double[] gradZ, double[] gradStart, double[] gradEnd, double[] gradTheta,
                                    double value) {
        fillNaN(gradZ);
        fillNaN(gradStart);
        fillNaN(gradEnd);
        fillNaN(gradTheta);
        return value;
    }

    private static void fillNaN(double[] a) {
        if (a != null) {
            Arrays.fill(a, Double.NaN);
        }
    }
}
