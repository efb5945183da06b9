package geo.runtime.learn.taskmet;

/** How a run ended. */
public enum TaskMetStatus {
    /** All iterations ran. */
    COMPLETED,
    /** The validation loss did not improve for the patience; the best parameters were tested. */
    STOPPED_EARLY,
    /** A loss or gradient became NaN or infinite; the best parameters so far were tested. */
    NON_FINITE;

    /** Whether the run failed. */
    public boolean failed() {
        return this == NON_FINITE;
    }
}
