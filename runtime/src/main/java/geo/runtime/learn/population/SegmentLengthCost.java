package geo.runtime.learn.population;

import geo.runtime.api.LagrangianKernels;
import geo.runtime.load.Model;
import geo.runtime.transport.cost.EntryResult;
import geo.runtime.transport.cost.EntryStatus;
import geo.runtime.transport.cost.PairCost;
import geo.runtime.transport.cost.PathResult;

/**
 * The "sq_geodesic" cost of Pooladian et al. 2024 ({@code geometries.py::MetricManifold}, block B2 of
 * {@code lagrangian-ot.md}) on a fixed path: for the T points x_k = x + (k/(T − 1))(y − x) of the
 * straight segment and Δ = (y − x)/(T − 1) + δ (δ = 10⁻⁶ added to each component, as in the paper),
 * <pre>  L = Σ_{k=0}^{T−2} √(Δᵀ A(x_k; θ) Δ),   c(x, y; θ) = ½ L²,</pre>
 * A the model's metric. The paper evaluates this on the spline its amortiser predicts and never
 * refines it ({@code spline_solver_kwargs.max_iter = 0}); here the path is the spline with zero free
 * parameters, the straight line, so c is an upper bound of ½d(x, y)² that is exact where the metric
 * is constant along the segment. Its gradients are exact for this discrete formula: with
 * q_k = Δᵀ A(x_k) Δ = 2ℒ(x_k, Δ) (ℒ the model's Lagrangian ½vᵀAv),
 * ∂c/∂θ = L Σ_k ∂q_k/∂θ / (2√q_k), and the points enter through x_k and Δ.
 */
public final class SegmentLengthCost implements PairCost {

    /** T of the paper ({@code ts = linspace(0, 1, 20)}). */
    public static final int POINTS = 20;
    /** δ of the paper. */
    public static final double OFFSET = 1e-6;

    private final Model model;
    private final LagrangianKernels kernels;
    private final int points;
    private final int p;
    private final double[] xk = new double[2];
    private final double[] delta = new double[2];
    private final double[] gx = new double[2];
    private final double[] gv = new double[2];
    private final double[] gTheta;

    /** The cost of a planar metric model on T = {@code points} ≥ 2 path points. */
    public SegmentLengthCost(Model model, int points) {
        if (model.dimension() != 2) {
            throw new IllegalArgumentException("a planar metric is needed, " + model.name() + " has "
                    + model.dimension() + " coordinates");
        }
        if (points < 2) {
            throw new IllegalArgumentException("a path needs at least 2 points, got " + points);
        }
        this.model = model;
        this.kernels = model.lagrangian();
        this.points = points;
        this.p = model.descriptor().parameterCount();
        this.gTheta = new double[p];
    }

    @Override
    public String description() {
        return "squared length on straight paths (T = " + points + ") of " + model.name();
    }

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public int parameterCount() {
        return p;
    }

    @Override
    public EntryResult cost(double[] x, double[] y, double[] theta, boolean continueRow) {
        return solve(x, y, theta, null, null, null);
    }

    @Override
    public EntryResult gradient(double[] x, double[] y, double[] theta, double[] gradX, double[] gradY,
                                double[] gradTheta) {
        return solve(x, y, theta, gradX, gradY, gradTheta);
    }

    private EntryResult solve(double[] x, double[] y, double[] theta, double[] gradX, double[] gradY,
                              double[] gradTheta) {
        int segments = points - 1;
        delta[0] = (y[0] - x[0]) / segments + OFFSET;
        delta[1] = (y[1] - x[1]) / segments + OFFSET;
        boolean grad = gradX != null;
        if (grad) {
            java.util.Arrays.fill(gradX, 0);
            java.util.Arrays.fill(gradY, 0);
            java.util.Arrays.fill(gradTheta, 0);
        }
        double length = 0;
        for (int k = 0; k < segments; k++) {
            double s = (double) k / segments;
            xk[0] = x[0] + s * (y[0] - x[0]);
            xk[1] = x[1] + s * (y[1] - x[1]);
            double q;
            if (grad) {
                q = 2 * kernels.lagrangianGradient(0, xk, delta, theta, gx, gv, gTheta);
            } else {
                q = 2 * kernels.lagrangian(0, xk, delta, theta);
            }
            if (!(q > 0) || !Double.isFinite(q)) {
                return EntryResult.failed(EntryStatus.NOT_FINITE, "Δᵀ A Δ = " + q + " at " + xk[0] + ", " + xk[1]
                        + ": the metric is not positive definite or not finite there");
            }
            double root = Math.sqrt(q);
            length += root;
            if (grad) {
                // ∂√q/∂· = (∂q/∂·) / (2√q), ∂q = 2∂ℒ; x_k = (1 − s)x + s y, Δ = (y − x)/(T − 1) + δ
                double w = 1 / root;
                for (int i = 0; i < 2; i++) {
                    gradX[i] += w * ((1 - s) * gx[i] - gv[i] / segments);
                    gradY[i] += w * (s * gx[i] + gv[i] / segments);
                }
                for (int j = 0; j < p; j++) {
                    gradTheta[j] += w * gTheta[j];
                }
            }
        }
        if (grad) {
            for (int i = 0; i < 2; i++) {
                gradX[i] *= length;
                gradY[i] *= length;
            }
            for (int j = 0; j < p; j++) {
                gradTheta[j] *= length;
            }
        }
        return EntryResult.ok(0.5 * length * length);
    }

    @Override
    public PathResult path(double[] x, double[] y, double[] theta, int n) {
        double[][] out = new double[n][2];
        for (int k = 0; k < n; k++) {
            double s = n == 1 ? 0 : (double) k / (n - 1);
            out[k][0] = x[0] + s * (y[0] - x[0]);
            out[k][1] = x[1] + s * (y[1] - x[1]);
        }
        return new PathResult(EntryStatus.OK, out, "");
    }

    @Override
    public PairCost forThread() {
        return new SegmentLengthCost(model, points);
    }
}
