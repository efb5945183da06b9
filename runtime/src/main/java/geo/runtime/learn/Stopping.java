package geo.runtime.learn;

/**
 * When a training run stops and what it returns, for every task.
 *
 * @param maxEpochs          the most epochs (passes over the data) to run, ≥ 1
 * @param patience           early stopping: the run has converged when the epoch loss has not
 *                           dropped below (1 − minImprovement) times its best value for this many
 *                           epochs, ≥ 1
 * @param minImprovement     the relative drop of the epoch loss that counts as progress, in [0, 1)
 * @param restoreBest        whether the result holds the parameters at the end of the epoch with
 *                           the lowest loss rather than the last epoch's: a run that diverges after
 *                           its best epoch, or stops by patience, returns what it had learned best
 * @param maxFailureFraction the largest share of an epoch's items (pairs, samples) whose evaluation
 *                           may fail, in [0, 1]: past it the run stops as {@link TrainingStatus#FAILED}
 */
public record Stopping(int maxEpochs, int patience, double minImprovement, boolean restoreBest,
                       double maxFailureFraction) {

    /** {@link #maxEpochs()} by default (also the CLI's default of {@code --epochs}). */
    public static final int MAX_EPOCHS = 1000;
    /** {@link #patience()} by default (also the CLI's default of {@code --patience}). */
    public static final int PATIENCE = 50;
    /** {@link #minImprovement()} by default. */
    public static final double MIN_IMPROVEMENT = 1e-4;
    /** {@link #maxFailureFraction()} by default. */
    public static final double MAX_FAILURE_FRACTION = 0.1;

    /** The defaults: 1000 epochs, patience 50, relative improvement 10⁻⁴, best epoch restored, 10% failures. */
    public static final Stopping DEFAULTS = new Stopping(MAX_EPOCHS, PATIENCE, MIN_IMPROVEMENT, true,
            MAX_FAILURE_FRACTION);

    /** @throws IllegalArgumentException when a field is out of its range (the message names it) */
    public Stopping {
        Checks.positive("maxEpochs", maxEpochs);
        Checks.positive("patience", patience);
        if (!(minImprovement >= 0 && minImprovement < 1)) {
            throw new IllegalArgumentException("minImprovement must be in [0, 1), got " + minImprovement);
        }
        if (!(maxFailureFraction >= 0 && maxFailureFraction <= 1)) {
            throw new IllegalArgumentException("maxFailureFraction must be in [0, 1], got " + maxFailureFraction);
        }
    }

    /** These settings with {@link #maxEpochs()} replaced. */
    public Stopping withMaxEpochs(int value) {
        return new Stopping(value, patience, minImprovement, restoreBest, maxFailureFraction);
    }

    /** These settings with {@link #patience()} replaced. */
    public Stopping withPatience(int value) {
        return new Stopping(maxEpochs, value, minImprovement, restoreBest, maxFailureFraction);
    }

    /** These settings with {@link #minImprovement()} replaced. */
    public Stopping withMinImprovement(double value) {
        return new Stopping(maxEpochs, patience, value, restoreBest, maxFailureFraction);
    }

    /** These settings with {@link #restoreBest()} replaced. */
    public Stopping withRestoreBest(boolean value) {
        return new Stopping(maxEpochs, patience, minImprovement, value, maxFailureFraction);
    }

    /** These settings with {@link #maxFailureFraction()} replaced. */
    public Stopping withMaxFailureFraction(double value) {
        return new Stopping(maxEpochs, patience, minImprovement, restoreBest, value);
    }
}
