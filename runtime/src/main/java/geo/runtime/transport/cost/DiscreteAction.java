package geo.runtime.transport.cost;

import geo.runtime.api.Domain;
import geo.runtime.api.LagrangianKernels;
import geo.runtime.optim.Objective;
import geo.runtime.spline.SplineBasis;
import geo.runtime.spline.SplinePath;
import java.util.Arrays;

/**
 * The discrete action of Pooladian, Domingo-Enrich, Chen &amp; Amos, "Neural Optimal
 * Transport with Lagrangian Costs" (UAI 2024; code {@code lagrangian_ot/geometries.py::MetricManifold},
 * see {@code shared/experiments/lagrangian-ot.md}, B2), for a compiled Lagrangian L(t, x, v; θ): a
 * path is given by T points x₀ = x, x₁, …, x_{T−1} = y at the times t_k = k/(T − 1), with the
 * displacements Δ_k = x_{k+1} − x_k + δ𝟙 (δ = 1e-6 in the paper, added to every component), and
 * <pre>
 *   S = Σ_{k=0}^{T−2} L(t_k, x_k, Δ_k; θ)          (no dt factor)
 * </pre>
 * with L evaluated at the displacement Δ_k as its velocity. For the paper's Lagrangian
 * L = ½ vᵀA(x)v − U(x) this is its {@code S = Σ [½ Δ_kᵀA(x_k)Δ_k − U(x_k)]} exactly (so, with
 * h = 1/(T − 1), h·∫(½|ẋ|² − U/h²)dt: the potential weighs 1/h² = 361 times more than in the
 * continuous action for T = 20). The free variables are the T − 2 interior points.
 *
 * <p><b>Sub-points</b> (our change, {@code subdivisions} m &gt; 1; m = 1 is the paper's S above). The
 * paper's S samples the potential only at the T points, so a minimiser can step over a thin wall
 * between two of them (the slit's wall is 0.2 wide, a step about 0.15). With m sub-points per
 * segment the potential part is a finer left Riemann sum along the C² spline γ through the points
 * ({@link #path}), in the same scaling:
 * <pre>
 *   S_m = Σ_{k=0}^{T−2} [ L(t_k, x_k, Δ_k) − L(t_k, x_k, 0) + (1/m) Σ_{j=0}^{m−1} L(s_kj, γ(s_kj), 0) ],
 *   s_kj = (k + j/m)/(T − 1),
 * </pre>
 * i.e. for L = ½|v|² − U, S_m = Σ_k [½|Δ_k|² − (1/m) Σ_j U(γ(s_kj))]. Since γ(s_k0) = x_k the
 * j = 0 term cancels −L(t_k, x_k, 0) for m = 1. γ is linear in the points (γ(s) = Σ_n w_n(s)
 * x_n per coordinate, the weights of the interpolating spline computed once), so the gradient is
 * exact: a sub-point's ∂L/∂x is spread to the points with the weights w_n.
 *
 * <p>The paper's metric mode, c = ½(Σ_k √(Δ_kᵀA(x_k)Δ_k))², is not offered: the paper never
 * minimises it (its paths come from a spline fitted to the discrete curve energy, and the cost is
 * evaluated on them with the path held fixed), and minimised over the points it is ill-posed — the
 * metric is taken at the left end of each step, so points can gather where the metric is small and
 * jump from there (L-BFGS does not converge on {@code examples/deep.geo}).
 *
 * <p>Gradients: with (g_x, g_v) = ∂L/∂(x, v) at (t_k, x_k, Δ_k), ∂S/∂x_k gains g_x − g_v,
 * ∂S/∂x_{k+1} gains g_v and ∂S/∂θ gains ∂L/∂θ. A point outside the model's domain makes S = +∞ (so
 * that a line search backs off). Not thread-safe.
 */
public final class DiscreteAction implements Objective {

    private final LagrangianKernels lagrangian;
    private final Domain domain;
    private final int samples;
    private final double offset;
    private final int d;
    private final int p;
    private final double[] x;
    private final double[] y;
    private final double[] theta;
    /** All T points, [k * d + i]. */
    private final double[] points;
    private final double[] pointsBar;
    private final double[] delta;
    private final double[] xk;
    private final double[] gx;
    private final double[] gv;
    private final double[] gTheta;
    private final double[] thetaBar;
    private final SplineBasis basis;
    /** m, the potential's sub-points per segment (1: the paper's action). */
    private final int subdivisions;
    /** The spline weights of the sub-points j = 1 … m − 1 of each segment, [(k(m−1) + j − 1)·T + n]. */
    private final double[] weights;
    private final double[] zero;
    private final double[] sub;

