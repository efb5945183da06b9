package geo.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.learn.population.Field;
import geo.runtime.learn.population.VelocityPaths;
import geo.runtime.load.Model;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link VelocityPaths}, the original code's trajectories: the energy is the code's uᵀ(I − vvᵀ)u with
 * X Paths' unnormalised v (closed form), the Adams–Bashforth table is torchdiffeq's, and the
 * gradient of the discrete loss matches central differences.
 */
class VelocityPathsTest {

    private static VelocityPaths paths(Field field) {
        Model truth = SnapshotModels.load(field.label());
        return new VelocityPaths(truth.lagrangian(), truth.defaultParameters(), field.codeFieldScale(),
                VelocityPaths.Options.DEFAULTS);
    }

    /** data_generation.py's XPathsA: v = α(1, 1)/√2 + β(1, −1)/√2, α = 1.25 tanh(relu(xy)), β = −1.25 tanh(relu(−xy)). */
    private static double xPathsCodeEnergy(double[] x, double[] u) {
        double p = x[0] * x[1];
        double a = 1.25 * Math.tanh(Math.max(p, 0));
        double b = -1.25 * Math.tanh(Math.max(-p, 0));
        double v0 = (a + b) / Math.sqrt(2);
        double v1 = (a - b) / Math.sqrt(2);
        double vu = v0 * u[0] + v1 * u[1];
        return u[0] * u[0] + u[1] * u[1] - vu * vu;
    }

    @Test
    void energyIsTheCodesWithTheUnnormalisedField() {
        VelocityPaths xp = paths(Field.X_PATHS);
        double[][] points = {{-1.1, -1.05}, {0.3, 0.2}, {-0.7, 0.9}, {1.2, -1.3}, {0, 0.5}};
        double[] u = {0.8, 0.6};
        for (double[] x : points) {
            assertEquals(xPathsCodeEnergy(x, u), xp.codeEnergy(x, u), 1e-12, "at " + x[0] + ", " + x[1]);
        }
        // where |v| > 1 the code's A is indefinite: motion along the diagonal has negative energy
        assertTrue(xp.codeEnergy(new double[] {-1.1, -1.05}, new double[] {1, 1}) < 0);
        // Circle: v = (−y, x)/r is a unit vector, A = I − vvᵀ
        VelocityPaths c = paths(Field.CIRCLE);
        assertEquals(0.0, c.codeEnergy(new double[] {1, 0}, new double[] {0, 1}), 1e-12);
        assertEquals(1.0, c.codeEnergy(new double[] {1, 0}, new double[] {1, 0}), 1e-12);
    }

    @Test
    void adamsBashforthCoefficientsAreTorchdiffeqs() {
        double[][] b = VelocityPaths.bashforthCoefficients(11);
        assertArrayEquals(new double[] {1}, b[1], 1e-15);
        assertArrayEquals(new double[] {1.5, -0.5}, b[2], 1e-15);
        assertArrayEquals(new double[] {23 / 12.0, -16 / 12.0, 5 / 12.0}, b[3], 1e-14);
        assertArrayEquals(new double[] {55 / 24.0, -59 / 24.0, 37 / 24.0, -9 / 24.0}, b[4], 1e-14);
        for (int k = 1; k <= 11; k++) {
            double sum = 0;
            for (double c : b[k]) {
                sum += c;
            }
            assertEquals(1.0, sum, 1e-12, "order " + k + " integrates a constant exactly");
        }
    }

    @Test
    void gradientMatchesCentralDifferences() {
        VelocityPaths xp = paths(Field.X_PATHS);
        SplittableRandom random = new SplittableRandom(3);
        double[] theta = VelocityPaths.initialParameters(random);
        double[] x0 = {-1.05, -0.95};
        double[] x1 = {0.9, 1.1};
        double[] grad = new double[VelocityPaths.PARAMETERS];
        xp.lossAndGradient(theta, x0, x1, 10, 10, grad);
        double[] scratch = new double[VelocityPaths.PARAMETERS];
        double worst = 0;
        for (int trial = 0; trial < 40; trial++) {
            int i = random.nextInt(VelocityPaths.PARAMETERS);
            double h = 1e-6;
            double keep = theta[i];
            theta[i] = keep + h;
            double up = xp.lossAndGradient(theta, x0, x1, 10, 10, scratch);
            theta[i] = keep - h;
            double down = xp.lossAndGradient(theta, x0, x1, 10, 10, scratch);
            theta[i] = keep;
            double fd = (up - down) / (2 * h);
            worst = Math.max(worst, Math.abs(fd - grad[i]) / Math.max(1e-3, Math.abs(fd)));
        }
        assertTrue(worst < 1e-6, "worst relative error " + worst);
    }

    @Test
    void fitReachesTheEndWithTheStrongPenalty() {
        VelocityPaths xp = paths(Field.X_PATHS);
        VelocityPaths.Path p = xp.fit(new double[] {-1, 1}, new double[] {1, -1}, 10, 10, new SplittableRandom(1));
        assertEquals(10, p.path().length);
        assertTrue(p.endMiss() < 0.1, "end missed by " + p.endMiss());
        assertArrayEquals(new double[] {-1, 1}, p.path()[0], 0.0);
    }
}
