package geo.runtime.learn;

import java.util.OptionalDouble;

/** What the epoch loop reads of a task's per-epoch statistics. */
public interface EpochSummary {

    /** 1, 2, … */
    int epoch();

    /** The epoch's mean loss, or empty when nothing was evaluated (every pair or row of the epoch failed). */
    OptionalDouble loss();
}
