package geo.runtime.learn.fit;

import geo.runtime.learn.Checks;
import java.util.Locale;

/**
 * How a fit takes its steps.
 *
 * @param method       Adam, AdamW (mini-batches) or L-BFGS (full batch)
 * @param batchSize    rows per Adam or AdamW step, ≥ 1 (the last batch of an epoch may be smaller;
 *                     ignored by L-BFGS, whose every step sees all rows)
 * @param learningRate the base step size η₀ of Adam and AdamW, &gt; 0 (the schedule scales it)
 * @param weightDecay  AdamW's decoupled decay λ ≥ 0 (must be 0 for the other methods)
 * @param clipNorm     the largest Euclidean norm of a batch gradient (larger ones are scaled down
 *                     to it), &gt; 0; {@code Double.POSITIVE_INFINITY}: no clipping (Adam and AdamW only)
 */
public record Optimisation(Method method, int batchSize, double learningRate, double weightDecay, double clipNorm) {

    /** The optimisers a fit can use. */
    public enum Method {
        /** Adam (Kingma &amp; Ba 2015) on mini-batches. */
        ADAM,
        /** AdamW (Loshchilov &amp; Hutter 2019): Adam with decoupled weight decay. */
        ADAMW,
        /** L-BFGS with a strong-Wolfe line search on the full training set, one iteration an epoch. */
        LBFGS;

        /** The name on the command line: {@code adam}, {@code adamw}, {@code lbfgs}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The method called {@code key}, or null. */
        public static Method of(String key) {
            for (Method m : values()) {
                if (m.key().equals(key)) {
                    return m;
                }
            }
            return null;
        }
    }

    /** The key of {@link #method()} by default (also the CLI's default of {@code --optimizer}). */
    public static final String METHOD_KEY = "adam";
    /** {@link #method()} by default. */
    public static final Method METHOD = Method.of(METHOD_KEY);
    /** {@link #batchSize()} by default (also the CLI's default of {@code --batch}). */
    public static final int BATCH_SIZE = 64;
    /** {@link #learningRate()} by default (also the CLI's default of {@code --lr}). */
    public static final double LEARNING_RATE = 1e-3;
    /** {@link #weightDecay()} by default for AdamW (also the CLI's default of {@code --weight-decay}). */
    public static final double WEIGHT_DECAY = 0.01;
    /** {@link #clipNorm()} by default: no clipping. */
    public static final double CLIP_NORM = Double.POSITIVE_INFINITY;

    /** Adam, batches of 64 rows, η₀ = 10⁻³, no decay, no clipping. */
    public static final Optimisation DEFAULTS = new Optimisation(METHOD, BATCH_SIZE, LEARNING_RATE, 0, CLIP_NORM);

    /** @throws IllegalArgumentException when a field is out of its range (the message names it) */
    public Optimisation {
        if (method == null) {
            throw new IllegalArgumentException("an optimisation needs a method");
        }
        Checks.positive("batchSize", batchSize);
        Checks.positive("learningRate", learningRate);
        if (!(weightDecay >= 0 && Double.isFinite(weightDecay))) {
            throw new IllegalArgumentException("weightDecay must be finite and ≥ 0, got " + weightDecay);
        }
        if (weightDecay != 0 && method != Method.ADAMW) {
            throw new IllegalArgumentException("weight decay needs adamw, not " + method.key());
        }
        if (!(clipNorm > 0)) {
            throw new IllegalArgumentException("clipNorm must be > 0, got " + clipNorm);
        }
        if (clipNorm != CLIP_NORM && method == Method.LBFGS) {
            throw new IllegalArgumentException("gradient clipping applies to adam and adamw, not lbfgs");
        }
    }

    /** These settings with {@link #method()} replaced (the decay reset to 0 unless the method is AdamW). */
    public Optimisation withMethod(Method value) {
        return new Optimisation(value, batchSize, learningRate, value == Method.ADAMW ? weightDecay : 0,
                value == Method.LBFGS ? CLIP_NORM : clipNorm);
    }

    public Optimisation withBatchSize(int value) {
        return new Optimisation(method, value, learningRate, weightDecay, clipNorm);
    }

    public Optimisation withLearningRate(double value) {
        return new Optimisation(method, batchSize, value, weightDecay, clipNorm);
    }

    public Optimisation withWeightDecay(double value) {
        return new Optimisation(method, batchSize, learningRate, value, clipNorm);
    }

    public Optimisation withClipNorm(double value) {
        return new Optimisation(method, batchSize, learningRate, weightDecay, value);
    }
}
