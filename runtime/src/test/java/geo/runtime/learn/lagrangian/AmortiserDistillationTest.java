package geo.runtime.learn.lagrangian;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.api.CompiledModel;
import geo.runtime.api.Domain;
import geo.runtime.api.FunctionKernels;
import geo.runtime.api.ModelDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The amortiser fitted by regression on solved minimal paths ({@link AmortiserDistillation}): on
 * the well L = ½|v|² + M|x|² (M = 0.02, whose minimal paths bend towards the origin) with a hand-made
 * one-hidden-layer tanh amortiser, the distilled predictions on new pairs are much closer to their
 * solved paths than the unfitted network's, in distance and in action, for both losses (and with
 * the MSE closer than the straight line); the fit is deterministic for a seed and differs between seeds; the kinetic loss is
 * ½Σ|δ_{k+1} − δ_k|² with its gradient (K⊗I)δ.
 */
class AmortiserDistillationTest {

    private static final int SAMPLES = PathSolver.Options.DEFAULTS.samples();
    private static final int NQ = 2 * (SAMPLES - 2);
    private static final int HIDDEN = 16;
    private static final double[] THETA = {0.02};

    /** out = W₂ tanh(W₁ in + b₁) + b₂: in 4 values, out {@link #NQ}. */
    static final class TanhNet implements FunctionKernels {
        private final ModelDescriptor d = new ModelDescriptor("path", "function", 0, List.of(), Domain.NONE,
                List.of(new ModelDescriptor.Input("x", List.of(2), 0, ModelDescriptor.Input.Source.DATA),
                        new ModelDescriptor.Input("y", List.of(2), 2, ModelDescriptor.Input.Source.DATA)),
                List.of(NQ), List.of(new ModelDescriptor.Parameter("W1", List.of(HIDDEN, 4), 0),
                        new ModelDescriptor.Parameter("b1", List.of(HIDDEN), 4 * HIDDEN),
                        new ModelDescriptor.Parameter("W2", List.of(NQ, HIDDEN), 5 * HIDDEN),
                        new ModelDescriptor.Parameter("b2", List.of(NQ), 5 * HIDDEN + NQ * HIDDEN)),
                Set.of("value", "vjp"), "test", "test");
        private final double[] h = new double[HIDDEN];

        @Override
        public ModelDescriptor descriptor() {
            return d;
        }

        @Override
        public CompiledModel copy() {
            return new TanhNet();
        }

        private void hidden(double[] in, double[] th) {
            for (int j = 0; j < HIDDEN; j++) {
                double z = th[4 * HIDDEN + j];
                for (int i = 0; i < 4; i++) {
                    z += th[4 * j + i] * in[i];
                }
                h[j] = Math.tanh(z);
            }
        }

        @Override
        public void value(double[] in, double[] th, double[] out) {
            hidden(in, th);
            int w2 = 5 * HIDDEN;
            int b2 = w2 + NQ * HIDDEN;
            for (int k = 0; k < NQ; k++) {
                double v = th[b2 + k];
                for (int j = 0; j < HIDDEN; j++) {
                    v += th[w2 + HIDDEN * k + j] * h[j];
                }
                out[k] = v;
            }
        }

        @Override
        public void jvp(double[] in, double[] th, double[] dIn, double[] dTh, double[] out, double[] dOut) {
            throw new UnsupportedOperationException("not used");
        }

        @Override
        public void vjp(double[] in, double[] th, double[] outBar, double[] inBar, double[] thBar) {
            hidden(in, th);
            Arrays.fill(thBar, 0);
            Arrays.fill(inBar, 0);
            int w2 = 5 * HIDDEN;
            int b2 = w2 + NQ * HIDDEN;
            double[] hBar = new double[HIDDEN];
            for (int k = 0; k < NQ; k++) {
                thBar[b2 + k] = outBar[k];
                for (int j = 0; j < HIDDEN; j++) {
                    thBar[w2 + HIDDEN * k + j] = outBar[k] * h[j];
                    hBar[j] += th[w2 + HIDDEN * k + j] * outBar[k];
                }
            }
            for (int j = 0; j < HIDDEN; j++) {
                double z = hBar[j] * (1 - h[j] * h[j]);
                thBar[4 * HIDDEN + j] = z;
                for (int i = 0; i < 4; i++) {
                    thBar[4 * j + i] = z * in[i];
                    inBar[i] += th[4 * j + i] * z;
                }
            }
        }
    }

