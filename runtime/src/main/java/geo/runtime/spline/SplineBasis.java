package geo.runtime.spline;

import java.util.Arrays;

/**
 * An explicit basis of the cubic splines on [0, 1] with E equal segments that are C² at the
 * interior knots, with the ends split off: every such spline is
 * <pre>
 *   c = N z + s x + e y        (one copy per coordinate)
 * </pre>
 * where c holds the power-form coefficients, z the E + 1 free parameters, x = γ(0), y = γ(1).
 *
 * <p><b>Coefficients.</b> Segment e (0 ≤ e &lt; E) covers [eh, (e+1)h], h = 1/E, and in its local
 * variable u = t/h − e ∈ [0, 1] is γₑ(u) = aₑ + bₑu + cₑu² + dₑu³; row 4e + k of c holds the
 * coefficient of uᵏ. Since d/dt = (1/h) d/du and all segments have the same h, the constraints are
 * <pre>
 *   start   a₀ = x                       end   a + b + c + d (of segment E−1) = y
 *   C⁰      aₑ + bₑ + cₑ + dₑ − aₑ₊₁ = 0
 *   C¹      bₑ + 2cₑ + 3dₑ − bₑ₊₁ = 0
 *   C²      2cₑ + 6dₑ − 2cₑ₊₁ = 0        (γ'' = (2c + 6du)/h², taken at u = 1 and u = 0)
 * </pre>
 * for e = 0 … E−2: 3(E − 1) + 2 = 3E − 1 independent rows on 4E coefficients, so the null space
 * (the free part) has dimension E + 1.
 *
 * <p><b>Basis.</b> Write the spline in Hermite form by its knot values pₖ = γ(kh) and knot
 * velocities mₖ = γ'(kh). On segment e, with the Hermite cubics,
 * <pre>
 *   a = pₑ,  b = h mₑ,  c = −3pₑ − 2h mₑ + 3pₑ₊₁ − h mₑ₊₁,  d = 2pₑ + h mₑ − 2pₑ₊₁ + h mₑ₊₁,
 * </pre>
 * which makes C⁰ and C¹ hold for any p, m. C² at knot k equates
 * γ''(kh⁻) = (6pₖ₋₁ + 2h mₖ₋₁ − 6pₖ + 4h mₖ)/h² and γ''(kh⁺) = (−6pₖ − 4h mₖ + 6pₖ₊₁ − 2h mₖ₊₁)/h²:
 * <pre>
 *   mₖ₋₁ + 4mₖ + mₖ₊₁ = 3 (pₖ₊₁ − pₖ₋₁) / h,     k = 1 … E−1,
 * </pre>
 * a strictly diagonally dominant tridiagonal system for the interior velocities given p₀ … p_E,
 * m₀ and m_E. So the free parameters are z = (p₁, …, p_{E−1}, m₀, m_E) — interior knot values
 * in columns 0 … E−2, then the start and end velocities — and column j of N is the spline with
 * zⱼ = 1, every other free parameter 0 and x = y = 0; s and e are the splines with x = 1 (resp.
 * y = 1) and z = 0. Knot values as parameters keep the optimisation well scaled (they are points
 * on the path).
 *
 * <p>Immutable and thread-safe once built; {@link #coefficients} and {@link #adjoint} allocate nothing.
 */
public final class SplineBasis {

    private final int segments;
    private final int rows;
    private final int free;
    /** N, row-major: rows × free. */
    private final double[] nullSpace;
    private final double[] start;
    private final double[] end;

    /** The basis for E ≥ 1 segments. */
    public SplineBasis(int segments) {
        if (segments < 1) {
            throw new IllegalArgumentException("a spline needs at least one segment, not " + segments);
        }
        this.segments = segments;
        this.rows = 4 * segments;
        this.free = segments + 1;
        this.nullSpace = new double[rows * free];
        this.start = new double[rows];
        this.end = new double[rows];
        double[] p = new double[segments + 1];
        double[] m = new double[segments + 1];
        double[] column = new double[rows];
        double[] scratch = new double[segments + 1];
        for (int j = 0; j < free + 2; j++) {
            Arrays.fill(p, 0);
            Arrays.fill(m, 0);
            if (j < segments - 1) {
                p[j + 1] = 1;
            } else if (j == segments - 1) {
                m[0] = 1;
            } else if (j == segments) {
                m[segments] = 1;
            } else if (j == free) {
                p[0] = 1;
            } else {
                p[segments] = 1;
            }
            interiorVelocities(p, m, scratch);
            hermiteToPower(p, m, column);
            for (int r = 0; r < rows; r++) {
                if (j < free) {
                    nullSpace[r * free + j] = column[r];
                } else if (j == free) {
                    start[r] = column[r];
                } else {
                    end[r] = column[r];
                }
            }
        }
    }

