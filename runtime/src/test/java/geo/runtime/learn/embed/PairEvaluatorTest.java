package geo.runtime.learn.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.data.graph.Graphs;
import geo.runtime.data.graph.ShortestPaths;
import geo.runtime.manifold.EmbeddingSpace;
import geo.runtime.manifold.PairDistance;
import geo.runtime.manifold.closed.Euclidean;
import geo.runtime.manifold.closed.FiniteDifferences;
import geo.runtime.manifold.closed.Lorentz;
import geo.runtime.manifold.closed.PoincareBall;
import geo.runtime.manifold.closed.Sphere;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
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

    /**
     * What a space keeps from {@link EmbeddingSpace#prepare} (a compiled metric: each announced pair's
     * logarithm, used by that pair's next distance call) cannot reach a later call at other points or
     * θ: every pair a worker announces is asked for on the same instance, at the announced θ, before
     * that instance's next announcement, and none is left over after a batch, over batches whose θ and
     * pair orders change, with 1 and 3 threads and with the default and a wide announcement.
     */
    @Test
    void everyAnnouncedPairIsAskedForAtItsThetaBeforeTheNextAnnouncement() {
        ShortestPaths tree = ShortestPaths.of(Graphs.balancedTree(2, 4));
        int count = tree.pairCount();
        double[] positions = new double[tree.nodeCount() * 2];
        Random random = new Random(5);
        for (int k = 0; k < positions.length; k++) {
            positions[k] = random.nextGaussian();
        }
        for (int width : new int[] {1, 100}) {
            for (int threads : new int[] {1, 3}) {
                Announced space = new Announced(width, new AtomicInteger(), new AtomicInteger(), new ArrayList<>());
                try (PairEvaluator e = new PairEvaluator(space, tree, count, threads)) {
                    double[] theta = space.initialParameters();
                    for (int batch = 0; batch < 4; batch++) {
                        int[] shuffled = new int[count];
                        for (int k = 0; k < count; k++) {
                            shuffled[k] = (k * (7 + 2 * batch)) % count;
                        }
                        theta[1] += 0.1;
                        e.evaluate(shuffled, 0, count - 10 * batch, positions, theta, 1, PairLoss.RELATIVE_SQUARED);
                        e.reduce(new double[positions.length], new double[theta.length]);
                        assertEquals(0, e.failures);
                    }
                }
                String what = "width " + width + ", " + threads + " threads";
                assertTrue(space.prepares.get() > 0, what);
                assertEquals(0, space.violations.get(), what);
                for (Announced instance : space.instances) {
                    assertTrue(instance.pending.isEmpty(), what + ": announced, never asked for " + instance.pending);
                }
            }
        }
    }

    /**
     * The linear map, recording per instance the pairs announced and not yet asked for; a distance of
     * a pair not announced, or at another θ than announced, or an announcement with pairs of the last
     * one still pending, counts as a violation.
     */
    private static final class Announced implements EmbedFixtures.Wrapping {
        private final EmbeddingSpace inner = new EmbedFixtures.LinearMap(2);
        private final int width;
        final AtomicInteger violations;
        final AtomicInteger prepares;
        /** Every instance made, the first included. */
        final List<Announced> instances;
        final Set<Integer> pending = new HashSet<>();
        private double[] preparedTheta;

        Announced(int width, AtomicInteger violations, AtomicInteger prepares, List<Announced> instances) {
            this.width = width;
            this.violations = violations;
            this.prepares = prepares;
            this.instances = instances;
            synchronized (instances) {
                instances.add(this);
            }
        }

        @Override
        public EmbeddingSpace inner() {
            return inner;
        }

        @Override
        public int preparedWidth() {
            return width;
        }

        @Override
        public void prepare(int n, int[] pairs, double[] x, double[] y, double[] theta) {
            prepares.incrementAndGet();
            if (!pending.isEmpty()) {
                violations.incrementAndGet();
            }
            for (int b = 0; b < n; b++) {
                pending.add(pairs[b]);
            }
            preparedTheta = theta.clone();
        }

        @Override
        public PairDistance distance(int pair, double[] x, double[] y, double[] theta, double[] gx, double[] gy,
                                     double[] gTheta) {
            if (!pending.remove(pair) || !Arrays.equals(theta, preparedTheta)) {
                violations.incrementAndGet();
            }
            return inner.distance(pair, x, y, theta, gx, gy, gTheta);
        }

        @Override
        public EmbeddingSpace forThread() {
            return new Announced(width, violations, prepares, instances);
        }
    }
}
