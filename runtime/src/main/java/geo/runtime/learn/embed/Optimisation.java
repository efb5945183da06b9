package geo.runtime.learn.embed;

import geo.runtime.learn.Checks;

/**
 * How a graph embedding takes its steps: Adam (or Riemannian Adam for positions) on mini-batches.
 *
 * @param batchSize             pairs per step, ≥ 1 (a graph with fewer pairs takes one step per epoch)
 * @param positionLearningRate  the step size for node positions, &gt; 0
 * @param parameterLearningRate the step size for the space's θ and the log-scale σ, &gt; 0
 * @param riemannian            whether positions in a space with a Riemannian structure (the
 *                              Poincaré ball, the hyperboloid) take Riemannian Adam steps rather
 *                              than Adam steps on their coordinates; other spaces always use Adam
 */
public record Optimisation(int batchSize, double positionLearningRate, double parameterLearningRate,
                           boolean riemannian) {

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

    /** Batches of 256 pairs, rates 0.01 for positions and 10⁻³ for θ and σ, Riemannian Adam where possible. */
    public static final Optimisation DEFAULTS = new Optimisation(BATCH_SIZE, POSITION_LEARNING_RATE,
            PARAMETER_LEARNING_RATE, OPTIMIZER.equals(RIEMANNIAN));

    /** @throws IllegalArgumentException when a field is out of its range (the message names it) */
    public Optimisation {
        Checks.positive("batchSize", batchSize);
        Checks.positive("positionLearningRate", positionLearningRate);
        Checks.positive("parameterLearningRate", parameterLearningRate);
    }

    /** These settings with {@link #batchSize()} replaced. */
    public Optimisation withBatchSize(int value) {
        return new Optimisation(value, positionLearningRate, parameterLearningRate, riemannian);
    }

    /** These settings with {@link #positionLearningRate()} replaced. */
    public Optimisation withPositionLearningRate(double value) {
        return new Optimisation(batchSize, value, parameterLearningRate, riemannian);
    }

    /** These settings with {@link #parameterLearningRate()} replaced. */
    public Optimisation withParameterLearningRate(double value) {
        return new Optimisation(batchSize, positionLearningRate, value, riemannian);
    }

    /** These settings with {@link #riemannian()} replaced. */
    public Optimisation withRiemannian(boolean value) {
        return new Optimisation(batchSize, positionLearningRate, parameterLearningRate, value);
    }
}
