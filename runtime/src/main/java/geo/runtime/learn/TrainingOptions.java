package geo.runtime.learn;

/**
 * Settings of a {@link Trainer}, with defaults for small graphs; setters validate and return this.
 * Not thread-safe: a trainer reads them while {@link Trainer#train} runs, so change them only between runs.
 */
public final class TrainingOptions {

    private PairLoss loss = PairLoss.STRESS;
    private boolean learnScale;
    private int maxEpochs = 1000;
    private int batchSize = 256;
    private double positionLearningRate = 0.01;
    private double parameterLearningRate = 1e-3;
    private int patience = 50;
    private double minImprovement = 1e-4;
    private long seed;
    private double initialSpread = 1e-2;
    private double[] initialParameters;
    private double[][] initialPositions;
    private double initialScale = 1;
    private int threads = Runtime.getRuntime().availableProcessors();
    private double maxFailureFraction = 0.1;
    private boolean riemannian = true;
    private boolean restoreBest = true;

    /** An independent copy of these settings. */
    public TrainingOptions copy() {
        TrainingOptions c = new TrainingOptions();
        c.loss = loss;
        c.learnScale = learnScale;
        c.maxEpochs = maxEpochs;
        c.batchSize = batchSize;
        c.positionLearningRate = positionLearningRate;
        c.parameterLearningRate = parameterLearningRate;
        c.patience = patience;
        c.minImprovement = minImprovement;
        c.seed = seed;
        c.initialSpread = initialSpread;
        c.initialParameters = initialParameters == null ? null : initialParameters.clone();
        c.initialPositions = initialPositions == null ? null : deepCopy(initialPositions);
        c.initialScale = initialScale;
        c.threads = threads;
        c.maxFailureFraction = maxFailureFraction;
        c.riemannian = riemannian;
        c.restoreBest = restoreBest;
        return c;
    }

    /**
     * Whether positions in a space with a Riemannian structure ({@link EmbeddingSpace#riemannian()}:
     * the Poincaré ball, the hyperboloid) are optimised by {@link RiemannianAdam} rather than by
     * Adam on their coordinates (default true). Other spaces always use Adam.
     */
    public boolean riemannian() {
        return riemannian;
    }

    /** Sets {@link #riemannian()}; returns this. */
    public TrainingOptions riemannian(boolean value) {
        riemannian = value;
        return this;
    }

    /**
     * Whether the result holds the parameters (positions, θ, scale) at the end of the epoch with
     * the lowest loss rather than the last epoch's (default true): a run that diverges after its
     * best epoch, or stops by patience, returns what it had learned best.
     */
    public boolean restoreBest() {
        return restoreBest;
    }

    /** Sets {@link #restoreBest()}; returns this. */
    public TrainingOptions restoreBest(boolean value) {
        restoreBest = value;
        return this;
    }

    /** The pair loss (default {@link PairLoss#STRESS}). */
    public PairLoss loss() {
        return loss;
    }

    /** Sets {@link #loss()}; returns this. */
    public TrainingOptions loss(PairLoss value) {
        if (value == null) {
            throw new IllegalArgumentException("loss must not be null");
        }
        loss = value;
        return this;
    }

    /**
     * Whether to learn a global scale s = exp(σ) &gt; 0 (starting at s = 1) and put the loss on
     * s·d_M, so the shape of the embedding, not its size, is fitted: a scale-free loss. The
     * metrics' average distortion then uses s·d_M. Default false.
     */
    public boolean learnScale() {
        return learnScale;
    }

    /** Sets {@link #learnScale()}; returns this. */
    public TrainingOptions learnScale(boolean value) {
        learnScale = value;
        return this;
    }

    /** The most epochs (passes over all pairs) to run (default 1000, ≥ 1). */
    public int maxEpochs() {
        return maxEpochs;
    }

    /** Sets {@link #maxEpochs()}; returns this. */
    public TrainingOptions maxEpochs(int value) {
        maxEpochs = positive("maxEpochs", value);
        return this;
    }

    /** Pairs per Adam step (default 256; a graph with fewer pairs takes one step per epoch). */
    public int batchSize() {
        return batchSize;
    }

    /** Sets {@link #batchSize()}; returns this. */
    public TrainingOptions batchSize(int value) {
        batchSize = positive("batchSize", value);
        return this;
    }

