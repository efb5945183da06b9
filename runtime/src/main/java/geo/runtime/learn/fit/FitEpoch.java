package geo.runtime.learn.fit;

import geo.runtime.learn.EpochSummary;
import java.util.OptionalDouble;

/**
 * What one epoch of a fit did.
 *
 * @param epoch        1, 2, …
 * @param train        the mean training loss: for Adam and AdamW the mean over the epoch's rows of
 *                     ℓ at the parameters of each row's batch (a running mean, as most training
 *                     loops report); for L-BFGS the full-batch loss after the epoch's step
 * @param validation   the mean validation loss at the end of the epoch, when there are validation rows
 * @param learningRate the rate of the epoch's last step (the base rate for L-BFGS, which has none)
 * @param seconds      the epoch's wall-clock time
 */
public record FitEpoch(int epoch, double train, OptionalDouble validation, double learningRate, double seconds)
        implements EpochSummary {

    /** The loss early stopping watches: the validation loss when there is one, else the training loss. */
    @Override
    public OptionalDouble loss() {
        return OptionalDouble.of(validation.orElse(train));
    }
}
