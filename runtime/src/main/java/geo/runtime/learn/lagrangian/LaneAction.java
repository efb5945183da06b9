package geo.runtime.learn.lagrangian;

import geo.runtime.api.Domain;
import geo.runtime.api.LagrangianKernels;
import java.util.Arrays;

/**
 * The discrete action S_m of {@link geo.runtime.transport.cost.DiscreteAction} (Pooladian et al.
 * 2024, B2, with m potential samples a segment along the interpolating spline) and ∂S/∂q for a
 * batch of pairs at once, in structure-of-arrays layout: row r of a work array holds value r of
 * every pair ({@code a[r][b]} for lane b), so that the spline's arithmetic runs as loops over the
 * lanes. The same function as {@code DiscreteAction.evaluate} (equal up to rounding), in O(T) a
 * pair instead of O(T²):
 *
 * <p>{@code DiscreteAction} spreads each of the (T − 1)(m − 1) sub-points over all T points with
 * dense spline weights. The spline is the C² cubic interpolant through the points at the uniform
 * knots t_k = k/E (E = T − 1) with end slopes given by the end differences, so in Hermite form on
 * segment k, with per-segment slopes D_k = h γ'(t_k) (h = 1/E) and u ∈ [0, 1],
 * <pre>
 *   γ = h00(u) x_k + h10(u) D_k + h01(u) x_{k+1} + h11(u) D_{k+1},
 *   h00 = 2u³ − 3u² + 1, h10 = u³ − 2u² + u, h01 = −2u³ + 3u², h11 = u³ − u²,
 * </pre>
 * and C² continuity is the tridiagonal system (de Boor, <i>A Practical Guide to Splines</i>,
 * 2001, ch. IV; uniform knots)
 * <pre>
 *   D_{k−1} + 4 D_k + D_{k+1} = 3 (x_{k+1} − x_{k−1}),  k = 1 … E − 1,
 *   D_0 = x_1 − x_0,  D_E = x_E − x_{E−1},
 * </pre>
 * solved by the Thomas algorithm with its factors computed once. Its adjoint is the same solve
 * (the matrix is symmetric) followed by the transposed right-hand side. The Lagrangian itself is
 * called per lane ({@link LagrangianKernels#lagrangianGradient}, the model's compiled kernel).
 *
 * <p>A lane with a point or sub-point outside the model's domain gets S = +∞ and a NaN gradient
 * (as {@code DiscreteAction}). Holds its work arrays: not thread-safe.
 */
final class LaneAction {

    private final LagrangianKernels lagrangian;
    private final Domain domain;
    private final int t;
    private final int e;
    private final int d;
    private final int m;
    private final double offset;
    private final int capacity;
    /** The Thomas algorithm's reciprocal pivots 1/(4 − c_{k−1}) for the unknowns k = 1 … E − 1 (index k). */
    private final double[] inv;
    /** The Hermite basis at the sub-points u_j = j/m, j = 1 … m − 1: [4(j − 1) + (0: h00, 1: h10, 2: h01, 3: h11)]. */
    private final double[] hermite;
    private final double[][] x;
    private final double[][] y;
    private final double[][] p;
    private final double[][] slope;
    private final double[][] sub;
    private final double[][] pBar;
    private final double[][] slopeBar;
    private final double[][] subBar;
    private final double[] theta;
    private final double[] point;
    private final double[] velocity;
    private final double[] zero;
    private final double[] gx;
    private final double[] gv;
    private final double[] gTheta;
    /** One lane's points, their adjoints and its sub-points (then their adjoints), flat. */
    private final double[] pts;
    private final double[] ptsBar;
    private final double[] subs;
    /** Whether the domain can exclude a finite point (else a non-finite S says it all). */
    private final boolean bounded;

    /**
     * @param lagrangian the model (this instance is used exclusively here)
     * @param options    T, δ and m as the path solver's
     * @param capacity   the most lanes of one {@link #evaluate}
     */
    LaneAction(LagrangianKernels lagrangian, PathSolver.Options options, int capacity) {
        this(lagrangian, options, capacity, lagrangian.descriptor().dimension());
    }