    /** The paper's action (one potential sample a segment, at its left point). */
    public DiscreteAction(LagrangianKernels lagrangian, int samples, double offset) {
        this(lagrangian, samples, offset, 1);
    }

    /**
     * @param subdivisions m ≥ 1, the potential's samples per segment along the spline (1: the paper's action)
     */
    public DiscreteAction(LagrangianKernels lagrangian, int samples, double offset, int subdivisions) {
        if (samples < 3) {
            throw new IllegalArgumentException("a discrete path needs at least 3 points, got " + samples);
        }
        if (subdivisions < 1) {
            throw new IllegalArgumentException("at least 1 potential sample a segment, got " + subdivisions);
        }
        this.subdivisions = subdivisions;
        this.lagrangian = lagrangian;
        this.domain = lagrangian.descriptor().domain();
        this.samples = samples;
        this.offset = offset;
        this.d = lagrangian.descriptor().dimension();
        this.p = lagrangian.descriptor().parameterCount();
        x = new double[d];
        y = new double[d];
        theta = new double[p];
        points = new double[samples * d];
        pointsBar = new double[samples * d];
        delta = new double[d];
        xk = new double[d];
        gx = new double[d];
        gv = new double[d];
        gTheta = new double[p];
        thetaBar = new double[p];
        basis = new SplineBasis(samples - 1);
        zero = new double[d];
        sub = new double[d];
        weights = splineWeights(basis, samples, subdivisions);
    }

    /**
     * The weights w_n(s_kj) of the interpolating spline of {@link #path} at the sub-points, one
     * coordinate's spline through the unit vector e_n for each point n (the spline is linear in the points).
     */
    private static double[] splineWeights(SplineBasis basis, int samples, int m) {
        int e = samples - 1;
        double[] w = new double[e * (m - 1) * samples];
        double[] one = new double[1];
        for (int n = 0; n < samples; n++) {
            double[] pts = new double[samples];
            pts[n] = 1;
            SplinePath path = spline(basis, new double[] {pts[0]}, java.util.Arrays.copyOfRange(pts, 1, samples - 1),
                    new double[] {pts[samples - 1]}, 1);
            for (int k = 0; k < e; k++) {
                for (int j = 1; j < m; j++) {
                    path.position((k + (double) j / m) / e, one);
                    w[(k * (m - 1) + j - 1) * samples + n] = one[0];
                }
            }
        }
        return w;
    }

    /** m, the potential's samples per segment (1: the paper's action). */
    public int subdivisions() {
        return subdivisions;
    }

    /** The number of free variables, (T − 2)·d. */
    public int freeCount() {
        return (samples - 2) * d;
    }

    /** Sets the ends and θ (copied). */
    public void setProblem(double[] start, double[] end, double[] parameters) {
        System.arraycopy(start, 0, x, 0, d);
        System.arraycopy(end, 0, y, 0, d);
        System.arraycopy(parameters, 0, theta, 0, p);
    }

    /** The interior points of the straight line x → y, equally spaced. */
    public void straight(double[] q) {
        for (int k = 1; k < samples - 1; k++) {
            double t = (double) k / (samples - 1);
            for (int i = 0; i < d; i++) {
                q[(k - 1) * d + i] = x[i] + t * (y[i] - x[i]);
            }
        }
    }

    /**
     * Moves interior points q of a path from (x0, y0) to the current ends by adding the line
     * (1 − t_k)(x − x0) + t_k (y − y0): a warm start from a neighbouring pair's path.
     */
    public void shift(double[] q, double[] x0, double[] y0) {
        for (int k = 1; k < samples - 1; k++) {
            double t = (double) k / (samples - 1);
            for (int i = 0; i < d; i++) {
                q[(k - 1) * d + i] += (1 - t) * (x[i] - x0[i]) + t * (y[i] - y0[i]);
            }
        }
    }

    @Override
    public double valueAndGradient(double[] q, double[] gradQ) {
        return evaluate(q, gradQ, null, null, null);
    }

