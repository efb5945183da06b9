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

    public DiscreteAction(LagrangianKernels lagrangian, int samples, double offset) {
        if (samples < 3) {
            throw new IllegalArgumentException("a discrete path needs at least 3 points, got " + samples);
        }
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
     * The path through the points as a C² cubic spline with T − 1 segments, whose knots are the
     * sample times (so it interpolates every point), with end velocities (x₁ − x₀)(T − 1) and
     * (x_{T−1} − x_{T−2})(T − 1).
     */
    public SplinePath path(double[] q) {
        int e = samples - 1;
        double[] z = new double[(e + 1) * d];
        System.arraycopy(q, 0, z, 0, (samples - 2) * d);
        for (int i = 0; i < d; i++) {
            double first = samples > 2 ? q[i] : y[i];
            double last = samples > 2 ? q[(samples - 3) * d + i] : x[i];
            z[(e - 1) * d + i] = (first - x[i]) * e;
            z[e * d + i] = (y[i] - last) * e;
        }
        return new SplinePath(basis, z, x, y);
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
