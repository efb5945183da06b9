package geo.runtime.learn.embed;

import java.util.Locale;
import java.util.Optional;

/**
 * The loss ℓ(e, g) of one pair, where e is the embedded distance (times the learned scale s when
 * training is scale-free, see {@link Objective#learnScale}) and g = d_G ≥ 1 the graph
 * distance. Training minimises the mean of ℓ over pairs; {@link #derivative} is ∂ℓ/∂e.
 */
public enum PairLoss {

    /** Stress: ℓ = (e − g)², ∂ℓ/∂e = 2(e − g). Absolute errors: long distances dominate. */
    STRESS {
        @Override
        public double value(double e, double g) {
            return (e - g) * (e - g);
        }

        @Override
        public double derivative(double e, double g) {
            return 2 * (e - g);
        }
    },

    /**
     * Relative error: ℓ = |e/g − 1|, the average distortion's own summand, ∂ℓ/∂e = sign(e − g)/g
     * (0 at e = g). Not smooth at e = g, which makes Adam's steps chatter around the optimum.
     */
    RELATIVE {
        @Override
        public double value(double e, double g) {
            return Math.abs(e / g - 1);
        }

        @Override
        public double derivative(double e, double g) {
            return Math.signum(e - g) / g;
        }
    },

    /** Smooth relative error: ℓ = (e/g − 1)², ∂ℓ/∂e = 2(e/g − 1)/g. Every pair counts by its ratio. */
    RELATIVE_SQUARED {
        @Override
        public double value(double e, double g) {
            return (e / g - 1) * (e / g - 1);
        }

        @Override
        public double derivative(double e, double g) {
            return 2 * (e / g - 1) / g;
        }
    };

    /** ℓ(e, g). */
    public abstract double value(double e, double g);

    /** ∂ℓ/∂e at (e, g). */
    public abstract double derivative(double e, double g);

    /** The name of this loss on the command line and in reports: stress, relative or relative-squared. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The loss whose {@link #key()} is {@code key}, or empty. */
    public static Optional<PairLoss> of(String key) {
        for (PairLoss l : values()) {
            if (l.key().equals(key)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
