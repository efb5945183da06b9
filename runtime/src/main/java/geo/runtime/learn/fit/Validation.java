package geo.runtime.learn.fit;

/**
 * Which rows a fit holds out to choose its epoch. With a validation set given to
 * {@link Fitter#fit}, that set is used and the fraction must be 0; otherwise, with a fraction
 * f &gt; 0, ⌈f·N⌉ rows of the training data (at least 1, and at least 1 left to train on) chosen
 * by a seeded shuffle are held out. Early stopping and the restore of the best epoch then watch the
 * validation loss; without validation rows they watch the training loss.
 *
 * @param fraction f ∈ [0, 1)
 */
public record Validation(double fraction) {

    /** {@link #fraction()} by default (also the CLI's default of {@code --val-fraction}): no split. */
    public static final double FRACTION = 0;

    /** No split. */
    public static final Validation DEFAULTS = new Validation(FRACTION);

    /** @throws IllegalArgumentException when the fraction is outside [0, 1) */
    public Validation {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("the validation fraction must be in [0, 1), got " + fraction);
        }
    }
}
