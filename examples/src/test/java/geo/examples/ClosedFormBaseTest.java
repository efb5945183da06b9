package geo.examples;

import static geo.examples.GeometryOracles.dot;
import static geo.examples.GeometryOracles.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.bvp.Distances;
import geo.runtime.bvp.Shooting;
import geo.runtime.data.graph.Graphs;
import geo.runtime.data.graph.ShortestPaths;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.learn.Execution;
import geo.runtime.learn.Stopping;
import geo.runtime.learn.TrainingListener;
import geo.runtime.learn.embed.ClosedFormBase;
import geo.runtime.learn.embed.EmbedOptions;
import geo.runtime.learn.embed.Init;
import geo.runtime.learn.embed.Objective;
import geo.runtime.learn.embed.PairLoss;
import geo.runtime.learn.embed.TrainingResult;
import geo.runtime.load.Model;
import geo.runtime.manifold.EmbeddingSpace;
import geo.runtime.manifold.closed.Lorentz;
import geo.runtime.manifold.closed.PoincareBall;
import geo.runtime.manifold.closed.Sphere;
import geo.runtime.manifold.compiled.ModelSpace;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The learned metrics on a closed-form base ({@code graph-embedding/deepD-hyperbolic.geo},
 * {@code deepD-sphere.geo}: g = L G Lᵀ, L = I at θ₀) with {@link ClosedFormBase} (issue #17):
 * θ₀ reproduces the closed form's distances, the gradients agree with finite differences, and the
 * finish from the closed-form row never returns a worse worst case than that row.
 */
class ClosedFormBaseTest {

    /** DOPRI5 at rtol 1e-12 and Newton to 1e-13, cold starts: a distance accurate to about 1e-11. */
    private static final ModelSpace.Options EXACT = new ModelSpace.Options(GeodesicMethod.dopri5(1e-12, 1e-14),
            new Shooting.Options(1e-13, 50, 30), 65, false);

    /**
     * At θ₀ (W2 = 0, b2 = 0, so L = I) with ln c and the points from {@link ClosedFormBase#toChart},
     * every distance of the model is the closed form's divided by the chart's scale, to 1e-9
     * relative: Poincaré points in deep2-hyperbolic and hyperboloid points in deep5-hyperbolic (4 points,
     * coordinates N(0, 1.5²)), sphere points (radius 1.7, a hemisphere) in deep2- and deep5-sphere.
     */
    @Test
    void theInitialParametersReproduceTheClosedForms() {
        for (int d : new int[] {2, 5}) {
            SplittableRandom random = new SplittableRandom(d);
            double[][] lorentz = new double[4][d];
            double[][] ball = new double[4][d];
            for (int i = 0; i < 4; i++) {
                for (int a = 0; a < d; a++) {
                    lorentz[i][a] = 1.5 * random.nextGaussian();
                }
                double f = 1 / (1 + Math.sqrt(1 + dot(lorentz[i], lorentz[i])));
                for (int a = 0; a < d; a++) {
                    ball[i][a] = f * lorentz[i][a];
                }
            }
            double[][] sphere = new double[4][d + 1];
            for (double[] p : sphere) {
                for (int a = 0; a <= d; a++) {
                    p[a] = random.nextGaussian();
                }
                p[0] = Math.abs(p[0]) + 0.3;
            }
            String hyperbolic = "graph-embedding/deep" + d + "-hyperbolic.geo";
            // the ball's chart is the hyperboloid's (x = 2p/(1 − ‖p‖²)), checked once, in d = 2
            reproduces(hyperbolic, d == 2 ? new PoincareBall(d) : new Lorentz(d), d == 2 ? ball : lorentz, new double[0]);
            reproduces("graph-embedding/deep" + d + "-sphere.geo", new Sphere(d), sphere, new double[] {Math.log(1.7)});
        }
    }

    private static void reproduces(String file, EmbeddingSpace base, double[][] points, double[] baseTheta) {
        Model m = model(file);
        ModelSpace space = new ModelSpace(m, EXACT);
        ClosedFormBase.Chart chart = ClosedFormBase.toChart(base, points, baseTheta);
        double[] theta = m.defaultParameters();
        theta[curvature(m)] = chart.logCurvature().getAsDouble();
        int dim = base.dimension();
        for (int i = 0; i < points.length; i++) {
            for (int j = i + 1; j < points.length; j++) {
                double closed = base.distance(0, points[i], points[j], baseTheta, new double[dim], new double[dim],
                        new double[baseTheta.length]).value();
                double learned = chart.scale() * space.distance(0, chart.positions()[i], chart.positions()[j], theta).value();
                assertEquals(closed, learned, 1e-9 * closed, file + " on " + base.name() + ", pair " + i + ", " + j);
            }
        }
    }

    /**
     * ∂d/∂x, ∂d/∂y and ∂d/∂θ of the base models against central differences (h = 1e-5) of the
     * computed distance, RK4 × 128 and Newton to 1e-13 (as ModelSpaceTest does for deepD.geo): at θ
     * with the network's output layer and ln c moved by 0.1 N(0, 1), so that L ≠ I, in the entries of
     * W2, b2 and ln c and along a random direction of θ; agreement to 1e-6 of max(1, |quotient|).
     */
    @Test
    void gradientsAgreeWithFiniteDifferences() {
        // d = 2 (the d = 5 models share the formulas; their solves are several times dearer)
        for (String file : new String[] {"graph-embedding/deep2-hyperbolic.geo", "graph-embedding/deep2-sphere.geo"}) {
            Model m = model(file);
            ModelSpace space = new ModelSpace(m, new ModelSpace.Options(GeodesicMethod.rk4(128),
                    new Shooting.Options(1e-13, 50, 30), Distances.MESH, false));
            int d = m.dimension();
            SplittableRandom random = new SplittableRandom(5);
            double[] theta = m.defaultParameters();
            for (int k = 0; k < theta.length; k++) {
                theta[k] += 0.1 * random.nextGaussian();
            }
            double[] x = new double[d];
            double[] y = new double[d];
            for (int a = 0; a < d; a++) {
                x[a] = 0.7 * random.nextGaussian();
                y[a] = 0.7 * random.nextGaussian();
            }
            double[] gx = new double[d];
            double[] gy = new double[d];
            double[] gt = new double[theta.length];
            double value = space.distance(0, x, y, theta, gx, gy, gt).value();
            assertTrue(value > 0.1, file + ": distance " + value);
            double h = 1e-5;
            for (int a = 0; a < d; a++) {
                double[] e = new double[d];
                e[a] = h;
                close((space.distance(0, add(x, e, 1), y, theta).value() - space.distance(0, add(x, e, -1), y, theta).value()) / (2 * h),
                        gx[a], file + " dd/dx" + a);
                close((space.distance(0, x, add(y, e, 1), theta).value() - space.distance(0, x, add(y, e, -1), theta).value()) / (2 * h),
                        gy[a], file + " dd/dy" + a);
            }
            // the last entry is ln c; W2 and b2 come just before it (the models declare W1, b1, W2, b2, logc)
            int n = theta.length;
            int outputs = d * (d + 1) / 2;
            for (int k : new int[] {n - 1, n - 2, n - 1 - outputs, n - 1 - outputs - 1, n / 2}) {
                double[] e = new double[n];
                e[k] = h;
                close((space.distance(0, x, y, add(theta, e, 1)).value() - space.distance(0, x, y, add(theta, e, -1)).value()) / (2 * h),
                        gt[k], file + " dd/dtheta" + k);
            }
            double[] dir = new double[n];
            double norm = 0;
            for (int k = 0; k < n; k++) {
                dir[k] = random.nextGaussian();
                norm += dir[k] * dir[k];
            }
            for (int k = 0; k < n; k++) {
                dir[k] *= h / Math.sqrt(norm);
            }
            close((space.distance(0, x, y, add(theta, dir, 1)).value() - space.distance(0, x, y, add(theta, dir, -1)).value()) / (2 * h),
                    dot(gt, dir) / h, file + " dd/dtheta along a random direction");
        }
    }

    /**
     * The whole path on a 2 × 3 grid (15 pairs) in d = 2: the hyperboloid row (the annealed finish
     * from the MDS layout), carried into deep2-hyperbolic.geo, then 6 evaluations of the finish of
     * positions and θ (τ = 0.01, 0.005, 0.002). The result's worst-case distortion (by the final distances) is at most the
     * closed-form row's, to the 1e-4 the final distances are held to.
     */
    @Test
    void theFinishIsNeverWorseThanTheClosedFormRow() {
        ShortestPaths target = ShortestPaths.of(Graphs.grid(2, 3));
        EmbedOptions base = EmbedOptions.DEFAULTS
                .with(new Objective(PairLoss.of("relative-squared").orElseThrow(), Objective.Scale.FIXED, 300,
                        Objective.Finish.ANNEALED, true))
                .with(Init.DEFAULTS.withLayout(Init.Layout.MDS))
                .with(Execution.DEFAULTS.withThreads(2));
        EmbedOptions finish = base.with(new Objective(PairLoss.of("relative-squared").orElseThrow(),
                Objective.Scale.LEARNED, 6, Objective.Finish.ANNEALED, List.of(Objective.FinishStart.LAYOUT), ClosedFormBase.FIRST_TEMPERATURE))
                .with(Stopping.DEFAULTS);
        Model m = model("graph-embedding/deep2-hyperbolic.geo");
        ClosedFormBase.Result r = ClosedFormBase.train(new Lorentz(2), base, new ModelSpace(m, ModelSpace.Options.TRAINING),
                finish, OptionalInt.of(curvature(m)), target, TrainingListener.none());
        double closed = r.base().metrics().worstCaseDistortion();
        TrainingResult learned = r.learned();
        System.out.printf("grid 2×3, d = 2: lorentz row %.6f, learned metric on it %.6f (%s)%n", closed,
                learned.metrics().worstCaseDistortion(), learned.message());
        assertEquals(0, learned.metrics().failedPairs(), learned.message());
        assertTrue(learned.metrics().worstCaseDistortion() <= closed * (1 + 1e-4),
                learned.metrics().worstCaseDistortion() + " > the closed form's " + closed);
        assertTrue(learned.message().startsWith("the lorentz row"), learned.message());
    }

    /** The offset of the model's ln c ({@code param logc}). */
    private static int curvature(Model m) {
        return m.descriptor().parameters().stream().filter(p -> p.name().equals("logc")).findFirst().orElseThrow()
                .offset();
    }

    private static void close(double quotient, double gradient, String what) {
        assertEquals(quotient, gradient, 1e-6 * Math.max(1, Math.abs(quotient)), what);
    }

    private static double[] add(double[] a, double[] e, double sign) {
        double[] out = a.clone();
        for (int k = 0; k < a.length; k++) {
            out[k] += sign * e[k];
        }
        return out;
    }
}
