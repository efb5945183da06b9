package geo.runtime.learn;

/**
 * Told about every finished epoch, on the thread that runs the {@link EpochLoop}.
 *
 * @param <S> the task's epoch statistics
 */
@FunctionalInterface
public interface TrainingListener<S extends EpochSummary> {

    /** A listener that ignores everything. */
    static <S extends EpochSummary> TrainingListener<S> none() {
        return stats -> { };
    }

    /** Called after each epoch, including a last one cut short by failures. */
    void epoch(S stats);
}
