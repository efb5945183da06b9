package geo.runtime.learn;

/** Told about every finished epoch, on the thread that called {@link Trainer#train}. */
@FunctionalInterface
public interface TrainingListener {

    /** A listener that ignores everything. */
    TrainingListener NONE = stats -> { };

    /** Called after each epoch, including a last one cut short by failures. */
    void epoch(EpochStats stats);
}
