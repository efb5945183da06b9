package geo.runtime.learn.embed;

import java.util.Objects;

/**
 * What a graph embedding minimises: the mean over pairs i &lt; j of ℓ(s·d_M(x_i, x_j; θ), d_G(i, j)).
 *
 * @param loss       the pair loss ℓ
 * @param learnScale whether to learn a global scale s = exp(σ) &gt; 0 (starting at the initial
 *                   scale) and put the loss on s·d_M, so the shape of the embedding, not its size,
 *                   is fitted: a scale-free loss. The metrics' average distortion then uses s·d_M.
 *                   When false, s = 1.
 */
public record Objective(PairLoss loss, boolean learnScale) {

    /** The key of {@link #loss()} by default (also the CLI's default of {@code --loss}). */
    public static final String LOSS = "stress";

    /** Stress, no learned scale. */
    public static final Objective DEFAULTS = new Objective(PairLoss.of(LOSS).orElseThrow(), false);

    /** @throws IllegalArgumentException when loss is null */
    public Objective {
        if (loss == null) {
            throw new IllegalArgumentException("loss must not be null");
        }
    }

    /** This objective with {@link #loss()} replaced. */
    public Objective withLoss(PairLoss value) {
        return new Objective(value, learnScale);
    }

    /** This objective with {@link #learnScale()} replaced. */
    public Objective withLearnScale(boolean value) {
        return new Objective(Objects.requireNonNull(loss), value);
    }
}
