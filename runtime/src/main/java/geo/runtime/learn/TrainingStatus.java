package geo.runtime.learn;

/** Why training stopped. */
public enum TrainingStatus {
    /** The epoch loss stopped improving for {@link TrainingOptions#patience()} epochs (early stopping). */
    CONVERGED,
    /** {@link TrainingOptions#maxEpochs()} epochs ran while the loss was still improving. */
    MAX_EPOCHS,
    /**
     * Too many distances failed in an epoch, or a step had a non-finite gradient: the result's
     * message says which and where; the positions are those before the failing epoch ended.
     */
    FAILED
}