    /** With the dimension given (a null Lagrangian: the spline's arithmetic only, {@link #subPointWeights}). */
    private LaneAction(LagrangianKernels lagrangian, PathSolver.Options options, int capacity, int dimension) {
        this.lagrangian = lagrangian;
        this.domain = lagrangian == null ? Domain.NONE : lagrangian.descriptor().domain();
        this.t = options.samples();
        this.e = t - 1;
        this.d = dimension;
        this.m = options.subdivisions();
        this.offset = options.offset();
        this.capacity = capacity;
        this.inv = new double[e];
        double c = 0;
        for (int k = 1; k < e; k++) {
            inv[k] = 1 / (4 - c);
            c = inv[k];
        }
        this.hermite = new double[4 * Math.max(0, m - 1)];
        for (int j = 1; j < m; j++) {
            double u = (double) j / m;
            double u2 = u * u;
            double u3 = u2 * u;
            hermite[4 * (j - 1)] = 2 * u3 - 3 * u2 + 1;
            hermite[4 * (j - 1) + 1] = u3 - 2 * u2 + u;
            hermite[4 * (j - 1) + 2] = -2 * u3 + 3 * u2;
            hermite[4 * (j - 1) + 3] = u3 - u2;
        }
        this.x = new double[capacity][];
        this.y = new double[capacity][];
        this.p = rows(t * d, capacity);
        this.pBar = rows(t * d, capacity);
        this.slope = rows(t * d, capacity);
        this.slopeBar = rows(t * d, capacity);
        this.sub = rows(e * Math.max(0, m - 1) * d, capacity);
        this.subBar = rows(e * Math.max(0, m - 1) * d, capacity);
        this.theta = new double[lagrangian == null ? 0 : lagrangian.descriptor().parameterCount()];
        this.point = new double[d];
        this.velocity = new double[d];
        this.zero = new double[d];
        this.gx = new double[d];
        this.gv = new double[d];
        this.gTheta = new double[theta.length];
        this.pts = new double[t * d];
        this.ptsBar = new double[t * d];
        this.subs = new double[sub.length];
        this.bounded = !(domain instanceof Domain.None);
    }

    private static double[][] rows(int r, int n) {
        double[][] a = new double[r][];
        for (int i = 0; i < r; i++) {
            a[i] = new double[n];
        }
        return a;
    }

    /** The most lanes of one call. */
    int capacity() {
        return capacity;
    }

    /** The points of the last {@link #evaluate}, ends included: row k·d + i holds x_k[i] of every lane. */
    double[][] points() {
        return p;
    }

    /**
     * The sub-points of the last {@link #evaluate} (m &gt; 1): row (k(m − 1) + j − 1)·d + i holds γ_kj[i],
     * the spline at (k + j/m)/E, of every lane.
     */
    double[][] subPoints() {
        return sub;
    }

    /** The Lagrangian's parameters θ of the evaluations (the caller must not modify them). */
    double[] theta() {
        return theta;
    }

    /** The options' T, m and δ, as given. */
    int samples() {
        return t;
    }

    int subdivisions() {
        return m;
    }

    int dimension() {
        return d;
    }

    /**
     * The spline's weights of the sub-points over the T points, the same for every coordinate:
     * γ_kj = Σ_l W[k(m − 1) + j − 1][l] x_l (the slopes are linear in the points). Computed by the
     * lanes' own arithmetic on the unit vectors (one lane, one coordinate each).
     */
    static double[][] subPointWeights(int samples, int subdivisions) {
        PathSolver.Options o = new PathSolver.Options(samples, 0, PathSolver.Options.DEFAULTS.lbfgs(), 1, subdivisions);
        int rows = (samples - 1) * Math.max(0, subdivisions - 1);
        double[][] w = new double[rows][samples];
        if (rows == 0) {
            return w;
        }
        LaneAction unit = new LaneAction(null, o, 1, 1);
        for (int l = 0; l < samples; l++) {
            for (int r = 0; r < samples; r++) {
                unit.p[r][0] = r == l ? 1 : 0;
            }
            unit.slopes(1, unit.slope);
            unit.subPoints(1);
            for (int r = 0; r < rows; r++) {
                w[r][l] = unit.sub[r][0];
            }
        }
        return w;
    }

    /** θ of the following evaluations (copied). */
    void setTheta(double[] parameters) {
        System.arraycopy(parameters, 0, theta, 0, theta.length);
    }

    /** The ends of lane b (kept by reference until the next call for that lane). */
    void setEnds(int b, double[] start, double[] end) {
        x[b] = start;
        y[b] = end;
    }

    /**
     * S_m and ∂S/∂q of lanes b &lt; n at their interior points q[b] ({@code [k·d + i]}, as
     * {@code DiscreteAction}); the actions into {@code s[b]}, the gradients into {@code gq[b]} (skipped
     * when {@code gq} is null).
     */
    void evaluate(int n, double[][] q, double[] s, double[][] gq) {
        if (n > capacity) {
            throw new IllegalArgumentException(n + " lanes, capacity " + capacity);
        }
        load(n, q);
        if (m > 1) {
            slopes(n, slope);
            subPoints(n);
        }
        for (int b = 0; b < n; b++) {
            s[b] = lane(b);
        }
        if (gq == null) {
            return;
        }
        if (m > 1) {
            subPointsAdjoint(n);
            slopesAdjoint(n);
        }
        for (int b = 0; b < n; b++) {
            double[] g = gq[b];
            if (!Double.isFinite(s[b])) {
                Arrays.fill(g, Double.NaN);
                continue;
            }
            for (int r = 0; r < (t - 2) * d; r++) {
                g[r] = pBar[d + r][b];
            }
        }
    }

