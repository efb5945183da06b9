package geo.runtime.learn.embed;

import geo.runtime.learn.TrainingStatus;
import java.util.List;

/**
 * The outcome of {@link Trainer#train}. Arrays are the caller's to keep (no copies are kept elsewhere).
 *
 * @param status    why training stopped
 * @param message   one line on the status: the epoch and loss, or what failed and where
 * @param positions the position of every node, n × dimension, at the end of epoch {@code kept}
 * @param theta     the parameters of the space at the end of that epoch
 * @param scale     the learned global scale s (1 when it is not learned) at the end of that epoch
 * @param distances d_M of every pair (not multiplied by s) for those positions and θ, indexed by
 *                  {@link geo.runtime.data.graph.ShortestPaths#pairIndex}, or, for a pair whose distance
 *                  could not be computed (the space reported a failure on every retry of the final
 *                  evaluation), that failure with its status and reason
 * @param metrics   distortion and MAP of those positions
 * @param epochs    the statistics of every epoch run
 * @param seconds   the wall-clock time of the whole run, final metrics included
 * @param kept      the epoch whose parameters are returned: the one with the lowest loss when
 *                  {@link geo.runtime.learn.Stopping#restoreBest()} holds, else the last (0: none ran)
 * @param evaluation how {@code distances} were computed (the training resolution, or finer ones
 *                   until the metrics settled)
 * @param worstCasePhase whether a worst-case finishing phase ran and whether its result is the one returned
 */
public record TrainingResult(TrainingStatus status, String message, double[][] positions, double[] theta,
                             double scale, PairValues distances, EmbeddingMetrics metrics,
                             List<EpochStats> epochs, double seconds, int kept, Evaluation evaluation,
                             WorstCasePhase worstCasePhase) {

    /** @throws IllegalArgumentException when {@code distances} is null */
    public TrainingResult {
        if (distances == null) {
            throw new IllegalArgumentException("the distances must not be null");
        }
    }

    /** How many pairs have no distance. */
    public int failedPairCount() {
        return distances.failedCount();
    }

    /**
     * The worst-case finishing phase ({@link Objective#worstCaseEpochs()}): it runs after the main
     * phase from its result, and the phase with the lower worst-case distortion is returned.
     */
    public enum WorstCasePhase {
        /** No finishing phase ran. */
        NONE,
        /** The finishing phase ran and lowered the worst-case distortion: its result is returned. */
        KEPT,
        /** The finishing phase ran and did not lower it: the main phase's result is returned. */
        NOT_KEPT
    }

    /**
     * The epoch losses in order.
     *
     * @throws IllegalStateException when an epoch evaluated no pair, so has no loss (read {@link #epochs()} then)
     */
    public double[] lossHistory() {
        return epochs.stream().mapToDouble(e -> e.loss().orElseThrow(() -> new IllegalStateException(
                "epoch " + e.epoch() + " evaluated no pair, so it has no loss"))).toArray();
    }

    /** The mean wall-clock time of an epoch (0 when none ran). */
    public double secondsPerEpoch() {
        return epochs.stream().mapToDouble(EpochStats::seconds).average().orElse(0);
    }

    /** The share of the workers' epoch time spent in distance calls, over all epochs. */
    public double distanceShare() {
        double inside = 0;
        double available = 0;
        for (EpochStats e : epochs) {
            inside += e.distanceSeconds();
            available += e.threads() * e.seconds();
        }
        return available > 0 ? inside / available : 0;
    }
}
