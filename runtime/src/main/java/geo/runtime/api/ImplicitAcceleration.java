package geo.runtime.api;

import geo.runtime.linalg.Cholesky;

/**
 * The acceleration kernels of a model whose acceleration is defined implicitly, M(t, x, v) a = r
 * (the geodesic spray g a = ½∇ₓ(vᵀgv) − (D_v g)v, or the Euler–Lagrange system, in dimension
 * d &gt; 4 where no symbolic inverse is formed). Generated classes supply the system and its
 * derivatives with a held fixed; this class solves with a Cholesky factorisation ({@link Cholesky}; M is
 * symmetric positive definite for a metric and for a Lagrangian satisfying the Legendre
 * condition). Scratch arrays are per instance: not thread-safe.
 */
public abstract class ImplicitAcceleration implements AccelerationKernels {

    private final int d;
    private final double[] m;
    private final double[] r;
    private final double[] a;
    private final double[] lambda;
    private final double[] columnX;
    private final double[] columnV;
    private final double[] columnA;
    private double[] residuals;
    /** θ̄ dropped by the fallback {@link #systemVjpStates}, made at its first call. */
    private double[] thetaScratch;

    protected ImplicitAcceleration(int d) {
        this.d = d;
        this.m = new double[d * d];
        this.r = new double[d];
        this.a = new double[d];
        this.lambda = new double[d];
        this.columnX = new double[d];
        this.columnV = new double[d];
        this.columnA = new double[d];
    }

    /** M (d×d, row-major) and r (d) at the point. Both overwritten. */
    protected abstract void system(double t, double[] x, double[] v, double[] theta, double[] matrix, double[] rhs);

    /** How many primal values ({@link #systemJvpPrimal}) the tangent part of the system JVP reads. */
    public abstract int systemJvpResiduals();

    /**
     * The primal part of the system JVP at the point: every value of the network, M, r and their
     * derivatives that {@link #systemJvpTangent} reads ({@link #systemJvpResiduals()} of them). Computed
     * once per point for any number of directions. {@code residuals} overwritten.
     */
    protected abstract void systemJvpPrimal(double t, double[] x, double[] v, double[] theta, double[] a,
                                            double[] residuals);

    /**
     * ∂(r − M a)/∂(x, v) · (dx, dv) with a held fixed, reading the primal values from
     * {@code residuals} ({@link #systemJvpPrimal} at the same point): the operations of the whole
     * JVP, so the same bits. {@code out} overwritten.
     */
    protected abstract void systemJvpTangent(double t, double[] x, double[] v, double[] theta, double[] a,
                                             double[] residuals, double[] dx, double[] dv, double[] out);

    /** λᵀ ∂(r − M a)/∂(x, v, θ) with a held fixed. Outputs overwritten. */
    protected abstract void systemVjp(double t, double[] x, double[] v, double[] theta, double[] a, double[] lambda,
                                      double[] xBar, double[] vBar, double[] thetaBar);

    /**
     * The state part of {@link #systemVjp}: x̄ and v̄ only. Generated classes emit it with the θ̄
     * outputs dropped (the same x̄, v̄ bits); this fallback, for classes compiled before it
     * existed, runs the full VJP into a scratch θ̄.
     */
    protected void systemVjpStates(double t, double[] x, double[] v, double[] theta, double[] a, double[] lambda,
                                   double[] xBar, double[] vBar) {
        if (thetaScratch == null || thetaScratch.length != theta.length) {
            thetaScratch = new double[theta.length];
        }
        systemVjp(t, x, v, theta, a, lambda, xBar, vBar, thetaScratch);
    }

    @Override
    public final void acceleration(double t, double[] x, double[] v, double[] theta, double[] out) {
        system(t, x, v, theta, m, out);
        factor(x);
        solve(out);
    }

    @Override
    public final void accelerationJvp(double t, double[] x, double[] v, double[] theta, double[] dx, double[] dv,
                                      double[] da) {
        system(t, x, v, theta, m, a);
        factor(x);
        solve(a);
        double[] r = residuals();
        systemJvpPrimal(t, x, v, theta, a, r);
        systemJvpTangent(t, x, v, theta, a, r, dx, dv, da);
        solve(da);
    }

