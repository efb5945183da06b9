package geo.cli.learn.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.cli.Geo;
import geo.runtime.api.FunctionKernels;
import geo.runtime.api.MetricKernels;
import geo.runtime.learn.motion.Demonstrations;
import geo.runtime.learn.motion.Demonstrations.Demonstration;
import geo.runtime.load.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiled skill metrics against finite-difference Jacobian products of the compiled decoder
 * and variance network, a tiny fit-and-plan run end to end, and bad input to the commands.
 */
class MotionSkillTest {

    static Skill skill;
    static double[] theta;

    @BeforeAll
    static void compile() {
        skill = Skill.compile();
        theta = skill.defaults();
        // Centres, weights and bandwidth away from their zero defaults, so that J_σ is not trivial.
        SplittableRandom r = new SplittableRandom(5);
        for (int k : skill.offsets("C")) {
            theta[k] = 2 * r.nextDouble() - 1;
        }
        for (int k : skill.offsets("wr", "ar", "cr")) {
            theta[k] = r.nextGaussian();
        }
        theta[skill.offsets("beta")[0]] = 2;
    }

    /** The m×2 Jacobian of f at z by central differences, h = 1e-5 (truncation error O(h²) ≈ 1e-10 relative). */
    private static double[][] jacobian(FunctionKernels f, double[] z, int m, double scale) {
        double h = 1e-5;
        double[][] j = new double[m][2];
        for (int c = 0; c < 2; c++) {
            double[] zp = z.clone();
            double[] zm = z.clone();
            zp[c] += h;
            zm[c] -= h;
            double[] fp = new double[m];
            double[] fm = new double[m];
            f.value(zp, theta, fp);
            f.value(zm, theta, fm);
            for (int i = 0; i < m; i++) {
                j[i][c] = scale * (fp[i] - fm[i]) / (2 * h);
            }
        }
        return j;
    }

    private static void addProduct(double[][] j, int from, int to, double weight, double[] g) {
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                for (int i = from; i < to; i++) {
                    g[2 * a + b] += weight * j[i][a] * j[i][b];
                }
            }
        }
    }

    @Test
    void compiledMetricsEqualFiniteDifferenceJacobianProducts() {
        FunctionKernels decode = skill.decode.function();
        FunctionKernels sigma = skill.set.function("sigma").function();
        Skill.Obstacle disc = new Skill.Obstacle(1.0, -2.0, 0.8);
        double alpha = 50;
        SplittableRandom r = new SplittableRandom(9);
        for (int trial = 0; trial < 5; trial++) {
            double[] z = {2 * r.nextDouble() - 1, 2 * r.nextDouble() - 1};
            double[][] jm = jacobian(decode, z, 5, 1);
            double[][] js = jacobian(sigma, z, 5, 1);
            double[] mu = new double[5];
            decode.value(z, theta, mu);
            double px = Skill.POSITION_SCALE * mu[0] - disc.x();
            double py = Skill.POSITION_SCALE * mu[1] - disc.y();
            double bump = alpha * Math.exp(-(px * px + py * py) / (2 * disc.r() * disc.r()));
            double[] mean = new double[4];
            addProduct(jm, 0, 5, 1, mean);
            double[] full = mean.clone();
            addProduct(js, 0, 5, 1, full);
            double[] avoid = new double[4];
            addProduct(jm, 0, 2, 1 + bump, avoid);
            addProduct(jm, 2, 5, 1, avoid);
            addProduct(js, 0, 5, 1, avoid);
            check(Skill.Metric.MEAN, z, mean, List.of(), alpha);
            check(Skill.Metric.FULL, z, full, List.of(), alpha);
            check(Skill.Metric.AVOID, z, avoid, List.of(disc), alpha);
            check(Skill.Metric.AVOID, z, full, List.of(), alpha);
        }
    }

    /** The compiled metric at z equals the expected one to 1e-7 relative to its largest entry. */
    private static void check(Skill.Metric which, double[] z, double[] expected, List<Skill.Obstacle> discs, double alpha) {
        Model m = skill.metric(which);
        MetricKernels k = m.metric();
        double[] g = new double[4];
        k.metric(z, skill.thetaFor(m, theta, discs, alpha), g);
        double scale = Math.max(Math.abs(expected[0]), Math.abs(expected[3]));
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], g[i], 1e-7 * scale, which + " g[" + i + "] at " + z[0] + "," + z[1]);
        }
    }

    @Test
    void aTinySkillIsFittedAndAMotionPlannedBetweenEncodedEnds() {
        List<Demonstration> ds = Demonstrations.synthetic(1, 3, 25);
        List<double[]> states = SkillFit.states(ds, 0);
        SkillFit.Result fit = SkillFit.fit(skill, states, new SkillFit.Options(3, 16, 3e-3, 2, 1));
        assertTrue(!fit.failed() && fit.centres().centres().length == 48, fit.vae().message());
        Motions motions = new Motions(skill, fit.theta());
        double[] a = ds.get(0).state(0);
        double[] b = ds.get(0).state(24);
        Motions.Motion m = motions.motion(a, b, Motions.Method.GEODESIC, List.of(), 0, 12);
        double[] za = skill.encode(a, fit.theta());
        double[] zb = skill.encode(b, fit.theta());
        assertEquals(za[0], m.latent()[0][0], 1e-12);
        assertEquals(zb[1], m.latent()[11][1], 1e-12);
        for (double[] s : m.states()) {
            assertEquals(1, Math.sqrt(s[2] * s[2] + s[3] * s[3] + s[4] * s[4]), 1e-12, "decoded orientations are unit");
        }
        Evaluation.Row row = Evaluation.measure(m, ds.get(0), states.toArray(double[][]::new));
        assertTrue(Double.isFinite(row.frechet()) && row.frechet() >= row.dtw(), row.toString());
    }

    @Test
    void badDemonstrationsAreUsageErrorsWithTheLine(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("demos.csv");
        Files.writeString(csv, "demo,point,p0,p1,q0,q1,q2\n0,0,1,2,0,1,0\n0,1,1,2,0,2,0\n1,0,1,2,0,1,0\n1,1,1,2,0,1,0\n");
        Geo.Outcome o = Geo.geo("motion", "fit", csv.toString(), "-o", dir.resolve("s.json").toString());
        assertEquals(64, o.exit());
        assertTrue(o.err().contains("demos.csv:3: the orientation (q0, q1, q2) must be a unit vector"), o.err());
        Files.writeString(csv, "demo,p0,p1\n0,1,2\n");
        o = Geo.geo("motion", "fit", csv.toString(), "-o", dir.resolve("s.json").toString());
        assertEquals(64, o.exit());
        assertTrue(o.err().contains("demos.csv:1: expected the columns demo,point,p0,p1,q0,q1,q2"), o.err());
        o = Geo.geo("motion", "generate", dir.resolve("none.json").toString(), "--from", "1,2,0,0,0", "--to", "1,2,0,1,0");
        assertEquals(64, o.exit());
        assertTrue(o.err().contains("--from 1,2,0,0,0: the orientation (the last three numbers) must be a non-zero vector"),
                o.err());
        o = Geo.geo("motion");
        assertEquals(64, o.exit());
    }
}