    /**
     * Solves mₖ₋₁ + 4mₖ + mₖ₊₁ = 3(pₖ₊₁ − pₖ₋₁)/h for m₁ … m_{E−1} (Thomas algorithm, no pivoting
     * needed: the matrix is strictly diagonally dominant). Reads p, m₀, m_E; writes m₁ … m_{E−1}.
     */
    private void interiorVelocities(double[] p, double[] m, double[] scratch) {
        int n = segments - 1;
        if (n == 0) {
            return;
        }
        double invH = segments;
        // Forward sweep: scratch holds the modified super-diagonal, m the modified right-hand side.
        for (int k = 1; k <= n; k++) {
            double rhs = 3 * (p[k + 1] - p[k - 1]) * invH;
            if (k == 1) {
                rhs -= m[0];
            }
            if (k == n) {
                rhs -= m[segments];
            }
            double diagonal = 4 - (k == 1 ? 0 : scratch[k - 1]);
            scratch[k] = 1 / diagonal;
            m[k] = (rhs - (k == 1 ? 0 : m[k - 1])) / diagonal;
        }
        for (int k = n - 1; k >= 1; k--) {
            m[k] -= scratch[k] * m[k + 1];
        }
    }

    private void hermiteToPower(double[] p, double[] m, double[] column) {
        double h = 1.0 / segments;
        for (int e = 0; e < segments; e++) {
            double p0 = p[e];
            double p1 = p[e + 1];
            double m0 = h * m[e];
            double m1 = h * m[e + 1];
            column[4 * e] = p0;
            column[4 * e + 1] = m0;
            column[4 * e + 2] = -3 * p0 - 2 * m0 + 3 * p1 - m1;
            column[4 * e + 3] = 2 * p0 + m0 - 2 * p1 + m1;
        }
    }

    /** The number of segments E. */
    public int segments() {
        return segments;
    }

    /** The number of coefficient rows, 4E. */
    public int rows() {
        return rows;
    }

    /** The number of free parameters per coordinate, E + 1. */
    public int freeCount() {
        return free;
    }

    /** N[row][col]: the coefficient of row {@code row} in the basis spline of free parameter {@code col}. */
    public double nullSpace(int row, int col) {
        return nullSpace[row * free + col];
    }

    /** s[row]: the coefficients of the spline with γ(0) = 1 and every other parameter 0. */
    public double startPart(int row) {
        return start[row];
    }

    /** e[row]: the coefficients of the spline with γ(1) = 1 and every other parameter 0. */
    public double endPart(int row) {
        return end[row];
    }

    /**
     * c = N z + s x + e y for d coordinates at once, with interleaved layouts
     * {@code z[j*d + i]} and {@code coef[row*d + i]}.
     *
     * @param z    the free parameters, length (E+1)·d (read)
     * @param x    γ(0), length d (read)
     * @param y    γ(1), length d (read)
     * @param coef the coefficients, length 4E·d (overwritten)
     */
    public void coefficients(double[] z, double[] x, double[] y, double[] coef) {
        int d = x.length;
        for (int r = 0; r < rows; r++) {
            int base = r * free;
            for (int i = 0; i < d; i++) {
                double s = start[r] * x[i] + end[r] * y[i];
                for (int j = 0; j < free; j++) {
                    s += nullSpace[base + j] * z[j * d + i];
                }
                coef[r * d + i] = s;
            }
        }
    }

    /**
     * The transpose of {@link #coefficients}: given c̄ = ∂F/∂c, the gradients z̄ = Nᵀc̄, x̄ = sᵀc̄,
     * ȳ = eᵀc̄ (per coordinate).
     *
     * @param coefBar c̄, length 4E·d (read)
     * @param zBar    length (E+1)·d (overwritten)
     * @param xBar    length d (overwritten), or null when not wanted
     * @param yBar    length d (overwritten), or null when not wanted
     */
    public void adjoint(double[] coefBar, double[] zBar, double[] xBar, double[] yBar) {
        int d = coefBar.length / rows;
        Arrays.fill(zBar, 0);
        for (int r = 0; r < rows; r++) {
            int base = r * free;
            for (int j = 0; j < free; j++) {
                double n = nullSpace[base + j];
                for (int i = 0; i < d; i++) {
                    zBar[j * d + i] += n * coefBar[r * d + i];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            double sx = 0;
            double sy = 0;
            for (int r = 0; r < rows; r++) {
                sx += start[r] * coefBar[r * d + i];
                sy += end[r] * coefBar[r * d + i];
            }
            if (xBar != null) {
                xBar[i] = sx;
            }
            if (yBar != null) {
                yBar[i] = sy;
            }
        }
    }
}
