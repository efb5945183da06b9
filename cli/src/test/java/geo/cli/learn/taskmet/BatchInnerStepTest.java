package geo.cli.learn.taskmet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.source.SourceFile;
import geo.runtime.api.BatchLossKernels;
import geo.runtime.learn.taskmet.Method;
import geo.runtime.learn.taskmet.Networks;
import geo.runtime.learn.taskmet.Portfolio;
import geo.runtime.learn.taskmet.Split;
import geo.runtime.learn.taskmet.TaskMetOptions;
import geo.runtime.learn.taskmet.TaskMetResult;
import geo.runtime.learn.taskmet.TaskMetTrainer;
import org.junit.jupiter.api.Test;

/**
 * TaskMet's inner steps by the loss's batch kernel ({@code lossGradientBatch}) on a Portfolio
 * model with portfolio.geo's layers narrowed to 16 units: the mean loss and its θ_P-gradient over
 * 10 instances (500 rows) agree with the per-row kernel's to 1e-13 of the largest component (the
 * batch kernel sums the rows in the same order; both compute tanh as geo.runtime.api.Tanh), and two
 * TaskMet runs (inner steps, implicit hypergradients, metric steps) with the same seed give the
 * same bits.
 */
class BatchInnerStepTest {

    private static final String MODEL = """
            param W1[16, 27] ~ uniform(-0.19, 0.19);
            param b1[16] ~ uniform(-0.19, 0.19);
            param W2[16] ~ uniform(-0.25, 0.25);
            param b2 ~ uniform(-0.25, 0.25);
            param M1[16, 27] ~ uniform(-0.19, 0.19);
            param c1[16] ~ uniform(-0.19, 0.19);
            param M2[16] ~ uniform(-0.25, 0.25);
            param c2 ~ uniform(-0.25, 0.25);
            param s = 0;
            fn predict(x[27]) = tanh(dot(W2, relu(W1 * x + b1)) + b2);
            fn lfactor(x[27]) = dot(M2, relu(M1 * x + c1)) + c2;
            loss pred(x[27], y) = (lfactor(x)^2 + exp(s)) * (predict(x) - y)^2;
            """;

    @Test
    void batchKernelInnerGradientMatchesThePerRowPathAndRunsRepeat() {
        StringBuilder errors = new StringBuilder();
        TaskMetModels.Compiled c = TaskMetModels.compile(SourceFile.of("small.geo", MODEL), errors);
        assertNotNull(c, errors.toString());
        Networks nets = TaskMetModels.networks(c, 2);
        assertTrue(nets.predictionLoss() instanceof BatchLossKernels, "the loss has a batch kernel");
        Split full = Portfolio.synthetic(2);
        Split data = new Split(full.train().slice(0, 20), full.validation().slice(0, 4), full.test().slice(0, 4));
        TaskMetOptions options = TaskMetOptions.of("portfolio").withIterations(2).withInner(3, 2).withCgIterations(2);
        TaskMetTrainer t = new TaskMetTrainer(new Portfolio(), data, nets, options);
        int[] batch = {0, 3, 5, 7, 9, 11, 13, 15, 17, 19};
        double[] theta = nets.initial();
        int p = nets.predictorParameters().length;
        double[] rowG = new double[p];
        double[] batchG = new double[p];
        double rowLoss = t.predictionLoss(data.train(), batch, theta, rowG, false);
        double batchLoss = t.predictionLoss(data.train(), batch, theta, batchG, true);
        assertEquals(rowLoss, batchLoss, 1e-13 * Math.abs(rowLoss), "mean loss");
        double scale = 0;
        for (double g : rowG) {
            scale = Math.max(scale, Math.abs(g));
        }
        for (int k = 0; k < p; k++) {
            assertEquals(rowG[k], batchG[k], 1e-13 * scale, "gradient component " + k);
        }
        TaskMetResult a = t.run(Method.TASKMET, 5, null);
        TaskMetResult b = new TaskMetTrainer(new Portfolio(), data, nets, options).run(Method.TASKMET, 5, null);
        assertEquals(2, a.iterations(), a.message());
        assertArrayEquals(a.theta(), b.theta(), "same seed, same bits");
    }
}
