package geo.runtime.learn.embed;

import geo.runtime.learn.Checks;

/**
 * How a graph embedding takes its steps: Adam (or Riemannian Adam for positions) on mini-batches.
 *
 * @param batchSize             pairs per step, ≥ 1 (a graph with fewer pairs takes one step per epoch)
 * @param positionLearningRate  the step size for node positions, &gt; 0
 * @param parameterLearningRate the step size for the space's θ and the log-scale σ, &gt; 0
 * @param pairsPerEpoch         the pairs an epoch visits, ≥ 0: 0 = every pair; otherwise the first
 *                              this many of the epoch's seeded shuffle (a fresh random sample of
 *                              pairs each epoch, without repeats within it), so that an epoch of a
 *                              large graph costs a fixed number of distances (bio-diseasome has
 *                              133,000 pairs, each a geodesic problem with a learned metric)
 * @param sampleEpochs          with {@code pairsPerEpoch} set, the epochs each sample is kept for, ≥ 1: a
 *                              fresh sample every {@code sampleEpochs} epochs (its order reshuffled in
 *                              between), so that a pair's later visits start warm from the epoch before
 *                              instead of cold (a cold geodesic of a network metric costs many warm
 *                              ones: bench/RESULTS.md); 1 = a fresh sample each epoch
 * @param riemannian            whether positions in a space with a Riemannian structure (the
 *                              Poincaré ball, the hyperboloid) take Riemannian Adam steps rather
 *                              than Adam steps on their coordinates; other spaces always use Adam
 */
public record Optimisation(int batchSize, double positionLearningRate, double parameterLearningRate,
                           boolean riemannian, int pairsPerEpoch, int sampleEpochs) {

    /** {@link #batchSize()} by default (also the CLI's default of {@code --batch}). */
    public static final int BATCH_SIZE = 256;
    /** {@link #positionLearningRate()} by default (also the CLI's default of {@code --lr}). */
    public static final double POSITION_LEARNING_RATE = 0.01;
    /** {@link #parameterLearningRate()} by default (also the CLI's default of {@code --param-lr}). */
    public static final double PARAMETER_LEARNING_RATE = 1e-3;
    /** The CLI's name of {@link #riemannian()} = true. */
    public static final String RIEMANNIAN = "riemannian";
    /** The CLI's name of {@link #riemannian()} = false. */
    public static final String ADAM = "adam";
    /** The optimiser by default (also the CLI's default of {@code --optimizer}). */
    public static final String OPTIMIZER = RIEMANNIAN;
    /** {@link #pairsPerEpoch()} by default (also the CLI's default of {@code --pairs-per-epoch}): every pair. */
    public static final int PAIRS_PER_EPOCH = 0;
    /** {@link #sampleEpochs()} by default (also the CLI's default of {@code --sample-epochs}): a fresh sample each epoch. */
    public static final int SAMPLE_EPOCHS = 1;

    /** Batches of 256 pairs, rates 0.01 for positions and 10⁻³ for θ and σ, Riemannian Adam where possible. */
    public static final Optimisation DEFAULTS = new Optimisation(BATCH_SIZE, POSITION_LEARNING_RATE,
            PARAMETER_LEARNING_RATE, OPTIMIZER.equals(RIEMANNIAN), PAIRS_PER_EPOCH, SAMPLE_EPOCHS);

    /** Every pair in every epoch. */
    public Optimisation(int batchSize, double positionLearningRate, double parameterLearningRate, boolean riemannian) {
        this(batchSize, positionLearningRate, parameterLearningRate, riemannian, PAIRS_PER_EPOCH, SAMPLE_EPOCHS);
    }

    /** @throws IllegalArgumentException when a field is out of its range (the message names it) */
    public Optimisation {
        Checks.positive("batchSize", batchSize);
        Checks.positive("positionLearningRate", positionLearningRate);
        Checks.positive("parameterLearningRate", parameterLearningRate);
        if (pairsPerEpoch < 0) {
            throw new IllegalArgumentException("pairsPerEpoch must be ≥ 0 (0: every pair), got " + pairsPerEpoch);
        }
        Checks.positive("sampleEpochs", sampleEpochs);
    }

    /** These settings with {@link #pairsPerEpoch()} replaced. */
    public Optimisation withPairsPerEpoch(int value) {
        return new Optimisation(batchSize, positionLearningRate, parameterLearningRate, riemannian, value, sampleEpochs);
    }

    /** These settings with {@link #sampleEpochs()} replaced. */
    public Optimisation withSampleEpochs(int value) {
        return new Optimisation(batchSize, positionLearningRate, parameterLearningRate, riemannian, pairsPerEpoch, value);
    }

    /** These settings with {@link #batchSize()} replaced. */
    public Optimisation withBatchSize(int value) {
        return new Optimisation(value, positionLearningRate, parameterLearningRate, riemannian, pairsPerEpoch, sampleEpochs);
    }

    /** These settings with {@link #positionLearningRate()} replaced. */
    public Optimisation withPositionLearningRate(double value) {
        return new Optimisation(batchSize, value, parameterLearningRate, riemannian, pairsPerEpoch, sampleEpochs);
    }

    /** These settings with {@link #parameterLearningRate()} replaced. */
    public Optimisation withParameterLearningRate(double value) {
        return new Optimisation(batchSize, positionLearningRate, value, riemannian, pairsPerEpoch, sampleEpochs);
    }

    /** These settings with {@link #riemannian()} replaced. */
    public Optimisation withRiemannian(boolean value) {
        return new Optimisation(batchSize, positionLearningRate, parameterLearningRate, value, pairsPerEpoch, sampleEpochs);
    }
}
