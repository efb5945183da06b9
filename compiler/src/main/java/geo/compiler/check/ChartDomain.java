package geo.compiler.check;

import java.util.random.RandomGenerator;

/**
 * Where a chart is valid, from a {@code coords ... in ball(r)} or {@code in box(lo, hi)} clause,
 * with its constants evaluated. Later stages draw sample points from it (sanity checks) and the
 * solvers keep paths inside it.
 */
public sealed interface ChartDomain {

    /** True when x lies in the domain. */
    boolean contains(double[] x);

    /**
     * A point drawn uniformly from the domain shrunk by {@code margin} (0 ≤ margin < 1) towards
     * its centre, so samples stay clear of the boundary where metrics often blow up.
     */
    double[] sample(int d, double margin, RandomGenerator random);

    /** The open ball of radius r around the origin. */
    record Ball(double radius) implements ChartDomain {
        @Override
        public boolean contains(double[] x) {
            double s = 0;
            for (double xi : x) {
                s += xi * xi;
            }
            return s < radius * radius;
        }

        @Override
        public double[] sample(int d, double margin, RandomGenerator random) {
            double[] x = new double[d];
            double norm = 0;
            for (int i = 0; i < d; i++) {
                x[i] = random.nextGaussian();
                norm += x[i] * x[i];
            }
            double r = radius * (1 - margin) * Math.pow(random.nextDouble(), 1.0 / d) / Math.sqrt(norm);
            for (int i = 0; i < d; i++) {
                x[i] *= r;
            }
            return x;
        }
    }

    /** The open box lo &lt; x &lt; hi (per coordinate). */
    record Box(double[] lo, double[] hi) implements ChartDomain {
        @Override
        public boolean contains(double[] x) {
            for (int i = 0; i < x.length; i++) {
                if (!(x[i] > lo[i] && x[i] < hi[i])) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public double[] sample(int d, double margin, RandomGenerator random) {
            double[] x = new double[d];
            for (int i = 0; i < d; i++) {
                double half = (hi[i] - lo[i]) / 2 * (1 - margin);
                double mid = (hi[i] + lo[i]) / 2;
                x[i] = mid + half * (2 * random.nextDouble() - 1);
            }
            return x;
        }
    }
}
