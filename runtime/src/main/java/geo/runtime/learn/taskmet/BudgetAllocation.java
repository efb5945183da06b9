package geo.runtime.learn.taskmet;

import geo.runtime.data.table.Table;
import java.util.SplittableRandom;

/**
 * Budget allocation (Wilder et al. 2019 via LODL's {@code BudgetAllocation.py}): Y ∈ [0, 1]^{5×10}
 * holds the probabilities that 5 items (channels) reach 10 targets; the features of item i are
 * X_i = Linear(10 → 10)((Y_i − mean)/std), with one fixed random linear layer (PyTorch's default
 * initialisation U(−1/√10, 1/√10) for weights and bias) shared by all splits and the mean and
 * standard deviation taken per target over all items of all instances of the split. The decision
 * z ∈ {0 ≤ z ≤ 1, Σz = 2} maximises the {@link Coverage} of the predicted Y by 100 steps of
 * projected accelerated gradient ascent from a random start ({@link CappedSimplex}), for training
 * and testing alike; f(z, Y) is the coverage of the true Y. 100 training instances (the first 20
 * validate), 500 test instances.
 *
 * <p>The published Y are rows and columns subsampled from a data set stored with Git LFS and not
 * available; {@link #synthetic} draws the spec's substitute Y_it = B_it U_it with B ~ Bernoulli(0.3)
 * and U ~ U(0, 1) (sparse coverage probabilities), so numbers are not comparable to the paper's.
 * {@link #fromTable} reads real Y from a CSV file instead.
 */
public final class BudgetAllocation implements Problem {

    /** Items (channels). */
    public static final int ITEMS = 5;
    /** Targets. */
    public static final int TARGETS = 10;
    /** The budget Σz (the config's 2). */
    public static final double BUDGET = 2;
    /** Training instances, with the validation ones. */
    public static final int TRAIN = 100;
    /** The validation fraction (the first instances). */
    public static final double VAL_FRACTION = 0.2;
    /** Test instances. */
    public static final int TEST = 500;
    /** The Bernoulli rate of the synthetic Y. */
    public static final double DENSITY = 0.3;

    private final CappedSimplex.Settings settings;

    public BudgetAllocation(CappedSimplex.Settings settings) {
        this.settings = settings;
    }

    public BudgetAllocation() {
        this(CappedSimplex.Settings.DEFAULTS);
    }

    @Override
    public String name() {
        return "budget";
    }

    @Override
    public int decisionSize() {
        return ITEMS;
    }

    /** The synthetic substitute: train and test Y each from their own seed drawn from {@code seed}. */
    public static Split synthetic(long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        double[] layer = linearLayer(root);
        long trainSeed = root.nextLong();
        long testSeed = root.nextLong();
        return split(draw(TRAIN, new SplittableRandom(trainSeed)), draw(TEST, new SplittableRandom(testSeed)), layer);
    }

