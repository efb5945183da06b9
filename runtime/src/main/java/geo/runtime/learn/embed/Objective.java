package geo.runtime.learn.embed;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a graph embedding minimises: the mean over pairs i &lt; j of ℓ(s·d_M(x_i, x_j; θ), d_G(i, j)).
 *
 * @param loss  the pair loss ℓ
 * @param scale how the global scale s &gt; 0 is set: fixed at 1, learned as s = exp(σ) by Adam
 *              (starting at the initial scale), or solved — at every step s is the minimiser of
 *              the batch's Σℓ(s·d_M, d_G) ({@link PairLoss#optimalScale}). With a learned or solved
 *              scale the shape of the embedding, not its size, is fitted: a scale-free loss. The
 *              metrics' average distortion then uses s·d_M.
 * @param worstCaseEpochs when &gt; 0, a finishing phase: after training on ℓ, at most this many
 *              full-batch epochs (one step each) on the {@link SoftWorstCase} surrogate of the
 *              worst-case distortion, from the first phase's result; the run returns whichever
 *              phase's result has the lower worst-case distortion. Per-pair losses average over
 *              pairs; the published metric is a maximum, and a few pairs that a mean tolerates
 *              (a fold, a collapsed pair) decide it.
 */
public record Objective(PairLoss loss, Scale scale, int worstCaseEpochs) {

    /** How the global scale s is set. */
    public enum Scale {
        /** s = 1. */
        FIXED,
        /** s = exp(σ), σ trained by Adam at the parameter learning rate. */
        LEARNED,
        /**
         * s solved in closed form at every step: the minimiser over s of the batch's loss, so s
         * follows the positions at once (with the envelope theorem the positions' gradient at the
         * optimal s is the gradient at fixed s). A learned s lags the positions: in the Poincaré
         * ball that lag let stress training push nodes into the strongly curved region, where they
         * fold (issue #17).
         */
        SOLVED;

        /** The CLI's name: fixed, learned or solved. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The mode whose {@link #key()} is {@code key}, or empty. */
        public static Optional<Scale> of(String key) {
            for (Scale s : values()) {
                if (s.key().equals(key)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    /** The key of {@link #loss()} by default (also the CLI's default of {@code --loss}). */
    public static final String LOSS = "stress";
    /** The key of the scale mode that the CLI's {@code --scale} uses by default (its {@code --scale-mode}). */
    public static final String SCALE_MODE = "solved";

    /** Stress, no learned scale. */
    public static final Objective DEFAULTS = new Objective(PairLoss.of(LOSS).orElseThrow(), Scale.FIXED, 0);

    /** @throws IllegalArgumentException when loss or scale is null, or worstCaseEpochs &lt; 0 */
    public Objective {
        if (loss == null || scale == null) {
            throw new IllegalArgumentException("loss and scale must not be null");
        }
        if (worstCaseEpochs < 0) {
            throw new IllegalArgumentException("worstCaseEpochs must be ≥ 0, got " + worstCaseEpochs);
        }
    }

    /** This objective with {@link #worstCaseEpochs()} replaced. */
    public Objective withWorstCaseEpochs(int value) {
        return new Objective(loss, scale, value);
    }

    /** Whether s is not fixed at 1 (learned or solved): the loss is scale-free. */
    public boolean learnScale() {
        return scale != Scale.FIXED;
    }

    /** This objective with {@link #loss()} replaced. */
    public Objective withLoss(PairLoss value) {
        return new Objective(value, scale, worstCaseEpochs);
    }

    /** This objective with {@link #scale()} replaced. */
    public Objective withScale(Scale value) {
        return new Objective(loss, value, worstCaseEpochs);
    }

    /** This objective with a learned scale (true) or s = 1 (false). */
    public Objective withLearnScale(boolean value) {
        return new Objective(Objects.requireNonNull(loss), value ? Scale.LEARNED : Scale.FIXED, worstCaseEpochs);
    }
}
