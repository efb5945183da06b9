package geo.runtime.manifold.closed;

import geo.runtime.manifold.PairDistance;

/**
 * Test-only space: a circle of circumference c in arc-length coordinates, one coordinate t per
 * point, d(s, t) = min(δ, c − δ) with δ = |s − t| mod c. Integer positions give exact distances.
 */
public final class CircleArc extends ClosedFormSpace {

    private final double circumference;

    public CircleArc(double circumference) {
        super("circle", 1);
        this.circumference = circumference;
    }

    @Override
    public PairDistance distance(int pair, double[] x, double[] y, double[] theta, double[] gx, double[] gy,
                                 double[] gTheta) {
        double delta = Math.abs(x[0] - y[0]) % circumference;
        double sign = Math.signum(x[0] - y[0]);
        boolean shortWay = delta <= circumference - delta;
        gx[0] = shortWay ? sign : -sign;
        gy[0] = -gx[0];
        return checked(shortWay ? delta : circumference - delta, gx, gy, gTheta);
    }
}
