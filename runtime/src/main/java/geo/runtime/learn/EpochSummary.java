package geo.runtime.learn;

/** What the epoch loop reads of a task's per-epoch statistics. */
public interface EpochSummary {

    /** 1, 2, … */
    int epoch();

    /** The epoch's mean loss (NaN when nothing was evaluated). */
    double loss();
}
