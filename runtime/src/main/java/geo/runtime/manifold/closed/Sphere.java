package geo.runtime.manifold.closed;

import geo.runtime.manifold.PairDistance;
/**
 * The d-sphere of radius r: points are stored as vectors of R^(d+1) ({@link #dimension()} = d + 1),
 * the point is the direction x/‖x‖, and {@link #project} normalises to ‖x‖ = 1. The radius is
 * the one learnable parameter, θ = (log r), so it stays positive under unconstrained steps and
 * graph distances larger than π can be matched. With x̂ = x/‖x‖, ŷ = y/‖y‖ and the angle
 * φ = 2·atan2(‖x̂ − ŷ‖, ‖x̂ + ŷ‖) (accurate at every angle, unlike arccos(x̂·ŷ)):
 * <pre>
 *   d(x, y) = r φ,     ∂d/∂log r = r φ,     ∂d/∂x = −r (ŷ − (x̂·ŷ) x̂) / (‖x‖ sin φ)
 * </pre>
 * where ŷ − (x̂·ŷ)x̂ is formed as (ŷ − x̂) + ½‖x̂ − ŷ‖² x̂ for x̂·ŷ ≥ 0 and (ŷ + x̂) − ½‖x̂ + ŷ‖² x̂
 * otherwise, without cancellation. Antipodal points (sin φ = 0 with φ = π) have no unique
 * geodesic and no gradient: the distance is {@link PairDistance.Status#UNDEFINED} there.
 */
public final class Sphere extends ClosedFormSpace {

    private final double initialRadius;

    /** The unit d-sphere to start with, d ≥ 1. */
    public Sphere(int d) {
        this(d, 1);
    }

    /** The d-sphere with the given initial radius r &gt; 0, d ≥ 1. */
    public Sphere(int d, double initialRadius) {
        super("sphere", d + 1);
        if (!(initialRadius > 0 && Double.isFinite(initialRadius))) {
            throw new IllegalArgumentException("sphere: radius must be positive and finite, got " + initialRadius);
        }
        this.initialRadius = initialRadius;
    }

    /** One: θ = (log r). */
    @Override
    public int parameterCount() {
        return 1;
    }

    @Override
    public double[] initialParameters() {
        return new double[] {Math.log(initialRadius)};
    }

    /**
     * r φ as above; writes gx, gy and gTheta[0]. {@link PairDistance.Status#UNDEFINED} for x = 0,
     * y = 0 or antipodal directions (the gradients may then be partly written).
     */
    @Override
    public PairDistance distance(int pair, double[] x, double[] y, double[] theta, double[] gx, double[] gy,
                           double[] gTheta) {
        double nx = norm(x);
        double ny = norm(y);
        if (!(nx > 0 && ny > 0)) {
            return undefined("x or y is the origin, which has no direction");
        }
        double diff = 0;
        double sum = 0;
        for (int a = 0; a < x.length; a++) {
            double p = x[a] / nx;
            double q = y[a] / ny;
            diff += (p - q) * (p - q);
            sum += (p + q) * (p + q);
        }
        double r = Math.exp(theta[0]);
        double angle = 2 * Math.atan2(Math.sqrt(diff), Math.sqrt(sum));
        if (diff == 0) {
            return coincident(gx, gy, gTheta);
        }
        boolean acute = diff <= sum;
        double sx = 0;
        double sy = 0;
        for (int a = 0; a < x.length; a++) {
            double p = x[a] / nx;
            double q = y[a] / ny;
            // the components of ŷ orthogonal to x̂ (into gx) and of x̂ orthogonal to ŷ (into gy)
            gx[a] = acute ? (q - p) + 0.5 * diff * p : (q + p) - 0.5 * sum * p;
            gy[a] = acute ? (p - q) + 0.5 * diff * q : (p + q) - 0.5 * sum * q;
            sx += gx[a] * gx[a];
            sy += gy[a] * gy[a];
        }
        if (!(sx > 0 && sy > 0)) {
            return undefined("antipodal points have no unique geodesic and no gradient");
        }
        double cx = -r / (nx * Math.sqrt(sx));
        double cy = -r / (ny * Math.sqrt(sy));
        for (int a = 0; a < x.length; a++) {
            gx[a] *= cx;
            gy[a] *= cy;
        }
        gTheta[0] = r * angle;
        return checked(r * angle, gx, gy, gTheta);
    }

    /** Normalises x (in place) to unit length; leaves x = 0 alone (its distances are UNDEFINED). */
    @Override
    public void project(double[] x) {
        double n = norm(x);
        if (n > 0) {
            for (int a = 0; a < x.length; a++) {
                x[a] /= n;
            }
        }
    }

    private static double norm(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return Math.sqrt(s);
    }
}
