package geo.cli.learn.taskmet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.learn.taskmet.CubicTopK;
import geo.runtime.learn.taskmet.Decision;
import geo.runtime.learn.taskmet.Instances;
import geo.runtime.learn.taskmet.Networks;
import geo.runtime.learn.taskmet.Problem;
import geo.runtime.learn.taskmet.Split;
import geo.runtime.learn.taskmet.TaskMetOptions;
import geo.runtime.learn.taskmet.TaskMetTrainer;
import geo.runtime.learn.taskmet.TopK;
import geo.runtime.optim.ConjugateGradient;
import geo.runtime.optim.ImplicitGradient;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TaskMet's implicit hypergradient (IFT with CG on Hessian–vector products of the compiled
 * {@code cubic.geo} loss) against differentiation of the solved inner problem: φ ↦ θ*(φ) ↦
 * ℓ_task(θ*(φ)) with θ* solved by Newton's method to machine precision, differentiated by central
 * differences along random directions of φ. The top-k layer's cost normaliser is held fixed here
 * (it is a detached max in the layer, so the layer's derivative ignores it while finite differences
 * would not).
 */
class ImplicitHypergradientTest {

    private static TaskMetModels.Compiled compiled;

    @BeforeAll
    static void compile() throws Exception {
        compiled = TaskMetModels.bundledCompiled("cubic");
    }

    /** Cubic top-k with the layer's normaliser fixed at 10. */
    private static final class FixedScale implements Problem {
        private final CubicTopK cubic = new CubicTopK();
        private final TopK layer = new TopK(CubicTopK.ITEMS, CubicTopK.K);

        public String name() {
            return "cubic";
        }

        public int decisionSize() {
            return cubic.decisionSize();
        }

        public double objective(Instances s, int i, double[] z) {
            return cubic.objective(s, i, z);
        }

        public void objectiveGradient(Instances s, int i, double[] z, double[] out) {
            cubic.objectiveGradient(s, i, z, out);
        }

        public Decision decide(Instances s, int i, double[] yhat, SplittableRandom random) {
            return layer.solve(yhat, 10);
        }

        public double[] hardDecision(Instances s, int i, double[] yhat, SplittableRandom random) {
            return cubic.hardDecision(s, i, yhat, random);
        }
    }

    /** θ with its predictor block (a, b) replaced by the exact minimiser of ℓ_pred over the instances. */
    private static double[] solveInner(TaskMetTrainer t, Instances train, int[] batch, double[] theta, int[] p) {
        double[] th = theta.clone();
        double[] g = new double[p.length];
        for (int it = 0; it < 30; it++) {
            t.predictionLoss(train, batch, th, g);
            // The loss is quadratic in (a, b): its Hessian by differences of the exact gradient is exact up to rounding.
            double[][] h = new double[2][2];
            for (int k = 0; k < 2; k++) {
                double[] tp = th.clone();
                tp[p[k]] += 1;
                double[] gk = new double[2];
                t.predictionLoss(train, batch, tp, gk);
                h[0][k] = gk[0] - g[0];
                h[1][k] = gk[1] - g[1];
            }
            double det = h[0][0] * h[1][1] - h[0][1] * h[1][0];
            th[p[0]] -= (h[1][1] * g[0] - h[0][1] * g[1]) / det;
            th[p[1]] -= (-h[1][0] * g[0] + h[0][0] * g[1]) / det;
        }
        return th;
    }

    @Test
    void implicitHypergradientMatchesDifferentiationOfTheSolvedInnerProblem() {
        Networks nets = TaskMetModels.networks(compiled, 3);
        assertEquals(2, nets.predictorParameters().length, "cubic's predictor is a x + b");
        Split data = CubicTopK.data(3);
        Instances train = data.train().slice(0, 4);
        Split small = new Split(train, data.validation().slice(0, 2), data.test().slice(0, 2));
        TaskMetTrainer t = new TaskMetTrainer(new FixedScale(), small, nets, TaskMetOptions.of("cubic"));
        int[] all = {0, 1, 2, 3};
        int[] p = nets.predictorParameters();
        int[] m = nets.metricParameters();
        double[] theta = solveInner(t, train, all, nets.initial(), p);
        double[] g = new double[2];
        t.predictionLoss(train, all, theta, g);
        assertTrue(Math.abs(g[0]) + Math.abs(g[1]) < 1e-12, "inner gradient " + g[0] + ", " + g[1]);

        ConjugateGradient.Settings exact = ConjugateGradient.Settings.DEFAULTS.withTolerance(1e-14);
        ImplicitGradient.Result r = t.hypergradient(theta, all, all, exact, new SplittableRandom(0));
        assertTrue(r.converged(), r.solve().message());
        // The published solve (normal equations, ridge 1e-5, 5 iterations) on this 2-parameter inner problem.
        ConjugateGradient.Settings published = new ConjugateGradient.Settings(ConjugateGradient.Form.NORMAL, 5,
                Double.MIN_VALUE, 1e-5);
        double[] hp = t.hypergradient(theta, all, all, published, new SplittableRandom(0)).gradient();

        SplittableRandom random = new SplittableRandom(7);
        double h = 1e-5;
        for (int trial = 0; trial < 3; trial++) {
            double[] v = new double[m.length];
            for (int k = 0; k < v.length; k++) {
                v[k] = random.nextGaussian();
            }
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            for (int k = 0; k < m.length; k++) {
                plus[m[k]] += h * v[k];
                minus[m[k]] -= h * v[k];
            }
            double lp = t.taskLoss(train, all, solveInner(t, train, all, plus, p), null, 1, new SplittableRandom(0));
            double lm = t.taskLoss(train, all, solveInner(t, train, all, minus, p), null, 1, new SplittableRandom(0));
            double fd = (lp - lm) / (2 * h);
            double ift = 0;
            double iftPublished = 0;
            for (int k = 0; k < m.length; k++) {
                ift += r.gradient()[k] * v[k];
                iftPublished += hp[k] * v[k];
            }
            assertEquals(fd, ift, 1e-6 * Math.max(1, Math.abs(fd)), "direction " + trial);
            assertEquals(fd, iftPublished, 1e-3 * Math.max(1, Math.abs(fd)), "published solve, direction " + trial);
        }
    }
}
