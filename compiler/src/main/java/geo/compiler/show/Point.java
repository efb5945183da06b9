package geo.compiler.show;

import java.util.List;

import java.util.Arrays;

/**
 * Where the equations of one manifold were evaluated.
 *
 * @param x               the coordinates
 * @param v               the velocity
 * @param defaultVelocity true when v is the default (all ones) rather than given
 * @param time            the time, for Lagrangians that depend on it
 * @param theta           the parameter vector θ: the model's defaults, with the requested values
 * @param givenParameters the names of the parameters whose values the request gave
 */
public record Point(double[] x, double[] v, boolean defaultVelocity, double time, double[] theta,
                    List<String> givenParameters) {

    public Point {
        x = x.clone();
        v = v.clone();
        theta = theta.clone();
        givenParameters = List.copyOf(givenParameters);
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] v() {
        return v.clone();
    }

    @Override
    public double[] theta() {
        return theta.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Point p && Arrays.equals(p.x, x) && Arrays.equals(p.v, v)
                && p.defaultVelocity == defaultVelocity && Double.compare(p.time, time) == 0
                && Arrays.equals(p.theta, theta);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(x) * 31 + Arrays.hashCode(v);
    }

    @Override
    public String toString() {
        return "Point[x=" + Arrays.toString(x) + ", v=" + Arrays.toString(v) + ", t=" + time + "]";
    }
}