    /** S(q) with any of ∂S/∂q, ∂S/∂x, ∂S/∂y, ∂S/∂θ (null outputs skipped; all overwritten). */
    public double evaluate(double[] q, double[] gradQ, double[] gradStart, double[] gradEnd, double[] gradTheta) {
        System.arraycopy(x, 0, points, 0, d);
        System.arraycopy(q, 0, points, d, (samples - 2) * d);
        System.arraycopy(y, 0, points, (samples - 1) * d, d);
        Arrays.fill(pointsBar, 0);
        Arrays.fill(thetaBar, 0);
        double sum = 0;
        for (int k = 0; k < samples - 1; k++) {
            System.arraycopy(points, k * d, xk, 0, d);
            if (!domain.contains(xk)) {
                return notFinite(gradQ, gradStart, gradEnd, gradTheta, Double.POSITIVE_INFINITY);
            }
            for (int i = 0; i < d; i++) {
                delta[i] = points[(k + 1) * d + i] - xk[i] + offset;
            }
            double l = lagrangian.lagrangianGradient((double) k / (samples - 1), xk, delta, theta, gx, gv, gTheta);
            sum += l;
            for (int i = 0; i < d; i++) {
                pointsBar[k * d + i] += gx[i] - gv[i];
                pointsBar[(k + 1) * d + i] += gv[i];
            }
            for (int j = 0; j < p; j++) {
                thetaBar[j] += gTheta[j];
            }
            if (subdivisions > 1) {
                double potential = potentialTerms(k);
                if (!Double.isFinite(potential)) {
                    return notFinite(gradQ, gradStart, gradEnd, gradTheta, potential);
                }
                sum += potential;
            }
        }
        double value = sum;
        if (!Double.isFinite(value)) {
            return notFinite(gradQ, gradStart, gradEnd, gradTheta, value);
        }
        if (gradQ != null) {
            for (int k = 0; k < (samples - 2) * d; k++) {
                gradQ[k] = pointsBar[d + k];
            }
        }
        for (int i = 0; i < d; i++) {
            if (gradStart != null) {
                gradStart[i] = pointsBar[i];
            }
            if (gradEnd != null) {
                gradEnd[i] = pointsBar[(samples - 1) * d + i];
            }
        }
        if (gradTheta != null) {
            for (int j = 0; j < p; j++) {
                gradTheta[j] = thetaBar[j];
            }
        }
        return value;
    }

    /**
     * Segment k's sub-point terms of S_m, (1/m) Σ_{j≥1} L(s_kj, γ(s_kj), 0) − ((m − 1)/m) L(t_k, x_k, 0)
     * (the j = 0 term merged with the subtracted one, as γ(s_k0) = x_k), their gradients added to
     * pointsBar and thetaBar; +∞ when a sub-point leaves the domain.
     */
    private double potentialTerms(int k) {
        int m = subdivisions;
        int e = samples - 1;
        double c = (double) (m - 1) / m;
        double value = -c * lagrangian.lagrangianGradient((double) k / e, xk, zero, theta, gx, gv, gTheta);
        for (int i = 0; i < d; i++) {
            pointsBar[k * d + i] -= c * gx[i];
        }
        for (int j = 0; j < p; j++) {
            thetaBar[j] -= c * gTheta[j];
        }
        for (int j = 1; j < m; j++) {
            int row = (k * (m - 1) + j - 1) * samples;
            java.util.Arrays.fill(sub, 0);
            for (int n = 0; n < samples; n++) {
                double wn = weights[row + n];
                for (int i = 0; i < d; i++) {
                    sub[i] += wn * points[n * d + i];
                }
            }
            if (!domain.contains(sub)) {
                return Double.POSITIVE_INFINITY;
            }
            value += lagrangian.lagrangianGradient((k + (double) j / m) / e, sub, zero, theta, gx, gv, gTheta) / m;
            for (int n = 0; n < samples; n++) {
                double wn = weights[row + n] / m;
                for (int i = 0; i < d; i++) {
                    pointsBar[n * d + i] += wn * gx[i];
                }
            }
            for (int i = 0; i < p; i++) {
                thetaBar[i] += gTheta[i] / m;
            }
        }
        return value;
    }

    /**
     * The path through the points as a C² cubic spline with T − 1 segments, whose knots are the
     * sample times (so it interpolates every point), with end velocities (x₁ − x₀)(T − 1) and
     * (x_{T−1} − x_{T−2})(T − 1).
     */
    public SplinePath path(double[] q) {
        return spline(basis, x, q, y, d);
    }

    private static SplinePath spline(SplineBasis basis, double[] x, double[] q, double[] y, int d) {
        int e = basis.segments();
        int samples = e + 1;
        double[] z = new double[(e + 1) * d];
        System.arraycopy(q, 0, z, 0, (samples - 2) * d);
        for (int i = 0; i < d; i++) {
            double first = samples > 2 ? q[i] : y[i];
            double last = samples > 2 ? q[(samples - 3) * d + i] : x[i];
            z[(e - 1) * d + i] = (first - x[i]) * e;
            z[e * d + i] = (y[i] - last) * e;
        }
        return new SplinePath(basis, z, x.clone(), y.clone());
    }

    private static double notFinite(double[] gradQ, double[] gradStart, double[] gradEnd, double[] gradTheta,
                                    double value) {
        for (double[] a : new double[][] {gradQ, gradStart, gradEnd, gradTheta}) {
            if (a != null) {
                Arrays.fill(a, Double.NaN);
            }
        }
        return value;
    }
}