    /** A function of 2 inputs giving {@code out} zeros over one unused parameter (g and T, not used here). */
    static final class Zero implements FunctionKernels, LagrangianFixtures.Stateless {
        private final ModelDescriptor d;

        Zero(String name, int out) {
            d = new ModelDescriptor(name, "function", 0, List.of(), Domain.NONE,
                    List.of(new ModelDescriptor.Input("x", List.of(2), 0, ModelDescriptor.Input.Source.DATA)),
                    out == 1 ? List.of() : List.of(out), List.of(new ModelDescriptor.Parameter("c", List.of(1), 0)),
                    Set.of("value", "vjp"), "test", "test");
        }

        @Override
        public ModelDescriptor descriptor() {
            return d;
        }

        @Override
        public void value(double[] in, double[] th, double[] out) {
            Arrays.fill(out, 0);
        }

        @Override
        public void jvp(double[] in, double[] th, double[] dIn, double[] dTh, double[] out, double[] dOut) {
            Arrays.fill(dOut, 0);
        }

        @Override
        public void vjp(double[] in, double[] th, double[] outBar, double[] inBar, double[] thBar) {
            Arrays.fill(inBar, 0);
            Arrays.fill(thBar, 0);
        }
    }

    private static Networks networks(long seed) {
        TanhNet a = new TanhNet();
        double[] am = Networks.lecunInit(a.descriptor(), new SplittableRandom(seed));
        return new Networks(new Zero("g", 1), new Zero("T", 2), a, new double[1], am);
    }

    private static AmortiserFit.Options options(AmortiserDistillation.Loss loss) {
        return AmortiserFit.Options.DEFAULTS.withSteps(600).withTargets(300, loss, 0);
    }

    private static final PathSolver.Options PATHS = PathSolver.Options.DEFAULTS.withSubdivisions(1);

    /** Mean over held-out targets of |q(x, y) − q*|² a point, and of the relative action gap. */
    private static double[] distance(Networks nets, AmortiserDistillation.Targets held, boolean straight) {
        LagrangianFixtures.Well well = new LagrangianFixtures.Well();
        PathSolver solver = new PathSolver(well, PATHS);
        double[] q = new double[NQ];
        double square = 0;
        double gap = 0;
        int n = held.xs().length;
        for (int i = 0; i < n; i++) {
            if (straight) {
                LanePathSolver.straight(held.xs()[i], held.ys()[i], SAMPLES, q);
            } else {
                nets.path(held.xs()[i], held.ys()[i], SAMPLES, q);
            }
            for (int k = 0; k < NQ; k++) {
                double d = q[k] - held.q()[i][k];
                square += d * d / (SAMPLES - 2);
            }
            solver.set(held.xs()[i], held.ys()[i], THETA);
            gap += (solver.value(q, null) - held.action()[i]) / held.action()[i];
        }
        return new double[] {square / n, gap / n};
    }

    private static AmortiserDistillation.Targets held() {
        return AmortiserDistillation.solve(Task.WELL, new LagrangianFixtures.Well(), THETA, PATHS, 60,
                new SplittableRandom(99));
    }

    @Test
    void distilledPredictionsAreCloserToSolvedPathsThanTheUnfittedOnesAndTheStraightLine() {
        AmortiserDistillation.Targets held = held();
        for (AmortiserDistillation.Loss loss : AmortiserDistillation.Loss.values()) {
            Networks nets = networks(5);
            double[] before = distance(nets, held, false);
            double[] line = distance(nets, held, true);
            AmortiserFit.Result r = AmortiserFit.run(Task.WELL, new LagrangianFixtures.Well(), THETA, PATHS, nets,
                    options(loss), 3);
            double[] after = distance(nets, held, false);
            AmortiserDistillation.Summary d = r.distillation();
            assertEquals(AmortiserDistillation.Status.RUN, d.status());
            assertEquals(300, d.targets());
            assertEquals(0, r.steps());
            assertTrue(d.solveCpu() >= 0 && d.fitCpu() > 0 && r.cpuSeconds() >= d.fitCpu(), r.toString());
            String what = loss + ": before " + Arrays.toString(before) + ", straight " + Arrays.toString(line)
                    + ", after " + Arrays.toString(after) + ", " + d;
            // The minimal paths bend towards the origin: the straight line is measurably off them.
            assertTrue(line[0] > 1e-3, what);
            // Measured (600 steps of 16 pairs, 300 targets): squared distance a point 0.73 unfitted, 0.074 for the
            // straight line, 0.0039 (MSE) and 0.051 (kinetic, which weighs smooth errors little) distilled.
            assertTrue(after[0] < 0.1 * before[0] && after[1] < 0.1 * before[1] && after[1] >= -1e-9, what);
            assertTrue(loss == AmortiserDistillation.Loss.KINETIC || after[0] < 0.1 * line[0], what);
            assertTrue(d.checkSquare() < 0.1 * before[0], what);
        }
    }

