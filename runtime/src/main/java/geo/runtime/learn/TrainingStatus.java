package geo.runtime.learn;

/** Why training stopped. */
public enum TrainingStatus {
    /**
     * The epoch loss stopped improving for {@link Stopping#patience()} epochs (early stopping), or
     * the task's own convergence test passed ({@link EpochLoop.Task#converged()}).
     */
    CONVERGED,
    /** {@link Stopping#maxEpochs()} epochs ran while the loss was still improving. */
    MAX_EPOCHS,
    /**
     * Too many evaluations failed in an epoch, or a step had a non-finite gradient: the result's
     * message says which and where; the parameters are those before the failing epoch ended.
     */
    FAILED
}