    /**
     * One factorisation of M and one primal pass of the system JVP for the acceleration and all
     * {@code count} JVPs (each JVP is then the system JVP's tangent part and two triangular solves,
     * done for all directions together by {@link Cholesky#solveColumns}, instead of a new O(d³)
     * factorisation and a new evaluation of the network): vector-mode forward
     * differentiation with the primal shared. The same operations as {@link #acceleration} and
     * {@link #accelerationJvp}, so the same bits.
     */
    @Override
    public final void accelerationJvps(double t, double[] x, double[] v, double[] theta, double[] out, int count,
                                       double[] dx, double[] dv, double[] da) {
        system(t, x, v, theta, m, out);
        factor(x);
        solve(out);
        double[] r = residuals();
        systemJvpPrimal(t, x, v, theta, out, r);
        for (int j = 0; j < count; j++) {
            for (int i = 0; i < d; i++) {
                columnX[i] = dx[i * count + j];
                columnV[i] = dv[i * count + j];
            }
            systemJvpTangent(t, x, v, theta, out, r, columnX, columnV, columnA);
            for (int i = 0; i < d; i++) {
                da[i * count + j] = columnA[i];
            }
        }
        // All directions' triangular solves at once: each column's operations as solve's, so the same bits.
        Cholesky.solveColumns(m, d, da, count);
    }

    @Override
    public final void accelerationVjp(double t, double[] x, double[] v, double[] theta, double[] aBar,
                                      double[] xBar, double[] vBar, double[] thetaBar) {
        system(t, x, v, theta, m, a);
        factor(x);
        solve(a);
        System.arraycopy(aBar, 0, lambda, 0, d);
        solve(lambda);
        systemVjp(t, x, v, theta, a, lambda, xBar, vBar, thetaBar);
    }

    /** {@link #accelerationVjp}'s operations up to the system VJP, which leaves θ̄ out. */
    @Override
    public final void accelerationVjpStates(double t, double[] x, double[] v, double[] theta, double[] aBar,
                                            double[] xBar, double[] vBar) {
        system(t, x, v, theta, m, a);
        factor(x);
        solve(a);
        System.arraycopy(aBar, 0, lambda, 0, d);
        solve(lambda);
        systemVjpStates(t, x, v, theta, a, lambda, xBar, vBar);
    }

    /** The scratch array of the JVP's primal values, made at the first JVP (its size is the subclass's constant). */
    private double[] residuals() {
        if (residuals == null) {
            residuals = new double[systemJvpResiduals()];
        }
        return residuals;
    }

    /** Overwrites the lower triangle of m with its Cholesky factor L (M = L Lᵀ); x is for the message. */
    /**
     * M and r of a batch of points ({@link BatchAccelerationKernels}): x in work rows 0 … d − 1, v in
     * d … 2d − 1 (read), M row-major in the d² rows from 2d, r in the d rows after it (written). Generated
     * classes that batch their system override it (and implement {@link BatchAccelerationKernels});
     * this default has no batch kernel.
     */
    protected void systemBatch(int n, double[][] w, double[] theta) {
        throw new UnsupportedOperationException(getClass().getName() + " has no batch system kernel");
    }

    /**
     * a for a batch of points ({@link BatchAccelerationKernels#accelerationBatch}): the batch system
     * ({@link #systemBatch}), then each point's M factored and solved by the code of
     * {@link #acceleration}, so each point gets its bits; a overwrites r's rows. Only for classes
     * that override {@link #systemBatch}.
     *
     * @throws ArithmeticException when M is not positive definite at a point (as {@link #acceleration})
     */
    public final void accelerationBatch(int n, double[][] w, double[] theta) {
        systemBatch(n, w, theta);
        int rows = 2 * d;
        int rhs = rows + d * d;
        for (int b = 0; b < n; b++) {
            for (int k = 0; k < d * d; k++) {
                m[k] = w[rows + k][b];
            }
            for (int i = 0; i < d; i++) {
                a[i] = w[rhs + i][b];
            }
            int j = Cholesky.factor(m, d);
            if (j < d) {
                for (int i = 0; i < d; i++) {
                    columnX[i] = w[i][b];
                }
                notPositiveDefinite(j, columnX);
            }
            solve(a);
            for (int i = 0; i < d; i++) {
                w[rhs + i][b] = a[i];
            }
        }
    }

    private void factor(double[] x) {
        int j = Cholesky.factor(m, d);
        if (j < d) {
            notPositiveDefinite(j, x);
        }
    }

    /** Throws for a Cholesky factorisation of M that stopped at pivot j &lt; d. */
    private void notPositiveDefinite(int j, double[] x) {
        throw new ArithmeticException("the acceleration's matrix is not positive definite at x = "
                + java.util.Arrays.toString(x) + " (Cholesky pivot " + j + " is " + m[j * d + j]
                + "): the metric is degenerate or indefinite here, or the Lagrangian fails the Legendre condition");
    }

    /** Solves L Lᵀ y = b in place. */
    private void solve(double[] b) {
        Cholesky.solve(m, d, b);
    }
}
