package geo.runtime.bvp;

import geo.runtime.api.AccelerationKernels;
import geo.runtime.linalg.Dense;
import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * Conjugate points along a geodesic γ(t) = exp_x(t v), t ∈ [0, 1]: the times where the Jacobian
 * X(t) = ∂γ(t)/∂v of the exponential map is singular. A geodesic with a conjugate point at some
 * t* ∈ (0, 1) is not minimising (Jacobi's theorem: do Carmo, <i>Riemannian Geometry</i>, ch. 10,
 * Cor. 2.9), so its length is not the distance.
 *
 * <p>X and V = X' solve the variational (Jacobi) equations X'' = ∂a/∂x X + ∂a/∂v X' with
 * X(0) = 0, X'(0) = I, integrated with γ by {@value #STEPS} classical RK4 steps on [0, 1]; the
 * columns of X are the Jacobi fields with initial derivatives the coordinate vectors. Between
 * two mesh times t_k &lt; t_{k+1} with X(t_k) invertible, the transfer T = X(t_{k+1}) X(t_k)⁻¹ is
 * I + O(h) away from conjugate points; along a Jacobi field J(t) ≈ c (t − t*) that vanishes at
 * t*, T has the (real) eigenvalue μ ≈ (t_{k+1} − t*)/(t_k − t*), which is negative when
 * t* ∈ (t_k, t_{k+1}) and near 0 when t* is at t_{k+1}. The step counts as holding a conjugate
 * point when some eigenvalue of T has a real part below τ = {@value #THRESHOLD} (the discrete
 * analogue of a Jacobi field changing sign; for the focal-point theory of discrete Jacobi
 * equations see Bohner, Došlý, Kratz, SIAM J. Matrix Anal. Appl. 20 (1998)). Unlike a sign
 * change of det X, this sees conjugate points of any multiplicity (those of the round n-sphere
 * have multiplicity n − 1: det X keeps its sign when n is odd), and it is invariant under the
 * growth of X (exponential in negative curvature).
 *
 * <p>What it resolves: conjugate points in [t_1, 1) that are at least about τ·h apart from 1 (a
 * conjugate point just after t = 1, within about τ·h, is also reported: y is then nearly conjugate
 * to x, where the logarithm is ill-conditioned), and at most one per step (two conjugate points
 * closer than h in the same mode escape; they need a curvature radius below |v|/({@value #STEPS}π)).
 * Costs {@value #STEPS} RK4 steps of the geodesic with d JVPs per stage and a d×d eigenvalue
 * problem per step. Not thread-safe.
 */
public final class ConjugatePoints {

    /** RK4 steps on [0, 1] for the geodesic and its Jacobi fields. */
    public static final int STEPS = 32;

    /** The most RK4 steps the mesh is refined to. */
    public static final int MAX_STEPS = 1024;

    /** How close (relative to max(1, ‖v‖)) the check's own geodesic must end to the solver's end point. */
    static final double END_TOLERANCE = 1e-4;

    /** An eigenvalue μ of the step transfer below this marks a conjugate point in the step. */
    static final double THRESHOLD = 1e-3;

    /** What the check found. */
    public enum Kind {
        /** X(t) stays invertible on (0, 1): no conjugate point (to the resolution above). */
        NONE,
        /** A conjugate point at {@link Result#t()} &lt; 1 (or within τ·h after it). */
        CONJUGATE,
        /** The geodesic or its Jacobi fields could not be integrated (not finite, metric not positive definite). */
        FAILED
    }

    /**
     * The outcome.
     *
     * @param kind what was found
     * @param t    the end of the first step found to hold a conjugate point (1 when none; the time
     *             of failure for FAILED)
     */
    public record Result(Kind kind, double t) {
    }

    private static final Result NONE = new Result(Kind.NONE, 1);

    private final AccelerationKernels kernels;
    private final int d;
    private final double[] x;
    private final double[] v;
    private final double[] xs;
    private final double[] vs;
    private final double[] a;
    private final double[] big;
    private final double[] bigV;
    private final double[] stageX;
    private final double[] stageV;
    private final double[] accX;
    private final double[] accV;
    private final double[] kx;
    private final double[] kv;
    private final double[] previous;
    private final double[] transfer;
    private final double[] lhs;
    private final double[] sumX;
    private final double[] sumV;
    private final double[] slopeX;
    private final double[] slopeV;
    private final double[] lastEnd;

    private static final double[] WEIGHTS = {1, 2, 2, 1};
    private static final double[] OFFSETS = {0, 0.5, 0.5, 1};

    public ConjugatePoints(AccelerationKernels kernels) {
        this.kernels = kernels;
        this.d = kernels.descriptor().dimension();
        x = new double[d];
        v = new double[d];
        xs = new double[d];
        vs = new double[d];
        a = new double[d];
        big = new double[d * d];
        bigV = new double[d * d];
        stageX = new double[d * d];
        stageV = new double[d * d];
        accX = new double[d * d];
        accV = new double[d * d];
        kx = new double[d];
        kv = new double[d];
        previous = new double[d * d];
        transfer = new double[d * d];
        lhs = new double[d * d];
        sumX = new double[d];
        sumV = new double[d];
        slopeX = new double[d * d];
        slopeV = new double[d * d];
        lastEnd = new double[d];
    }

    /**
     * The first conjugate point of γ(t) = exp_x(t v) on (0, 1), if any. Reads x0, v0, θ and
     * {@code end}, the end point exp_x(v) as the solver computed it: the RK4 mesh starts with
     * {@value #STEPS} steps and is doubled (up to {@value #MAX_STEPS}) until its own end point is
     * within {@value #END_TOLERANCE}·max(1, ‖v‖) of it or of the previous mesh's, so that the
     * Jacobi fields are resolved
     * as well as the geodesic is (near a chart's coordinate singularity, e.g. a pole of the
     * sphere's chart, 32 steps are far too few). Not resolved with the most steps: FAILED.
     */
    public Result check(double[] x0, double[] v0, double[] theta, double[] end) {
        Arrays.fill(lastEnd, Double.NaN);
        double scale = 0;
        for (double vi : v0) {
            scale += vi * vi;
        }
        scale = Math.max(1, Math.sqrt(scale));
        double[] reference = end;
        for (int steps = STEPS; steps <= MAX_STEPS; steps *= 2) {
            Result r;
            try {
                r = integrate(x0, v0, theta, steps);
            } catch (ArithmeticException e) {
                return new Result(Kind.FAILED, 0);
            }
            if (r.kind() == Kind.FAILED) {
                return r;
            }
            // Resolved when this mesh's end point agrees with the solver's (whose own mesh may be
            // coarser, as in training) or with the previous, coarser mesh of this check.
            if (close(end, scale) || (reference != end && close(reference, scale))) {
                return r;
            }
            System.arraycopy(x, 0, lastEnd, 0, d);
            reference = lastEnd;
        }
        return new Result(Kind.FAILED, 1);
    }

    /** Whether the end point of the last integration is within END_TOLERANCE·scale of {@code point}. */
    private boolean close(double[] point, double scale) {
        for (int i = 0; i < d; i++) {
            if (!(Math.abs(x[i] - point[i]) <= END_TOLERANCE * scale)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Integrates with {@code steps} RK4 steps to t = 1 (leaving γ(1) in {@code x}, for the
     * caller's resolution test), returning the first step with a conjugate point, if any.
     */
    private Result integrate(double[] x0, double[] v0, double[] theta, int steps) {
        System.arraycopy(x0, 0, x, 0, d);
        System.arraycopy(v0, 0, v, 0, d);
        Arrays.fill(big, 0);
        Arrays.fill(bigV, 0);
        for (int i = 0; i < d; i++) {
            bigV[i * d + i] = 1;
        }
        double h = 1.0 / steps;
        Result found = NONE;
        for (int k = 0; k < steps; k++) {
            System.arraycopy(big, 0, previous, 0, d * d);
            step(k * h, h, theta);
            if (!finite(x) || !finite(v) || !finite(big) || !finite(bigV)) {
                return new Result(Kind.FAILED, (k + 1) * h);
            }
            if (k > 0 && found == NONE && !positiveTransfer()) {
                found = new Result(Kind.CONJUGATE, (k + 1) * h);
            }
        }
        return found;
    }

    /**
     * Whether every eigenvalue of T = X X_prev⁻¹ has a real part above τ. A singular X_prev is a
     * conjugate point at the previous mesh time. (T is only approximately similar to a symmetric
     * matrix in coordinates, by O(h) terms of the metric's derivatives, so its eigenvalues are
     * computed as they are, not those of a symmetrised form, which near a conjugate point, where
     * X_prev⁻¹ is large, would be off by much more than τ.)
     */
    private boolean positiveTransfer() {
        // T X_prev = X, i.e. X_prevᵀ Tᵀ = Xᵀ: row i of T solves X_prevᵀ r = (row i of X), all d
        // rows at one factorisation.
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                lhs[r * d + c] = previous[c * d + r];
            }
        }
        if (!solveTransposed(lhs, big, transfer, d)) {
            return false;
        }
        if (gershgorin()) {
            return true;
        }
        double[][] t = new double[d][d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(transfer, i * d, t[i], 0, d);
        }
        for (double mu : new EigenDecomposition(new Array2DRowRealMatrix(t, false)).getRealEigenvalues()) {
            if (!(mu > THRESHOLD)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Solves A Rᵀ = Bᵀ for R (row i of R solves A r = row i of B), n × n row-major, by
     * {@link Dense#solve}'s Gaussian elimination with partial pivoting applied to all n right-hand
     * sides at once: the same operations on each as n separate calls (so the same bits), one
     * factorisation instead of n (n³/3 multiplications instead of n⁴/3).
     *
     * @param a overwritten with its factor
     * @param b read
     * @param r the solutions (overwritten)
     * @return false, as {@link Dense#solve}, when a pivot is below 1e-13 times a's largest entry
     */
    static boolean solveTransposed(double[] a, double[] b, double[] r, int n) {
        double scale = 0;
        for (int i = 0; i < n * n; i++) {
            scale = Math.max(scale, Math.abs(a[i]));
        }
        // Column i of r (as an n × n matrix) is right-hand side i: r[row * n + i] = b[i * n + row].
        for (int i = 0; i < n; i++) {
            for (int row = 0; row < n; row++) {
                r[row * n + i] = b[i * n + row];
            }
        }
        for (int k = 0; k < n; k++) {
            int p = k;
            for (int row = k + 1; row < n; row++) {
                if (Math.abs(a[row * n + k]) > Math.abs(a[p * n + k])) {
                    p = row;
                }
            }
            if (!(Math.abs(a[p * n + k]) > 1e-13 * scale)) {
                return false;
            }
            if (p != k) {
                for (int c = 0; c < n; c++) {
                    double t = a[k * n + c];
                    a[k * n + c] = a[p * n + c];
                    a[p * n + c] = t;
                    t = r[k * n + c];
                    r[k * n + c] = r[p * n + c];
                    r[p * n + c] = t;
                }
            }
            for (int row = k + 1; row < n; row++) {
                double factor = a[row * n + k] / a[k * n + k];
                for (int c = k; c < n; c++) {
                    a[row * n + c] -= factor * a[k * n + c];
                }
                for (int i = 0; i < n; i++) {
                    r[row * n + i] -= factor * r[k * n + i];
                }
            }
        }
        for (int row = n - 1; row >= 0; row--) {
            for (int i = 0; i < n; i++) {
                double s = r[row * n + i];
                for (int c = row + 1; c < n; c++) {
                    s -= a[row * n + c] * r[c * n + i];
                }
                r[row * n + i] = s / a[row * n + row];
            }
        }
        // Back to one solution per row: transpose in place.
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double t = r[i * n + j];
                r[i * n + j] = r[j * n + i];
                r[j * n + i] = t;
            }
        }
        return true;
    }

    /**
     * Whether every Gershgorin disc of T lies right of τ (T_ii − Σ_{j≠i} |T_ij| &gt; τ for every row
     * i), so that every eigenvalue has a real part above τ: the common case, decided without an
     * eigenvalue problem.
     */
    private boolean gershgorin() {
        for (int i = 0; i < d; i++) {
            double radius = 0;
            for (int j = 0; j < d; j++) {
                if (j != i) {
                    radius += Math.abs(transfer[i * d + j]);
                }
            }
            if (!(transfer[i * d + i] - radius > THRESHOLD)) {
                return false;
            }
        }
        return true;
    }

    /**
     * One classical RK4 step of (x, v, X, V) from t to t + h: slopes x' = v, v' = a(t, x, v),
     * X' = V, V' = ∂a/∂x X + ∂a/∂v V (one JVP per column).
     */
    private void step(double t, double h, double[] theta) {
        System.arraycopy(x, 0, xs, 0, d);
        System.arraycopy(v, 0, vs, 0, d);
        System.arraycopy(big, 0, stageX, 0, d * d);
        System.arraycopy(bigV, 0, stageV, 0, d * d);
        Arrays.fill(sumX, 0);
        Arrays.fill(sumV, 0);
        Arrays.fill(accX, 0);
        Arrays.fill(accV, 0);
        for (int stage = 0; stage < 4; stage++) {
            // The acceleration and the d JVPs (one per column of X) at one factorisation of an
            // implicit system; the same numbers as separate calls.
            kernels.accelerationJvps(t + OFFSETS[stage] * h, xs, vs, theta, a, d, stageX, stageV, slopeV);
            for (int i = 0; i < d; i++) {
                kx[i] = vs[i];
                kv[i] = a[i];
                sumX[i] += WEIGHTS[stage] * kx[i];
                sumV[i] += WEIGHTS[stage] * kv[i];
            }
            for (int i = 0; i < d * d; i++) {
                slopeX[i] = stageV[i];
                accX[i] += WEIGHTS[stage] * slopeX[i];
                accV[i] += WEIGHTS[stage] * slopeV[i];
            }
            if (stage < 3) {
                double c = OFFSETS[stage + 1] * h;
                for (int i = 0; i < d; i++) {
                    xs[i] = x[i] + c * kx[i];
                    vs[i] = v[i] + c * kv[i];
                }
                for (int i = 0; i < d * d; i++) {
                    stageX[i] = big[i] + c * slopeX[i];
                    stageV[i] = bigV[i] + c * slopeV[i];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            x[i] += h / 6 * sumX[i];
            v[i] += h / 6 * sumV[i];
        }
        for (int i = 0; i < d * d; i++) {
            big[i] += h / 6 * accX[i];
            bigV[i] += h / 6 * accV[i];
        }
    }

    private static boolean finite(double[] values) {
        for (double value : values) {
            if (!Double.isFinite(value)) {
                return false;
            }
        }
        return true;
    }
}
