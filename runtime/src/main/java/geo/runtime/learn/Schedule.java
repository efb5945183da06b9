package geo.runtime.learn;

import java.util.Locale;

/**
 * A learning-rate schedule: the rate of step s (0, 1, …, of S steps in the run) as a multiple of
 * the base rate η₀.
 * <ul>
 *   <li>{@link Kind#CONSTANT}: η_s = η₀.</li>
 *   <li>{@link Kind#COSINE}: cosine decay from η₀ to f·η₀ over the S steps (Loshchilov &amp; Hutter,
 *       "SGDR: Stochastic Gradient Descent with Warm Restarts", ICLR 2017, without restarts):
 *       η_s = η₀ (f + (1 − f) · ½ (1 + cos(π s / S))), with f the end fraction.</li>
 * </ul>
 * S counts the steps of {@link Stopping#maxEpochs()} epochs; a run stopped early never reaches the end.
 *
 * @param kind        constant or cosine
 * @param endFraction f ∈ [0, 1]: the last rate of a cosine schedule as a fraction of η₀
 */
public record Schedule(Kind kind, double endFraction) {

    /** The shapes of schedule. */
    public enum Kind {
        CONSTANT, COSINE;

        /** The name on the command line: {@code constant}, {@code cosine}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind called {@code key}, or null. */
        public static Kind of(String key) {
            for (Kind k : values()) {
                if (k.key().equals(key)) {
                    return k;
                }
            }
            return null;
        }
    }

    /** The key of {@link #kind()} by default (also the CLI's default of {@code --schedule}). */
    public static final String KIND_KEY = "constant";
    /** {@link #kind()} by default. */
    public static final Kind KIND = Kind.of(KIND_KEY);
    /** {@link #endFraction()} by default (also the CLI's default of {@code --lr-end}). */
    public static final double END_FRACTION = 0.0;

    /** A constant rate. */
    public static final Schedule DEFAULTS = new Schedule(KIND, END_FRACTION);

    /** @throws IllegalArgumentException when a field is out of its range */
    public Schedule {
        if (kind == null) {
            throw new IllegalArgumentException("a schedule needs a kind");
        }
        if (!(endFraction >= 0 && endFraction <= 1)) {
            throw new IllegalArgumentException("endFraction must be in [0, 1], got " + endFraction);
        }
    }

    /**
     * η_s / η₀.
     *
     * @param step  s, 0-based
     * @param steps S ≥ 1, the steps of the whole run
     */
    public double factor(long step, long steps) {
        if (kind == Kind.CONSTANT) {
            return 1;
        }
        double progress = Math.min(1.0, (double) step / Math.max(1, steps));
        return endFraction + (1 - endFraction) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }

    /** This schedule with {@link #kind()} replaced. */
    public Schedule withKind(Kind value) {
        return new Schedule(value, endFraction);
    }

    /** This schedule with {@link #endFraction()} replaced. */
    public Schedule withEndFraction(double value) {
        return new Schedule(kind, value);
    }
}