    private void load(int n, double[][] q) {
        for (int i = 0; i < d; i++) {
            double[] first = p[i];
            double[] last = p[e * d + i];
            for (int b = 0; b < n; b++) {
                first[b] = x[b][i];
                last[b] = y[b][i];
            }
        }
        for (int r = 0; r < (t - 2) * d; r++) {
            double[] row = p[d + r];
            for (int b = 0; b < n; b++) {
                row[b] = q[b][r];
            }
        }
    }

    /** The slopes D of the spline through p (Thomas algorithm over the lanes). */
    private void slopes(int n, double[][] dd) {
        for (int i = 0; i < d; i++) {
            double[] d0 = dd[i];
            double[] de = dd[e * d + i];
            double[] p0 = p[i];
            double[] p1 = p[d + i];
            double[] pe = p[e * d + i];
            double[] pe1 = p[(e - 1) * d + i];
            for (int b = 0; b < n; b++) {
                d0[b] = p1[b] - p0[b];
                de[b] = pe[b] - pe1[b];
            }
            // Forward elimination: the right-hand sides 3(x_{k+1} − x_{k−1}) minus the known end slopes.
            for (int k = 1; k < e; k++) {
                double[] r = dd[k * d + i];
                double[] next = p[(k + 1) * d + i];
                double[] prev = p[(k - 1) * d + i];
                double[] before = dd[(k - 1) * d + i];
                double w = inv[k];
                boolean firstRow = k == 1;
                boolean lastRow = k == e - 1;
                for (int b = 0; b < n; b++) {
                    double v = 3 * (next[b] - prev[b]);
                    if (firstRow) {
                        v -= d0[b];
                    } else {
                        v -= before[b];
                    }
                    if (lastRow) {
                        v -= de[b];
                    }
                    r[b] = v * w;
                }
            }
            backSubstitute(n, dd, i);
        }
    }

    /** D_k −= c_k D_{k+1}, k = E − 2 … 1 (c_k = inv[k], the upper diagonal being 1). */
    private void backSubstitute(int n, double[][] dd, int i) {
        for (int k = e - 2; k >= 1; k--) {
            double[] r = dd[k * d + i];
            double[] after = dd[(k + 1) * d + i];
            double c = inv[k];
            for (int b = 0; b < n; b++) {
                r[b] -= c * after[b];
            }
        }
    }

    private void subPoints(int n) {
        for (int k = 0; k < e; k++) {
            for (int j = 1; j < m; j++) {
                int h = 4 * (j - 1);
                double h00 = hermite[h];
                double h10 = hermite[h + 1];
                double h01 = hermite[h + 2];
                double h11 = hermite[h + 3];
                for (int i = 0; i < d; i++) {
                    double[] out = sub[(k * (m - 1) + j - 1) * d + i];
                    double[] a = p[k * d + i];
                    double[] da = slope[k * d + i];
                    double[] c = p[(k + 1) * d + i];
                    double[] dc = slope[(k + 1) * d + i];
                    for (int b = 0; b < n; b++) {
                        out[b] = h00 * a[b] + h10 * da[b] + h01 * c[b] + h11 * dc[b];
                    }
                }
            }
        }
    }

