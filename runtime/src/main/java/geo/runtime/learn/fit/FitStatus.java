package geo.runtime.learn.fit;

/** Why a fit stopped. */
public enum FitStatus {
    /** L-BFGS's convergence test passed (the gradient norm or the relative decrease of the loss). */
    CONVERGED,
    /** The watched loss did not improve for {@link geo.runtime.learn.Stopping#patience()} epochs (early stopping). */
    STOPPED_EARLY,
    /** {@link geo.runtime.learn.Stopping#maxEpochs()} epochs ran. */
    EPOCH_LIMIT,
    /**
     * L-BFGS found no step satisfying the Wolfe conditions, even along −∇L: the loss is at its
     * rounding floor or its gradient is inaccurate. The parameters are the last accepted ones.
     */
    STALLED,
    /**
     * A loss or gradient was NaN or infinite: the result's {@link FitResult#nonFinite()} says
     * where; no step was taken with it.
     */
    NON_FINITE;

    /** Whether the run ended in a numerical failure (the CLI's exit 70). */
    public boolean failed() {
        return this == NON_FINITE;
    }
}
