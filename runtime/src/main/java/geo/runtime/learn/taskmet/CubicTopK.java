package geo.runtime.learn.taskmet;

import java.util.SplittableRandom;

/**
 * Cubic top-k (LODL's {@code CubicTopK.py}, the TaskMet paper's first problem), exactly as
 * published: 50 items per instance with x ~ U(−1, 1) and y = 10 (x³ − 0.65 x) (no noise); pick
 * k = 1 item, f(z, y) = Σ_j z_j y_j. 400 training instances of which the first 200 validate,
 * 400 test instances. Training decisions are the entropic top-k ({@link TopK}), test decisions
 * the indicator of the largest ŷ. The law makes least squares pick the wrong end: the best linear
 * fit has slope ≈ −0.5, so it ranks x ≈ −1 (y = −3.5) first, while y is largest at x = 1.
 */
public final class CubicTopK implements Problem {

    /** Items per instance. */
    public static final int ITEMS = 50;
    /** The budget k. */
    public static final int K = 1;
    /** Training instances (with the validation ones). */
    public static final int TRAIN = 400;
    /** The validation fraction of {@link #TRAIN} (the first ones). */
    public static final double VAL_FRACTION = 0.5;
    /** Test instances. */
    public static final int TEST = 400;

    private final TopK layer = new TopK(ITEMS, K);

    @Override
    public String name() {
        return "cubic";
    }

    @Override
    public int decisionSize() {
        return ITEMS;
    }

    /** The published data law, seeded: train and test each from their own seed drawn from {@code seed}. */
    public static Split data(long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        long trainSeed = root.nextLong();
        long testSeed = root.nextLong();
        Instances trainAll = instances(TRAIN, new SplittableRandom(trainSeed));
        int nVal = (int) (VAL_FRACTION * TRAIN);
        return new Split(trainAll.slice(nVal, TRAIN), trainAll.slice(0, nVal), instances(TEST,
                new SplittableRandom(testSeed)));
    }

    private static Instances instances(int n, SplittableRandom random) {
        double[][] x = new double[n][ITEMS];
        double[][] y = new double[n][ITEMS];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < ITEMS; j++) {
                double v = random.nextDouble(-1, 1);
                x[i][j] = v;
                y[i][j] = 10 * (v * v * v - 0.65 * v);
            }
        }
        return Instances.of(ITEMS, 1, 1, x, y);
    }

    @Override
    public double objective(Instances s, int i, double[] z) {
        double f = 0;
        for (int j = 0; j < ITEMS; j++) {
            f += z[j] * s.y()[i][j];
        }
        return f;
    }

    @Override
    public void objectiveGradient(Instances s, int i, double[] z, double[] out) {
        System.arraycopy(s.y()[i], 0, out, 0, ITEMS);
    }

    @Override
    public Decision decide(Instances s, int i, double[] yhat, SplittableRandom random) {
        return layer.solve(yhat);
    }

    @Override
    public double[] hardDecision(Instances s, int i, double[] yhat, SplittableRandom random) {
        return TopK.hard(yhat, K);
    }
}