    /**
     * Y from a table with the 10 columns {@code t0 … t9} (one row per item, 5 consecutive rows per
     * instance, values in [0, 1]); the first {@link #TRAIN} instances train and validate, the rest
     * test. The linear feature layer is drawn from {@code seed}.
     *
     * @throws IllegalArgumentException with the file and line of the first bad row
     */
    public static Split fromTable(Table table, long seed) {
        int[] cols = new int[TARGETS];
        for (int t = 0; t < TARGETS; t++) {
            cols[t] = table.header().indexOf("t" + t);
            if (cols[t] < 0) {
                throw new IllegalArgumentException(table.source() + ": no column 't" + t + "' (need t0 … t9, one row "
                        + "per item, " + ITEMS + " rows per instance)");
            }
        }
        if (table.rows() % ITEMS != 0 || table.rows() / ITEMS <= TRAIN) {
            throw new IllegalArgumentException(table.source() + ": " + table.rows() + " rows are not " + ITEMS
                    + " rows per instance for more than " + TRAIN + " instances");
        }
        int n = table.rows() / ITEMS;
        double[][] y = new double[n][ITEMS * TARGETS];
        for (int r = 0; r < table.rows(); r++) {
            for (int t = 0; t < TARGETS; t++) {
                double v = table.get(r, cols[t]);
                if (!(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException(table.source() + ":" + table.lines()[r] + ": t" + t + " = " + v
                            + " is not a probability in [0, 1]");
                }
                y[r / ITEMS][(r % ITEMS) * TARGETS + t] = v;
            }
        }
        double[] layer = linearLayer(new SplittableRandom(seed));
        return split(java.util.Arrays.copyOfRange(y, 0, TRAIN), java.util.Arrays.copyOfRange(y, TRAIN, n), layer);
    }

    private static double[][] draw(int n, SplittableRandom random) {
        double[][] y = new double[n][ITEMS * TARGETS];
        for (double[] yi : y) {
            for (int k = 0; k < yi.length; k++) {
                yi[k] = random.nextDouble() < DENSITY ? random.nextDouble() : 0;
            }
        }
        return y;
    }

    /** W (10×10) then b (10), U(−1/√10, 1/√10) as PyTorch's {@code nn.Linear}. */
    private static double[] linearLayer(SplittableRandom random) {
        double bound = 1 / Math.sqrt(TARGETS);
        double[] layer = new double[TARGETS * TARGETS + TARGETS];
        for (int k = 0; k < layer.length; k++) {
            layer[k] = random.nextDouble(-bound, bound);
        }
        return layer;
    }

    private static Split split(double[][] trainY, double[][] testY, double[] layer) {
        Instances train = features(trainY, layer);
        int nVal = (int) (VAL_FRACTION * trainY.length);
        return new Split(train.slice(nVal, trainY.length), train.slice(0, nVal), features(testY, layer));
    }

    /** X = Linear((Y − mean)/std) per item, mean and (n−1) standard deviation per target over the split. */
    private static Instances features(double[][] y, double[] layer) {
        int n = y.length;
        double[] mean = new double[TARGETS];
        double[] sd = new double[TARGETS];
        int count = n * ITEMS;
        for (double[] yi : y) {
            for (int r = 0; r < ITEMS; r++) {
                for (int t = 0; t < TARGETS; t++) {
                    mean[t] += yi[r * TARGETS + t] / count;
                }
            }
        }
        for (double[] yi : y) {
            for (int r = 0; r < ITEMS; r++) {
                for (int t = 0; t < TARGETS; t++) {
                    double d = yi[r * TARGETS + t] - mean[t];
                    sd[t] += d * d / (count - 1);
                }
            }
        }
        for (int t = 0; t < TARGETS; t++) {
            sd[t] = sd[t] > 0 ? Math.sqrt(sd[t]) : 1;
        }
        double[][] x = new double[n][ITEMS * TARGETS];
        double[] u = new double[TARGETS];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < ITEMS; r++) {
                for (int t = 0; t < TARGETS; t++) {
                    u[t] = (y[i][r * TARGETS + t] - mean[t]) / sd[t];
                }
                for (int o = 0; o < TARGETS; o++) {
                    double v = layer[TARGETS * TARGETS + o];
                    for (int t = 0; t < TARGETS; t++) {
                        v += layer[o * TARGETS + t] * u[t];
                    }
                    x[i][r * TARGETS + o] = v;
                }
            }
        }
        return Instances.of(ITEMS, TARGETS, TARGETS, x, y);
    }

    @Override
    public double objective(Instances s, int i, double[] z) {
        return Coverage.value(z, s.y()[i], ITEMS, TARGETS);
    }

    @Override
    public void objectiveGradient(Instances s, int i, double[] z, double[] out) {
        Coverage.gradient(z, s.y()[i], ITEMS, TARGETS, out);
    }

    @Override
    public Decision decide(Instances s, int i, double[] yhat, SplittableRandom random) {
        double[] z0 = new double[ITEMS];
        for (int k = 0; k < ITEMS; k++) {
            z0[k] = random.nextDouble();
        }
        return CappedSimplex.maximise(new Coverage(yhat.clone(), ITEMS, TARGETS), z0, BUDGET, settings,
                ITEMS * TARGETS);
    }

    @Override
    public double[] hardDecision(Instances s, int i, double[] yhat, SplittableRandom random) {
        return decide(s, i, yhat, random).z();
    }
}
