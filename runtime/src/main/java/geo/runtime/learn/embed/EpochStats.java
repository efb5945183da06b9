package geo.runtime.learn.embed;

import geo.runtime.learn.EpochSummary;
import geo.runtime.manifold.EmbeddingSpace;
import java.util.OptionalDouble;

/**
 * What one training epoch did, for progress displays and timing reports.
 *
 * @param epoch           1, 2, …
 * @param loss            the mean pair loss over the epoch's successful pairs, each evaluated at
 *                        the parameters of its mini-batch (empty when none succeeded)
 * @param pairs           the pairs whose distance succeeded
 * @param failures        the pairs skipped because their distance (or its gradient) was not finite
 * @param seconds         the epoch's wall-clock time
 * @param distanceSeconds time inside {@link EmbeddingSpace#distance} calls, summed over threads
 * @param threads         the worker threads
 * @param scale           the global scale s after the epoch (1 unless it is learned)
 */
public record EpochStats(int epoch, OptionalDouble loss, int pairs, int failures, double seconds,
                         double distanceSeconds, int threads, double scale)
        implements EpochSummary {

    /** The share of the workers' time spent in distance calls: distanceSeconds / (threads · seconds). */
    public double distanceShare() {
        return seconds > 0 ? distanceSeconds / (threads * seconds) : 0;
    }
}
