package geo.runtime.optim;

import java.util.Arrays;

/**
 * Adam with decoupled weight decay (AdamW; Loshchilov &amp; Hutter, "Decoupled Weight Decay
 * Regularization", ICLR 2019, Algorithm 2) and a learning rate the caller may change between steps
 * (for schedules). With the gradient g of step t = 1, 2, …, the rate η of that step and the decay λ:
 * <pre>
 *   m ← β₁ m + (1 − β₁) g,        v ← β₂ v + (1 − β₂) g²          (elementwise)
 *   m̂ = m / (1 − β₁ᵗ),            v̂ = v / (1 − β₂ᵗ)
 *   x ← x − η λ x                                                  (decoupled decay, skipped when λ = 0)
 *   x ← x − η m̂ / (√v̂ + ε)
 * </pre>
 * The decay is multiplied by the scheduled rate η, as in PyTorch's {@code AdamW} (the paper's
 * schedule multiplier η_t scales both terms). With λ = 0 a step performs {@link Adam}'s operations
 * in {@link Adam}'s order, so the two give the same bits. The decay acts on the parameters, not
 * through the moments — unlike L2 regularisation added to the loss, which Adam's per-coordinate
 * scaling would weaken where gradients are large.
 */
public final class AdamW implements StepOptimiser {

    private double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final double[] m;
    private final double[] v;
    private int t;
    private double beta1Power = 1;
    private double beta2Power = 1;

    /**
     * @param n            the number of parameters
     * @param learningRate η &gt; 0 (changed later by {@link #learningRate(double)})
     * @param beta1        β₁ ∈ [0, 1)
     * @param beta2        β₂ ∈ [0, 1)
     * @param epsilon      ε &gt; 0
     * @param weightDecay  λ ≥ 0 (0: plain Adam)
     */
    public AdamW(int n, double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {
        if (!(learningRate > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0)
                || !(weightDecay >= 0 && Double.isFinite(weightDecay))) {
            throw new IllegalArgumentException("need η > 0, β₁, β₂ ∈ [0, 1), ε > 0 and a finite λ ≥ 0");
        }
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.m = new double[n];
        this.v = new double[n];
    }

    /** β₁ = 0.9, β₂ = 0.999, ε = 1e-8 (Kingma &amp; Ba's defaults) and decay λ. */
    public AdamW(int n, double learningRate, double weightDecay) {
        this(n, learningRate, 0.9, 0.999, 1e-8, weightDecay);
    }

    /** Sets η for the following steps (a learning-rate schedule calls this before each step). */
    public void learningRate(double value) {
        if (!(value >= 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException("the learning rate must be finite and ≥ 0, got " + value);
        }
        learningRate = value;
    }

    /** The current η. */
    public double learningRate() {
        return learningRate;
    }

    /**
     * One AdamW step.
     *
     * @return false, leaving x and the moments untouched, when grad has a NaN or infinite entry
     */
    @Override
    public boolean step(double[] x, double[] grad) {
        if (x.length != m.length || grad.length != m.length) {
            throw new IllegalArgumentException("expected arrays of length " + m.length);
        }
        for (double gi : grad) {
            if (!Double.isFinite(gi)) {
                return false;
            }
        }
        t++;
        beta1Power *= beta1;
        beta2Power *= beta2;
        double c1 = 1 / (1 - beta1Power);
        double c2 = 1 / (1 - beta2Power);
        double decay = learningRate * weightDecay;
        for (int i = 0; i < x.length; i++) {
            double gi = grad[i];
            m[i] = beta1 * m[i] + (1 - beta1) * gi;
            v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
            if (decay != 0) {
                x[i] -= decay * x[i];
            }
            x[i] -= learningRate * (m[i] * c1) / (Math.sqrt(v[i] * c2) + epsilon);
        }
        return true;
    }

    /** The number of steps taken since construction or {@link #reset()}. */
    public int steps() {
        return t;
    }

    /** Forgets the moments and the step count (the rate stays). */
    public void reset() {
        Arrays.fill(m, 0);
        Arrays.fill(v, 0);
        t = 0;
        beta1Power = 1;
        beta2Power = 1;
    }

    /**
     * Scales {@code g} (modified) so that its Euclidean norm is at most {@code maxNorm}: g ←
     * g · maxNorm/‖g‖₂ when ‖g‖₂ &gt; maxNorm (global-norm clipping; Pascanu, Mikolov &amp; Bengio,
     * "On the difficulty of training recurrent neural networks", ICML 2013). The direction is kept.
     *
     * @param maxNorm the bound, &gt; 0 ({@code Double.POSITIVE_INFINITY}: no clipping)
     * @return ‖g‖₂ before clipping
     */
    public static double clipGlobalNorm(double[] g, double maxNorm) {
        double sum = 0;
        for (double gi : g) {
            sum += gi * gi;
        }
        double norm = Math.sqrt(sum);
        if (norm > maxNorm) {
            double f = maxNorm / norm;
            for (int i = 0; i < g.length; i++) {
                g[i] *= f;
            }
        }
        return norm;
    }
}