    @Test
    void theFitIsDeterministicForASeedAndDiffersBetweenSeeds() {
        double[][] thetas = new double[3][];
        long[] seeds = {3, 3, 4};
        for (int k = 0; k < 3; k++) {
            Networks nets = networks(5);
            AmortiserFit.run(Task.WELL, new LagrangianFixtures.Well(), THETA, PATHS, nets,
                    AmortiserFit.Options.DEFAULTS.withSteps(50).withTargets(40, AmortiserDistillation.Loss.KINETIC,
                            5), seeds[k]);
            thetas[k] = nets.amortiserTheta().clone();
        }
        assertArrayEquals(thetas[0], thetas[1]);
        assertFalse(Arrays.equals(thetas[0], thetas[2]));
    }

    @Test
    void theFineTuneRunsAfterTheRegressionAndTheDefaultIsTheActionFitAlone() {
        Networks nets = networks(5);
        AmortiserFit.Result tuned = AmortiserFit.run(Task.WELL, new LagrangianFixtures.Well(), THETA, PATHS, nets,
                AmortiserFit.Options.DEFAULTS.withSteps(20).withTargets(20, AmortiserDistillation.Loss.MSE, 7), 1);
        assertEquals(7, tuned.steps());
        assertEquals(AmortiserDistillation.Status.RUN, tuned.distillation().status());
        AmortiserFit.Result plain = AmortiserFit.run(Task.WELL, new LagrangianFixtures.Well(), THETA, PATHS,
                networks(5), AmortiserFit.Options.DEFAULTS.withSteps(9), 1);
        assertEquals(9, plain.steps());
        assertEquals(AmortiserDistillation.Status.NOT_RUN, plain.distillation().status());
        assertEquals(0, AmortiserFit.Options.DEFAULTS.targets());
        assertThrows(IllegalArgumentException.class,
                () -> AmortiserFit.Options.DEFAULTS.withTargets(0, AmortiserDistillation.Loss.MSE, 3));
    }

    @Test
    void theKineticLossIsHalfTheSquaredDifferencesWithItsGradient() {
        SplittableRandom r = new SplittableRandom(1);
        double[] delta = new double[NQ];
        for (int k = 0; k < NQ; k++) {
            delta[k] = r.nextDouble(-1, 1);
        }
        double[] g = new double[NQ];
        double v = AmortiserDistillation.weigh(AmortiserDistillation.Loss.KINETIC, delta, g);
        List<double[]> points = new ArrayList<>();
        points.add(new double[2]);
        for (int j = 0; j < NQ / 2; j++) {
            points.add(new double[] {delta[2 * j], delta[2 * j + 1]});
        }
        points.add(new double[2]);
        double expected = 0;
        for (int k = 0; k + 1 < points.size(); k++) {
            for (int c = 0; c < 2; c++) {
                double d = points.get(k + 1)[c] - points.get(k)[c];
                expected += 0.5 * d * d;
            }
        }
        assertEquals(expected, v, 1e-12);
        double h = 1e-6;
        for (int k = 0; k < NQ; k++) {
            double[] p = delta.clone();
            double[] m = delta.clone();
            p[k] += h;
            m[k] -= h;
            double fd = (AmortiserDistillation.weigh(AmortiserDistillation.Loss.KINETIC, p, new double[NQ])
                    - AmortiserDistillation.weigh(AmortiserDistillation.Loss.KINETIC, m, new double[NQ])) / (2 * h);
            assertEquals(fd, g[k], 1e-6);
        }
        double mse = AmortiserDistillation.weigh(AmortiserDistillation.Loss.MSE, delta, g);
        double sq = 0;
        for (double d : delta) {
            sq += 0.5 * d * d;
        }
        assertEquals(sq, mse, 1e-12);
        assertArrayEquals(delta, g);
    }
}
