package geo.runtime.spline;

import java.util.Arrays;

/**
 * A cubic spline path γ: [0, 1] → Rᵈ with E equal segments, C² at the interior knots, given by
 * its ends x = γ(0), y = γ(1) and free parameters z (interior knot values, then the start and
 * end velocities; see {@link SplineBasis}). Immutable: evaluation writes only into the caller's
 * output arrays and allocates nothing.
 */
public final class SplinePath {

    private final SplineBasis basis;
    private final int segments;
    private final int d;
    private final double[] x;
    private final double[] y;
    private final double[] z;
    /** Power-form coefficients, {@code coef[(4e + k)*d + i]}. */
    private final double[] coef;

    /**
     * The path with the given ends and free parameters (all copied).
     *
     * @param z length (E+1)·d, layout {@code z[j*d + i]}
     */
    public SplinePath(SplineBasis basis, double[] z, double[] x, double[] y) {
        if (x.length != y.length || z.length != basis.freeCount() * x.length) {
            throw new IllegalArgumentException("expected ends of equal length d and (E+1)·d = "
                    + basis.freeCount() * x.length + " free parameters, got d = " + x.length + ", " + y.length
                    + " and " + z.length);
        }
        this.basis = basis;
        this.segments = basis.segments();
        this.d = x.length;
        this.x = x.clone();
        this.y = y.clone();
        this.z = z.clone();
        this.coef = new double[basis.rows() * d];
        basis.coefficients(this.z, this.x, this.y, coef);
    }

    /** The straight line γ(t) = x + t (y − x), as a spline with E segments. */
    public static SplinePath straight(double[] x, double[] y, int segments) {
        int d = x.length;
        double[] z = new double[(segments + 1) * d];
        for (int i = 0; i < d; i++) {
            for (int k = 1; k < segments; k++) {
                z[(k - 1) * d + i] = x[i] + (double) k / segments * (y[i] - x[i]);
            }
            z[(segments - 1) * d + i] = y[i] - x[i];
            z[segments * d + i] = y[i] - x[i];
        }
        return new SplinePath(new SplineBasis(segments), z, x, y);
    }

    /** The basis this path is expressed in. */
    public SplineBasis basis() {
        return basis;
    }

    /** The number of segments E. */
    public int segments() {
        return segments;
    }

    /** The dimension d. */
    public int dimension() {
        return d;
    }

    /** A copy of γ(0). */
    public double[] start() {
        return x.clone();
    }

    /** A copy of γ(1). */
    public double[] end() {
        return y.clone();
    }

    /** A copy of the free parameters z, length (E+1)·d. */
    public double[] freeParameters() {
        return z.clone();
    }

    /** A copy of the power-form coefficients, {@code [(4e + k)*d + i]} = coefficient of uᵏ on segment e. */
    public double[] coefficients() {
        return coef.clone();
    }

    /** γ(t) into {@code out} (length d, overwritten); t ∈ [0, 1]. */
    public void position(double t, double[] out) {
        int e = segment(t);
        double u = t * segments - e;
        for (int i = 0; i < d; i++) {
            int r = 4 * e * d + i;
            out[i] = coef[r] + u * (coef[r + d] + u * (coef[r + 2 * d] + u * coef[r + 3 * d]));
        }
    }

    /** γ'(t) = (1/h) dγ/du into {@code out} (length d, overwritten). At a knot both sides agree (C¹). */
    public void velocity(double t, double[] out) {
        int e = segment(t);
        double u = t * segments - e;
        for (int i = 0; i < d; i++) {
            int r = 4 * e * d + i;
            out[i] = segments * (coef[r + d] + u * (2 * coef[r + 2 * d] + u * 3 * coef[r + 3 * d]));
        }
    }

    /** γ''(t) = (1/h²) d²γ/du² into {@code out} (length d, overwritten). At a knot both sides agree (C²). */
    public void acceleration(double t, double[] out) {
        int e = segment(t);
        double u = t * segments - e;
        for (int i = 0; i < d; i++) {
            int r = 4 * e * d + i;
            out[i] = (double) segments * segments * (2 * coef[r + 2 * d] + 6 * u * coef[r + 3 * d]);
        }
    }

    /** n ≥ 2 points γ(i/(n−1)), i = 0 … n−1, as {@code [i][coordinate]}. */
    public double[][] sample(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("sample at least 2 points, not " + n);
        }
        double[][] out = new double[n][d];
        for (int k = 0; k < n; k++) {
            position(k == n - 1 ? 1.0 : (double) k / (n - 1), out[k]);
        }
        return out;
    }

    /**
     * This path with new ends, by adding the straight line (1 − t)(x' − x) + t(y' − y): the shape
     * is kept, which makes a good warm start when the ends move a little. Lines are splines, so
     * this is exact: knot values shift by (1 − tₖ)Δx + tₖΔy and both end velocities by Δy − Δx.
     */
    public SplinePath withEnds(double[] newStart, double[] newEnd) {
        double[] shifted = z.clone();
        for (int i = 0; i < d; i++) {
            double dx = newStart[i] - x[i];
            double dy = newEnd[i] - y[i];
            for (int k = 1; k < segments; k++) {
                double t = (double) k / segments;
                shifted[(k - 1) * d + i] += (1 - t) * dx + t * dy;
            }
            shifted[(segments - 1) * d + i] += dy - dx;
            shifted[segments * d + i] += dy - dx;
        }
        return new SplinePath(basis, shifted, newStart, newEnd);
    }

    /**
     * The spline with {@code newSegments} segments that interpolates this path at the new knots and
     * has its end velocities: the same path when {@code newSegments} is a multiple of E (this path is
     * then a C² spline on the finer knots, and the clamped interpolant is unique), otherwise an
     * O(h⁴) approximation. For warm starts across resolutions.
     */
    public SplinePath resampled(int newSegments) {
        if (newSegments == segments) {
            return this;
        }
        double[] zNew = new double[(newSegments + 1) * d];
        double[] point = new double[d];
        for (int k = 1; k < newSegments; k++) {
            position((double) k / newSegments, point);
            System.arraycopy(point, 0, zNew, (k - 1) * d, d);
        }
        velocity(0, point);
        System.arraycopy(point, 0, zNew, (newSegments - 1) * d, d);
        velocity(1, point);
        System.arraycopy(point, 0, zNew, newSegments * d, d);
        return new SplinePath(new SplineBasis(newSegments), zNew, x, y);
    }

    private int segment(double t) {
        if (!(t >= 0 && t <= 1)) {
            throw new IllegalArgumentException("a spline path is defined on [0, 1], not at t = " + t);
        }
        return Math.min((int) (t * segments), segments - 1);
    }

    @Override
    public String toString() {
        return "SplinePath(E = " + segments + ", d = " + d + ", from " + Arrays.toString(x) + " to "
                + Arrays.toString(y) + ")";
    }
}
