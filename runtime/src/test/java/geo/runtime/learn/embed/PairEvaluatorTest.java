package geo.runtime.learn.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import geo.runtime.data.graph.Graphs;
import geo.runtime.data.graph.ShortestPaths;
import geo.runtime.manifold.EmbeddingSpace;
import geo.runtime.manifold.closed.Euclidean;
import geo.runtime.manifold.closed.FiniteDifferences;
import geo.runtime.manifold.closed.Lorentz;
import geo.runtime.manifold.closed.PoincareBall;
import geo.runtime.manifold.closed.Sphere;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The batch loss Σ ℓ(e^σ·d_M, d_G) and its gradients in positions, θ and σ, for every space and loss. */
class PairEvaluatorTest {

    private static final double FD_TOLERANCE = 1e-7;

    private final ShortestPaths target = ShortestPaths.of(Graphs.balancedTree(2, 2));
    private final int pairs = target.pairCount();
    private final int[] order = new int[pairs];

    PairEvaluatorTest() {
        for (int k = 0; k < pairs; k++) {
            order[k] = pairs - 1 - k;
        }
    }

    private static EmbeddingSpace[] spaces() {
        return new EmbeddingSpace[] {new Euclidean(2), new PoincareBall(2), new Lorentz(3), new Sphere(2, 1.7)};
    }

    private double lossSum(PairEvaluator e, double[] positions, double[] theta, double sigma, PairLoss loss) {
        e.evaluate(order, 0, pairs, positions, theta, Math.exp(sigma), loss);
        e.reduce(new double[positions.length], new double[theta.length]);
        assertEquals(0, e.failures);
        return e.lossSum;
    }

    @Test
    void gradientsOfEveryLossInPositionsParametersAndScale() {
        Random random = new Random(3);
        for (EmbeddingSpace space : spaces()) {
            int n = target.nodeCount();
            int dim = space.dimension();
            double[] positions = new double[n * dim];
            double[] node = new double[dim];
            for (int u = 0; u < n; u++) {
                for (int a = 0; a < dim; a++) {
                    node[a] = 0.6 * random.nextGaussian() / Math.sqrt(dim);
                }
                space.project(node);
                System.arraycopy(node, 0, positions, u * dim, dim);
            }
            double[] theta = space.initialParameters();
            for (PairLoss loss : PairLoss.values()) {
                try (PairEvaluator e = new PairEvaluator(space, target, pairs, 2)) {
                    double sigma = 0.3;
                    double[] gp = new double[positions.length];
                    double[] gt = new double[theta.length];
                    e.evaluate(order, 0, pairs, positions, theta, Math.exp(sigma), loss);
                    e.reduce(gp, gt);
                    double[] gs = {e.sigmaGradient};
                    String what = space.name() + " " + loss;
                    double h = 1.0 / 65536;
                    FiniteDifferences.check(what + " ∂/∂positions", p -> lossSum(e, p, theta, sigma, loss),
                            positions.clone(), gp, h, FD_TOLERANCE, 1);
                    FiniteDifferences.check(what + " ∂/∂θ", t -> lossSum(e, positions, t, sigma, loss),
                            theta.clone(), gt, h, FD_TOLERANCE, 1);
                    FiniteDifferences.check(what + " ∂/∂σ", s -> lossSum(e, positions, theta, s[0], loss),
                            new double[] {sigma}, gs, h, FD_TOLERANCE, 1);
                }
            }
        }
    }

    @Test
    void sumsDoNotDependOnTheNumberOfThreads() {
        // 31 nodes, 465 pairs: 15 chunks, so workers really share the batch
        ShortestPaths tree = ShortestPaths.of(Graphs.balancedTree(2, 4));
        int count = tree.pairCount();
        int[] shuffled = new int[count];
        for (int k = 0; k < count; k++) {
            shuffled[k] = (k * 7) % count;
        }
        EmbeddingSpace space = new PoincareBall(3);
        double[] positions = new double[tree.nodeCount() * 3];
        Random random = new Random(11);
        for (int k = 0; k < positions.length; k++) {
            positions[k] = 0.5 * random.nextDouble() - 0.25;
        }
        double[] reference = null;
        for (int threads = 1; threads <= 4; threads++) {
            try (PairEvaluator e = new PairEvaluator(space, tree, count, threads)) {
                double[] gp = new double[positions.length];
                e.evaluate(shuffled, 0, count, positions, new double[0], 1.3, PairLoss.RELATIVE_SQUARED);
                e.reduce(gp, new double[0]);
                double[] all = new double[gp.length + 2];
                System.arraycopy(gp, 0, all, 0, gp.length);
                all[gp.length] = e.lossSum;
                all[gp.length + 1] = e.sigmaGradient;
                if (reference == null) {
                    reference = all;
                } else {
                    assertArrayEquals(reference, all, 0.0, threads + " threads");
                }
            }
        }
    }
}