    /**
     * Lane b's S_m = Σ_k [L(t_k, x_k, Δ_k) − ((m − 1)/m) L(t_k, x_k, 0) + (1/m) Σ_j L(s_kj, γ_kj, 0)], with
     * ∂S/∂x_k into pBar and ∂S/∂γ_kj into subBar (the lane's values gathered into flat arrays first:
     * the Lagrangian's calls dominate here, not the loops over lanes).
     */
    private double lane(int b) {
        int rows = t * d;
        int subRows = sub.length;
        for (int r = 0; r < rows; r++) {
            pts[r] = p[r][b];
        }
        for (int r = 0; r < subRows; r++) {
            subs[r] = sub[r][b];
        }
        Arrays.fill(ptsBar, 0);
        double c = (double) (m - 1) / m;
        double sum = 0;
        for (int k = 0; k < e; k++) {
            double tk = (double) k / e;
            int at = k * d;
            for (int i = 0; i < d; i++) {
                point[i] = pts[at + i];
                velocity[i] = pts[at + d + i] - point[i] + offset;
            }
            if (bounded && !domain.contains(point)) {
                return Double.POSITIVE_INFINITY;
            }
            sum += lagrangian.lagrangianGradient(tk, point, velocity, theta, gx, gv, gTheta);
            for (int i = 0; i < d; i++) {
                ptsBar[at + i] += gx[i] - gv[i];
                ptsBar[at + d + i] += gv[i];
            }
            if (m > 1) {
                double potential = -c * lagrangian.lagrangianGradient(tk, point, zero, theta, gx, gv, gTheta);
                for (int i = 0; i < d; i++) {
                    ptsBar[at + i] -= c * gx[i];
                }
                for (int j = 1; j < m; j++) {
                    int row = (k * (m - 1) + j - 1) * d;
                    for (int i = 0; i < d; i++) {
                        point[i] = subs[row + i];
                    }
                    if (bounded && !domain.contains(point)) {
                        return Double.POSITIVE_INFINITY;
                    }
                    potential += lagrangian.lagrangianGradient((k + (double) j / m) / e, point, zero, theta, gx, gv,
                            gTheta) / m;
                    for (int i = 0; i < d; i++) {
                        subs[row + i] = gx[i] / m;
                    }
                }
                sum += potential;
            }
        }
        if (!Double.isFinite(sum)) {
            return Double.POSITIVE_INFINITY;
        }
        for (int r = 0; r < rows; r++) {
            pBar[r][b] = ptsBar[r];
        }
        for (int r = 0; r < subRows; r++) {
            subBar[r][b] = subs[r];
        }
        return sum;
    }

    /** The sub-points' adjoints spread to pBar and slopeBar (the transposed Hermite form). */
    private void subPointsAdjoint(int n) {
        for (double[] r : slopeBar) {
            Arrays.fill(r, 0, n, 0);
        }
        for (int k = 0; k < e; k++) {
            for (int j = 1; j < m; j++) {
                int h = 4 * (j - 1);
                double h00 = hermite[h];
                double h10 = hermite[h + 1];
                double h01 = hermite[h + 2];
                double h11 = hermite[h + 3];
                for (int i = 0; i < d; i++) {
                    double[] g = subBar[(k * (m - 1) + j - 1) * d + i];
                    double[] a = pBar[k * d + i];
                    double[] da = slopeBar[k * d + i];
                    double[] c = pBar[(k + 1) * d + i];
                    double[] dc = slopeBar[(k + 1) * d + i];
                    for (int b = 0; b < n; b++) {
                        double v = g[b];
                        a[b] += h00 * v;
                        da[b] += h10 * v;
                        c[b] += h01 * v;
                        dc[b] += h11 * v;
                    }
                }
            }
        }
    }

    /**
     * The slopes' adjoints spread to pBar: r̄ = A⁻¹ D̄ for the interior slopes (A symmetric: the same
     * Thomas solve), then the transposed right-hand side 3(x_{k+1} − x_{k−1}) − [k = 1] D_0 − [k = E−1] D_E
     * and D_0 = x_1 − x_0, D_E = x_E − x_{E−1}.
     */
    private void slopesAdjoint(int n) {
        for (int i = 0; i < d; i++) {
            double[] d0 = slopeBar[i];
            double[] de = slopeBar[e * d + i];
            for (int k = 1; k < e; k++) {
                double[] r = slopeBar[k * d + i];
                double[] before = slopeBar[(k - 1) * d + i];
                double w = inv[k];
                boolean firstRow = k == 1;
                for (int b = 0; b < n; b++) {
                    r[b] = (firstRow ? r[b] : r[b] - before[b]) * w;
                }
            }
            backSubstitute(n, slopeBar, i);
            for (int k = 1; k < e; k++) {
                double[] r = slopeBar[k * d + i];
                double[] next = pBar[(k + 1) * d + i];
                double[] prev = pBar[(k - 1) * d + i];
                for (int b = 0; b < n; b++) {
                    next[b] += 3 * r[b];
                    prev[b] -= 3 * r[b];
                }
            }
            double[] r1 = slopeBar[d + i];
            double[] rl = slopeBar[(e - 1) * d + i];
            double[] p0 = pBar[i];
            double[] p1 = pBar[d + i];
            double[] pe = pBar[e * d + i];
            double[] pe1 = pBar[(e - 1) * d + i];
            for (int b = 0; b < n; b++) {
                double g0 = d0[b] - r1[b];
                double ge = de[b] - rl[b];
                p1[b] += g0;
                p0[b] -= g0;
                pe[b] += ge;
                pe1[b] -= ge;
            }
        }
    }
}
