package geo.runtime.learn.fit;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@link Fitter#fit}. Arrays are the caller's to keep.
 *
 * @param status    why the fit stopped
 * @param message   one line on the status
 * @param theta     the parameters at the end of epoch {@code kept}; for {@link FitStatus#NON_FINITE}
 *                  the last good θ (before the step that led to the non-finite value)
 * @param kept      the epoch whose parameters are returned: the one with the lowest watched loss
 *                  when {@link geo.runtime.learn.Stopping#restoreBest()} holds, else the last
 *                  completed; 0 when θ is not an epoch's end (none completed, or a non-finite stop)
 * @param epochs    the statistics of every epoch run (a last one cut short by a non-finite loss included)
 * @param nonFinite where a NaN or infinite loss or gradient appeared, for {@link FitStatus#NON_FINITE}
 * @param trainRows the rows trained on
 * @param validationRows the rows validated on (0: none)
 * @param seconds   the wall-clock time of the fit
 */
public record FitResult(FitStatus status, String message, double[] theta, int kept, List<FitEpoch> epochs,
                        Optional<NonFinite> nonFinite, int trainRows, int validationRows, double seconds) {

    public FitResult {
        epochs = List.copyOf(epochs);
    }

    /**
     * Where a non-finite value appeared.
     *
     * @param epoch      the epoch (1-based)
     * @param batch      the batch within the epoch (1-based; 1 for L-BFGS), or 0 for the validation pass
     * @param where      {@code file:line} of the first row whose loss or gradient was not finite, or
     *                   empty when it is not known (an L-BFGS trial step)
     * @param what       what was not finite, e.g. "the loss is NaN"
     */
    public record NonFinite(int epoch, int batch, String where, String what) {
    }

    /** The epoch statistics of the kept epoch. */
    public Optional<FitEpoch> keptEpoch() {
        return kept >= 1 && kept <= epochs.size() ? Optional.of(epochs.get(kept - 1)) : Optional.empty();
    }
}
