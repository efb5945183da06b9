package geo.runtime.learn.embed;

/**
 * Told how the final evaluation of a run ({@link FinalDistances}) advances, which on a large graph
 * takes minutes: a training listener that also implements this is told by {@link Trainer}.
 * {@link #solved} is called from the worker threads.
 */
public interface EvaluationListener {

    /** A new stage begins: {@code what} (e.g. "pairs on RK4 × 16"), with {@code pairs} pairs to solve. */
    void stage(String what, long pairs);

    /** {@code pairs} more pairs of the current stage are solved (from any thread). */
    void solved(long pairs);
}