    /** Adam's step size for node positions (default 0.01). */
    public double positionLearningRate() {
        return positionLearningRate;
    }

    /** Sets {@link #positionLearningRate()}; returns this. */
    public TrainingOptions positionLearningRate(double value) {
        positionLearningRate = positive("positionLearningRate", value);
        return this;
    }

    /** Adam's step size for the space's θ and the log-scale σ (default 10⁻³). */
    public double parameterLearningRate() {
        return parameterLearningRate;
    }

    /** Sets {@link #parameterLearningRate()}; returns this. */
    public TrainingOptions parameterLearningRate(double value) {
        parameterLearningRate = positive("parameterLearningRate", value);
        return this;
    }

    /**
     * Early stopping: training has converged when the epoch loss has not dropped below
     * (1 − {@link #minImprovement()}) times its best value for this many epochs (default 50).
     */
    public int patience() {
        return patience;
    }

    /** Sets {@link #patience()}; returns this. */
    public TrainingOptions patience(int value) {
        patience = positive("patience", value);
        return this;
    }

    /** The relative drop of the epoch loss that counts as progress (default 10⁻⁴, in [0, 1)). */
    public double minImprovement() {
        return minImprovement;
    }

    /** Sets {@link #minImprovement()}; returns this. */
    public TrainingOptions minImprovement(double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException("minImprovement must be in [0, 1), got " + value);
        }
        minImprovement = value;
        return this;
    }

    /** The θ training starts from, or null for the space's {@link EmbeddingSpace#initialParameters()} (the default). */
    public double[] initialParameters() {
        return initialParameters == null ? null : initialParameters.clone();
    }

    /** Sets {@link #initialParameters()} (copied; null for the space's own); returns this. */
    public TrainingOptions initialParameters(double[] value) {
        initialParameters = value == null ? null : value.clone();
        return this;
    }

    /**
     * The node positions training starts from (n × dimension), for instance an embedding trained
     * before in a cheaper space; null (the default) for seeded random positions.
     */
    public double[][] initialPositions() {
        return initialPositions == null ? null : deepCopy(initialPositions);
    }

    /** Sets {@link #initialPositions()} (copied; null for random ones); returns this. */
    public TrainingOptions initialPositions(double[][] value) {
        initialPositions = value == null ? null : deepCopy(value);
        return this;
    }

    /** The scale s a scale-free loss starts from (default 1, &gt; 0); goes with {@link #initialPositions()}. */
    public double initialScale() {
        return initialScale;
    }

    /** Sets {@link #initialScale()}; returns this. */
    public TrainingOptions initialScale(double value) {
        initialScale = positive("initialScale", value);
        return this;
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }

    /** The seed of the initial positions and of the per-epoch shuffles (default 0). */
    public long seed() {
        return seed;
    }

    /** Sets {@link #seed()}; returns this. */
    public TrainingOptions seed(long value) {
        seed = value;
        return this;
    }

    /** Initial coordinates are uniform in [−spread, spread], then projected (default 0.01). */
    public double initialSpread() {
        return initialSpread;
    }

    /** Sets {@link #initialSpread()}; returns this. */
    public TrainingOptions initialSpread(double value) {
        initialSpread = positive("initialSpread", value);
        return this;
    }

    /** Worker threads (default: the available processors); results do not depend on it. */
    public int threads() {
        return threads;
    }

    /** Sets {@link #threads()}; returns this. */
    public TrainingOptions threads(int value) {
        threads = positive("threads", value);
        return this;
    }

    /**
     * The largest share of an epoch's pairs whose distance may fail (default 0.1): past it the
     * run stops with {@link TrainingStatus#FAILED} rather than train on what is left.
     */
    public double maxFailureFraction() {
        return maxFailureFraction;
    }

    /** Sets {@link #maxFailureFraction()}; returns this. */
    public TrainingOptions maxFailureFraction(double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("maxFailureFraction must be in [0, 1], got " + value);
        }
        maxFailureFraction = value;
        return this;
    }

    private static int positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be ≥ 1, got " + value);
        }
        return value;
    }

    private static double positive(String name, double value) {
        if (!(value > 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
        }
        return value;
    }
}
