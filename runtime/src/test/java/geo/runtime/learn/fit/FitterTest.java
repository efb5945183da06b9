package geo.runtime.learn.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.api.LossKernels;
import geo.runtime.api.ModelDescriptor.Input;
import geo.runtime.api.ModelDescriptor.Parameter;
import geo.runtime.data.table.DataSet;
import geo.runtime.learn.Execution;
import geo.runtime.learn.Schedule;
import geo.runtime.learn.Stopping;
import geo.runtime.linalg.Dense;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fitting loop on hand-written losses with closed forms. */
class FitterTest {

    static final int D = 3;

    /** y = Xw + b + 0.1·noise over N rows of x ~ U(−1, 1)³. */
    static DataSet linearData(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] v = new double[n * (D + 1)];
        double[] w = {1.5, -2, 0.5};
        for (int r = 0; r < n; r++) {
            double y = 0.3;
            for (int i = 0; i < D; i++) {
                v[r * (D + 1) + i] = random.nextDouble(-1, 1);
                y += w[i] * v[r * (D + 1) + i];
            }
            v[r * (D + 1) + D] = y + 0.1 * random.nextGaussian();
        }
        return TestLosses.rows(D + 1, v);
    }

    /** The normal-equations solution (AᵀA)⁻¹Aᵀy with A = [X 1]. */
    static double[] normalEquations(DataSet data) {
        int p = D + 1;
        double[] ata = new double[p * p];
        double[] aty = new double[p];
        double[] row = new double[D + 1];
        double[] a = new double[p];
        for (int r = 0; r < data.rows(); r++) {
            data.row(r, row);
            System.arraycopy(row, 0, a, 0, D);
            a[D] = 1;
            for (int i = 0; i < p; i++) {
                aty[i] += a[i] * row[D];
                for (int j = 0; j < p; j++) {
                    ata[i * p + j] += a[i] * a[j];
                }
            }
        }
        assertTrue(Dense.solve(ata, aty, p));
        return aty;
    }

    static FitOptions options(Optimisation.Method method, int epochs, int threads) {
        return FitOptions.DEFAULTS.with(Optimisation.DEFAULTS.withMethod(method))
                .with(Stopping.DEFAULTS.withMaxEpochs(epochs)).with(new Execution(7, threads));
    }

    @Test
    void lbfgsRecoversTheNormalEquationsSolution() {
        DataSet data = linearData(500, 1);
        FitResult r = new Fitter(TestLosses.leastSquares(D), options(Optimisation.Method.LBFGS, 200, 2))
                .fit(data, Optional.empty(), new double[D + 1]);
        assertEquals(FitStatus.CONVERGED, r.status(), r.message());
        double[] want = normalEquations(data);
        for (int i = 0; i <= D; i++) {
            assertEquals(want[i], r.theta()[i], 1e-8 * Math.abs(want[i]), "θ[" + i + "]");
        }
        assertEquals(500, r.trainRows());
        assertEquals(0, r.validationRows());
    }

    @Test
    void adamGivesTheSameBitsOnOneTwoAndThreeThreads() {
        DataSet data = linearData(1000, 2);
        FitResult one = new Fitter(TestLosses.leastSquares(D), options(Optimisation.Method.ADAM, 4, 1)
                .with(Optimisation.DEFAULTS.withBatchSize(333).withLearningRate(0.05)))
                .fit(data, Optional.empty(), new double[D + 1]);
        for (int threads : new int[] {2, 3}) {
            FitResult many = new Fitter(TestLosses.leastSquares(D), options(Optimisation.Method.ADAM, 4, threads)
                    .with(Optimisation.DEFAULTS.withBatchSize(333).withLearningRate(0.05)))
                    .fit(data, Optional.empty(), new double[D + 1]);
            assertArrayEquals(one.theta(), many.theta(), 0.0, threads + " threads");
            for (int e = 0; e < 4; e++) {
                assertEquals(one.epochs().get(e).train(), many.epochs().get(e).train(), 0.0);
            }
        }
    }

    @Test
    void adamConvergesNearTheSolutionAndValidationPicksTheEpoch() {
        DataSet data = linearData(800, 3);
        DataSet validation = linearData(200, 4);
        FitOptions o = options(Optimisation.Method.ADAMW, 60, 2)
                .with(Optimisation.DEFAULTS.withMethod(Optimisation.Method.ADAMW).withWeightDecay(1e-4)
                        .withLearningRate(0.05).withBatchSize(32).withClipNorm(10))
                .with(new Schedule(Schedule.Kind.COSINE, 0.01));
        FitResult r = new Fitter(TestLosses.leastSquares(D), o).fit(data, Optional.of(validation), new double[D + 1]);
        double[] want = normalEquations(data);
        for (int i = 0; i <= D; i++) {
            assertEquals(want[i], r.theta()[i], 0.02, "θ[" + i + "]");
        }
        // The returned θ is the kept epoch's: its validation loss, recomputed, is the one recorded.
        LossKernels l = TestLosses.leastSquares(D);
        double sum = 0;
        double[] row = new double[D + 1];
        for (int k = 0; k < validation.rows(); k++) {
            validation.row(k, row);
            sum += l.loss(row, r.theta());
        }
        double recorded = r.keptEpoch().orElseThrow().validation().getAsDouble();
        assertEquals(recorded, sum / validation.rows(), 1e-14 * recorded);
        for (FitEpoch e : r.epochs()) {
            assertTrue(recorded <= e.validation().getAsDouble());
        }
    }

    @Test
    void aValidationFractionIsASeededSplit() {
        DataSet data = linearData(100, 5);
        FitOptions o = options(Optimisation.Method.ADAM, 2, 1).with(new Validation(0.25));
        FitResult a = new Fitter(TestLosses.leastSquares(D), o).fit(data, Optional.empty(), new double[D + 1]);
        FitResult b = new Fitter(TestLosses.leastSquares(D), o).fit(data, Optional.empty(), new double[D + 1]);
        assertEquals(75, a.trainRows());
        assertEquals(25, a.validationRows());
        assertArrayEquals(a.theta(), b.theta(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> new Fitter(TestLosses.leastSquares(D), o)
                .fit(data, Optional.of(data), new double[D + 1]));
    }

    /** AdamW on a loss with zero gradient: only the decay acts, θ_T = θ₀ (1 − ηλ)^T. */
    @Test
    void decoupledDecayShrinksTheParametersGeometrically() {
        LossKernels flat = TestLosses.loss(List.of(new Input("x", List.of(), 0, Input.Source.DATA)),
                List.of(new Parameter("a", List.of(), 0)), (in, th, gi, gt) -> {
                    gi[0] = 0;
                    gt[0] = 0;
                    return 1;
                });
        DataSet data = TestLosses.rows(1, new double[] {1, 2, 3, 4});
        FitOptions o = options(Optimisation.Method.ADAMW, 5, 1).with(Optimisation.DEFAULTS
                .withMethod(Optimisation.Method.ADAMW).withLearningRate(0.1).withWeightDecay(0.5).withBatchSize(2))
                .with(Stopping.DEFAULTS.withMaxEpochs(5).withRestoreBest(false));
        FitResult r = new Fitter(flat, o).fit(data, Optional.empty(), new double[] {2});
        assertEquals(2 * Math.pow(1 - 0.05, 10), r.theta()[0], 1e-15);
    }

    /** ℓ = √a · x: Adam drives a down through 0, where the loss becomes NaN; the run stops there. */
    @Test
    void aLossThatBecomesNanStopsWithTheEpochBatchAndRow() {
        LossKernels sqrt = TestLosses.loss(List.of(new Input("x", List.of(), 0, Input.Source.DATA)),
                List.of(new Parameter("a", List.of(), 0)), (in, th, gi, gt) -> {
                    double s = Math.sqrt(th[0]);
                    gi[0] = s;
                    gt[0] = in[0] / (2 * s);
                    return s * in[0];
                });
        DataSet data = TestLosses.rows(1, new double[] {1, 1, 1, 1});
        FitOptions o = options(Optimisation.Method.ADAM, 50, 2)
                .with(Optimisation.DEFAULTS.withLearningRate(0.3).withBatchSize(2));
        FitResult r = new Fitter(sqrt, o).fit(data, Optional.empty(), new double[] {1});
        assertEquals(FitStatus.NON_FINITE, r.status());
        FitResult.NonFinite n = r.nonFinite().orElseThrow();
        assertTrue(n.batch() >= 1 && n.batch() <= 2, "batch " + n.batch());
        assertTrue(n.where().matches("t\\.csv:[2-5]"), n.where());
        assertTrue(r.message().startsWith("epoch " + n.epoch() + ": batch " + n.batch() + ": the loss is NaN at t.csv:"),
                r.message());
        assertTrue(r.theta()[0] > 0, "the returned θ is the last good one: " + r.theta()[0]);
        assertTrue(n.epoch() > 1);
        assertEquals(0, r.kept());
    }

    /** One bad row among good ones: the message names that row's line. */
    @Test
    void aNonFiniteRowIsNamedByItsLine() {
        LossKernels l = TestLosses.loss(List.of(new Input("x", List.of(), 0, Input.Source.DATA)),
                List.of(new Parameter("a", List.of(), 0)), (in, th, gi, gt) -> {
                    gi[0] = 0;
                    gt[0] = in[0] == 99 ? Double.POSITIVE_INFINITY : 2 * th[0];
                    return th[0] * th[0];
                });
        double[] v = new double[40];
        v[17] = 99;
        FitResult r = new Fitter(l, options(Optimisation.Method.ADAM, 3, 2)).fit(TestLosses.rows(1, v),
                Optional.empty(), new double[] {1});
        assertEquals(FitStatus.NON_FINITE, r.status());
        assertEquals("t.csv:19", r.nonFinite().orElseThrow().where());
        assertEquals(1, r.nonFinite().orElseThrow().epoch());
        assertEquals("the gradient of the loss is not finite", r.nonFinite().orElseThrow().what());
    }

    /** ℓ = (a − ε)², ε ~ N(0, 1) drawn per row and epoch: a settles near E ε = 0, the same on 1 and 2 threads. */
    @Test
    void noiseInputsAreDrawnPerRowAndEpochIndependentlyOfThreads() {
        LossKernels l = TestLosses.loss(List.of(new Input("x", List.of(), 0, Input.Source.DATA),
                        new Input("eps", List.of(), 1, Input.Source.NORMAL)),
                List.of(new Parameter("a", List.of(), 0)), (in, th, gi, gt) -> {
                    double r = th[0] - in[1];
                    gi[0] = 0;
                    gi[1] = -2 * r;
                    gt[0] = 2 * r;
                    return r * r;
                });
        DataSet data = TestLosses.rows(2, new double[400]);
        FitOptions o = options(Optimisation.Method.ADAM, 30, 1).with(Optimisation.DEFAULTS.withLearningRate(0.05)
                .withBatchSize(50));
        FitResult one = new Fitter(l, o).fit(data, Optional.empty(), new double[] {3});
        FitResult two = new Fitter(l, o.with(new Execution(7, 2))).fit(data, Optional.empty(), new double[] {3});
        assertArrayEquals(one.theta(), two.theta(), 0.0);
        assertEquals(0, one.theta()[0], 0.15);
        // Mean loss ≈ E(a − ε)² = a² + 1 ≈ 1 once a ≈ 0: the draws are fresh, not a fixed sample.
        double last = one.epochs().get(one.epochs().size() - 1).train();
        assertEquals(1, last, 0.25);
    }

    @Test
    void noiseDrawsDependOnlyOnSeedStreamAndRow() {
        NoiseDraws noise = new NoiseDraws(List.of(new Input("x", List.of(), 0, Input.Source.DATA),
                new Input("e", List.of(2), 1, Input.Source.NORMAL), new Input("u", List.of(), 3, Input.Source.UNIFORM)));
        double[] a = new double[4];
        double[] b = new double[4];
        noise.fill(a, 1, 5, 9);
        noise.fill(b, 1, 5, 9);
        assertArrayEquals(a, b, 0.0);
        noise.fill(b, 1, 6, 9);
        assertFalse(a[1] == b[1]);
        double sum = 0;
        double squares = 0;
        int n = 20000;
        for (int r = 0; r < n; r++) {
            noise.fill(a, 1, 1, r);
            sum += a[1];
            squares += a[1] * a[1];
            assertTrue(a[3] >= 0 && a[3] < 1);
            assertEquals(0, a[0], 0.0);
        }
        assertEquals(0, sum / n, 0.03);
        assertEquals(1, squares / n, 0.05);
    }

    /** Patience: a rate too large to settle stops early, and the result is the best validation epoch's θ. */
    @Test
    void patienceStopsEarlyAndRestoresTheBestValidationEpoch() {
        DataSet data = linearData(400, 8);
        DataSet validation = linearData(100, 9);
        FitOptions o = options(Optimisation.Method.ADAM, 300, 2)
                .with(Optimisation.DEFAULTS.withLearningRate(0.5).withBatchSize(20))
                .with(Stopping.DEFAULTS.withMaxEpochs(300).withPatience(3));
        FitResult r = new Fitter(TestLosses.leastSquares(D), o).fit(data, Optional.of(validation), new double[D + 1]);
        assertEquals(FitStatus.STOPPED_EARLY, r.status(), r.message());
        assertTrue(r.epochs().size() < 300);
        assertTrue(r.kept() < r.epochs().size());
        double best = r.epochs().stream().mapToDouble(e -> e.validation().getAsDouble()).min().orElseThrow();
        assertEquals(best, r.keptEpoch().orElseThrow().validation().getAsDouble(), 0.0);
        LossKernels l = TestLosses.leastSquares(D);
        double sum = 0;
        double[] row = new double[D + 1];
        for (int k = 0; k < validation.rows(); k++) {
            validation.row(k, row);
            sum += l.loss(row, r.theta());
        }
        assertEquals(best, sum / validation.rows(), 1e-14 * best);
    }
}
