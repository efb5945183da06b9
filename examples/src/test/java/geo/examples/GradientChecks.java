package geo.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

/**
 * Central-difference checks of the gradients of a pair cost c(x, y; θ), shared by the transport
 * cost and spline tests: every component of ∂c/∂x and ∂c/∂y, and ∂c/∂θ along a few directions u.
 * The difference quotient (c(p + hu) − c(p − hu)) / 2h with h = {@value #STEP} has truncation error
 * O(h²) ≈ 1e-10 and rounding error ≈ ε|c|/h ≈ 1e-11 for |c| of order 1, so a relative error below
 * {@value #TOLERANCE} leaves a margin for the solvers' own tolerances.
 */
final class GradientChecks {

    /** The difference step. */
    static final double STEP = 1e-5;
    /** The largest relative error allowed (see {@link #compare}). */
    static final double TOLERANCE = 1e-6;

    private GradientChecks() {
    }

    /** The cost as a function of the two ends and θ; it must not modify its arguments. */
    @FunctionalInterface
    interface PairFunction {
        double at(double[] x, double[] y, double[] theta);
    }

    /**
     * Checks ∂c/∂x, ∂c/∂y (every component) and ∂c/∂θ·u for each direction against central
     * differences of {@code c}; {@code x} and {@code y} are perturbed in place and restored.
     *
     * @return the worst relative error (each one is also asserted below {@link #TOLERANCE})
     */
    static double pairCost(PairFunction c, double[] x, double[] y, double[] theta, double[] gx, double[] gy,
            double[] gTheta, double[][] thetaDirections) {
        double worst = 0;
        for (int end = 0; end < 2; end++) {
            double[] point = end == 0 ? x : y;
            double[] analytic = end == 0 ? gx : gy;
            for (int i = 0; i < point.length; i++) {
                double saved = point[i];
                point[i] = saved + STEP;
                double plus = c.at(x, y, theta);
                point[i] = saved - STEP;
                double minus = c.at(x, y, theta);
                point[i] = saved;
                worst = Math.max(worst, compare((plus - minus) / (2 * STEP), analytic[i], analytic,
                        (end == 0 ? "∂c/∂x" : "∂c/∂y") + i));
            }
        }
        for (double[] u : thetaDirections) {
            worst = Math.max(worst, directional(t -> c.at(x, y, t), theta, gTheta, u, "∂c/∂θ·u"));
        }
        return worst;
    }

    /** A scalar function of θ alone. */
    @FunctionalInterface
    interface ThetaFunction {
        double at(double[] theta);
    }

    /** Checks g·u against the central difference of f along u; returns the relative error. */
    static double directional(ThetaFunction f, double[] theta, double[] g, double[] u, String what) {
        double[] plus = theta.clone();
        double[] minus = theta.clone();
        double analytic = 0;
        for (int j = 0; j < theta.length; j++) {
            plus[j] += STEP * u[j];
            minus[j] -= STEP * u[j];
            analytic += g[j] * u[j];
        }
        return compare((f.at(plus) - f.at(minus)) / (2 * STEP), analytic, g, what);
    }

    /**
     * Test directions in θ-space: three Gaussian directions of unit expected length, then
     * coordinate directions at random indices, {@code count} in all.
     */
    static double[][] directions(int p, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] u = new double[count][p];
        for (int k = 0; k < count; k++) {
            if (k < 3) {
                for (int j = 0; j < p; j++) {
                    u[k][j] = random.nextGaussian() / Math.sqrt(p);
                }
            } else {
                u[k][random.nextInt(p)] = 1;
            }
        }
        return u;
    }

    /**
     * |fd − analytic| relative to |analytic|, floored at 1e-3 of the block's largest entry (so a
     * component that is zero up to rounding is not compared relative to itself); asserted below
     * {@link #TOLERANCE}.
     */
    static double compare(double fd, double analytic, double[] block, String what) {
        double scale = 0;
        for (double b : block) {
            scale = Math.max(scale, Math.abs(b));
        }
        double error = Math.abs(fd - analytic) / Math.max(Math.abs(analytic), 1e-3 * scale);
        assertTrue(error < TOLERANCE, what + ": finite difference " + fd + " vs " + analytic
                + " (relative error " + error + ")");
        return error;
    }
}
