package geo.runtime.optim;

/**
 * Adam (Kingma &amp; Ba, 2015) on a flat parameter vector. With the gradient g of step t = 1, 2, …:
 * <pre>
 *   m ← β₁ m + (1 − β₁) g,        v ← β₂ v + (1 − β₂) g²          (elementwise)
 *   m̂ = m / (1 − β₁ᵗ),            v̂ = v / (1 − β₂ᵗ)               (bias correction)
 *   x ← x − η m̂ / (√v̂ + ε)
 * </pre>
 * The moments m, v are state of this instance (one instance per parameter vector; not
 * thread-safe). {@link #step} modifies the caller's x in place and allocates nothing. The
 * arithmetic is {@link AdamW}'s with no weight decay and a fixed rate (one implementation of the
 * update, so the two give the same bits).
 */
public final class Adam implements StepOptimiser {

    private final AdamW steps;

    /**
     * @param n            the number of parameters
     * @param learningRate η &gt; 0
     * @param beta1        β₁ ∈ [0, 1), the decay of the first moment
     * @param beta2        β₂ ∈ [0, 1), the decay of the second moment
     * @param epsilon      ε &gt; 0, which keeps the step finite where v̂ = 0
     */
    public Adam(int n, double learningRate, double beta1, double beta2, double epsilon) {
        if (!(learningRate > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0)) {
            throw new IllegalArgumentException("need η > 0, β₁, β₂ ∈ [0, 1) and ε > 0");
        }
        this.steps = new AdamW(n, learningRate, beta1, beta2, epsilon, 0);
    }

    /** The usual defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-8. */
    public Adam(int n, double learningRate) {
        this(n, learningRate, 0.9, 0.999, 1e-8);
    }

    /**
     * One Adam step.
     *
     * @param x    the parameters (modified in place)
     * @param grad the gradient at x (read)
     * @return false, leaving x and the moments untouched, when grad has a NaN or infinite entry
     */
    @Override
    public boolean step(double[] x, double[] grad) {
        return steps.step(x, grad);
    }

    /** The number of steps taken since construction or {@link #reset()}. */
    public int steps() {
        return steps.steps();
    }

    /** Forgets the moments and the step count. */
    public void reset() {
        steps.reset();
    }
}
