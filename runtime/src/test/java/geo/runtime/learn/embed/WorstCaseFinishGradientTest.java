package geo.runtime.learn.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.data.graph.Graphs;
import geo.runtime.data.graph.ShortestPaths;
import geo.runtime.learn.TrainingListener;
import geo.runtime.learn.embed.EmbedFixtures.LinearMap;
import geo.runtime.manifold.EmbeddingSpace;
import geo.runtime.manifold.PairDistance;
import geo.runtime.manifold.WarmStartedSpace;
import java.util.ArrayList;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The annealed finish of a space with parameters θ (a learned metric's): its objective's gradient
 * in the positions and θ together, and the shorter-geodesic rule its evaluations follow.
 */
class WorstCaseFinishGradientTest {

    /**
     * ∂L_τ/∂(x, θ) of the finish's objective on the 5-cycle in a 2-D linear-map model, at a random
     * point and τ = 0.1 and 0.01, against central differences (h = 1e-6; agreement to 1e-6 of the
     * gradient's largest entry): the chain rule through the evaluator's per-pair gradients, the
     * division by the pair count and the θ block of the variables.
     */
    @Test
    void theGradientInPositionsAndThetaMatchesFiniteDifferences() {
        ShortestPaths target = ShortestPaths.of(Graphs.cycle(5));
        LinearMap space = new LinearMap(2);
        SplittableRandom random = new SplittableRandom(7);
        double[] positions = new double[5 * 2];
        for (int k = 0; k < positions.length; k++) {
            positions[k] = 2 * random.nextDouble() - 1;
        }
        double[] theta = {1.2, 0.3, -0.2, 0.8};
        for (double tau : new double[] {0.1, 0.01}) {
            try (AnnealedFinish.Surrogate f = surrogate(space, target, 2)) {
                f.temperature(tau);
                double[] z = f.variables(positions, theta);
                assertEquals(positions.length + theta.length, z.length);
                double[] grad = new double[z.length];
                double value = f.valueAndGradient(z, grad);
                assertTrue(Double.isFinite(value));
                double largest = 0;
                for (double g : grad) {
                    largest = Math.max(largest, Math.abs(g));
                }
                double h = 1e-6;
                double[] scratch = new double[z.length];
                for (int k = 0; k < z.length; k++) {
                    double[] plus = z.clone();
                    double[] minus = z.clone();
                    plus[k] += h;
                    minus[k] -= h;
                    double fd = (f.valueAndGradient(plus, scratch) - f.valueAndGradient(minus, scratch)) / (2 * h);
                    assertEquals(fd, grad[k], 1e-6 * largest, "τ " + tau + ", variable " + k
                            + (k < positions.length ? " (a position)" : " (θ)"));
                }
                double[] p = new double[positions.length];
                double[] t = new double[theta.length];
                f.unpack(z, p, t);
                assertEquals(theta[3], t[3], 0);
                assertEquals(positions[7], p[7], 0);
            }
        }
    }

    /**
     * After a rejected trial point every pair is solved both ways and the shorter kept; a pair whose
     * fresh geodesic was shorter stays checked; otherwise the warm-started solve alone is used.
     */
    @Test
    void afterARejectedTrialTheShorterGeodesicIsKept() {
        Branches warm = new Branches(new LinearMap(1), 0, 1.5);
        ShorterGeodesic space = new ShorterGeodesic(warm, 3);
        double[] theta = {1};
        double[] g = new double[1];
        double[] x = {0};
        double[] y = {2};
        assertEquals(3.0, space.distance(0, x, y, theta, g, g, g).value(), 1e-15, "warm alone, on the longer branch");
        assertEquals(0, warm.calls[0]);
        space.verifyNext(true);
        assertEquals(2.0, space.distance(0, x, y, theta, g, g, g).value(), 1e-15, "the shorter, fresh one");
        assertEquals(2.0, space.distance(1, x, y, theta, g, g, g).value(), 1e-15, "pair 1: both branches agree");
        assertEquals(2, warm.calls[0]);
        space.verifyNext(false);
        assertEquals(2.0, space.distance(0, x, y, theta, g, g, g).value(), 1e-15, "pair 0 stays checked");
        assertEquals(2.0, space.distance(1, x, y, theta, g, g, g).value(), 1e-15);
        assertEquals(3, warm.calls[0], "pair 1 is not solved afresh again");
        assertEquals(1, space.freshPairs());
        assertTrue(space.distance(2, x, y, theta, g, g, g).ok());
    }

    /**
     * A warm-started space whose warm solve of one pair follows a longer geodesic (its distance
     * times a factor); its {@link #withoutWarmStarts()} solves every pair on the shortest one and
     * counts its calls in {@link #calls}.
     */
    private static final class Branches implements WarmStartedSpace, EmbedFixtures.Wrapping {
        final EmbeddingSpace inner;
        final int longPair;
        final double factor;
        /** Calls of the fresh instance, shared with it. */
        final int[] calls;

        Branches(EmbeddingSpace inner, int longPair, double factor) {
            this(inner, longPair, factor, new int[1]);
        }

        private Branches(EmbeddingSpace inner, int longPair, double factor, int[] calls) {
            this.inner = inner;
            this.longPair = longPair;
            this.factor = factor;
            this.calls = calls;
        }

        @Override
        public EmbeddingSpace inner() {
            return inner;
        }

        @Override
        public PairDistance distance(int pair, double[] x, double[] y, double[] theta, double[] gx, double[] gy,
                                     double[] gTheta) {
            if (longPair < 0) {
                calls[0]++;
            }
            PairDistance d = inner.distance(pair, x, y, theta, gx, gy, gTheta);
            return pair == longPair && d.ok() ? PairDistance.of(factor * d.value()) : d;
        }

        @Override
        public EmbeddingSpace forThread() {
            return this;
        }

        @Override
        public void clearWarmStarts() {
        }

        @Override
        public boolean hasWarmStart(int pair) {
            return true;
        }

        @Override
        public EmbeddingSpace withoutWarmStarts() {
            return new Branches(inner, -1, 1, calls);
        }
    }

    private static AnnealedFinish.Surrogate surrogate(EmbeddingSpace space, ShortestPaths target, int threads) {
        EmbedOptions options = EmbedOptions.DEFAULTS.with(EmbedOptions.DEFAULTS.execution().withThreads(threads));
        return new AnnealedFinish.Surrogate(space, target, options, space.parameterCount(), 1, new ArrayList<>(),
                TrainingListener.none());
    }
}
