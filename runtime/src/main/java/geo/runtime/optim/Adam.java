package geo.runtime.optim;

import java.util.Arrays;

/**
 * Adam (Kingma &amp; Ba, 2015) on a flat parameter vector. With the gradient g of step t = 1, 2, …:
 * <pre>
 *   m ← β₁ m + (1 − β₁) g,        v ← β₂ v + (1 − β₂) g²          (elementwise)
 *   m̂ = m / (1 − β₁ᵗ),            v̂ = v / (1 − β₂ᵗ)               (bias correction)
 *   x ← x − η m̂ / (√v̂ + ε)
 * </pre>
 * The moments m, v are state of this instance (one instance per parameter vector; not
 * thread-safe). {@link #step} modifies the caller's x in place and allocates nothing.
 */
public final class Adam implements StepOptimiser {

    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double[] m;
    private final double[] v;
    private int t;
    private double beta1Power = 1;
    private double beta2Power = 1;

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
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.m = new double[n];
        this.v = new double[n];
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
        for (int i = 0; i < x.length; i++) {
            double gi = grad[i];
            m[i] = beta1 * m[i] + (1 - beta1) * gi;
            v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
            x[i] -= learningRate * (m[i] * c1) / (Math.sqrt(v[i] * c2) + epsilon);
        }
        return true;
    }

    /** The number of steps taken since construction or {@link #reset()}. */
    public int steps() {
        return t;
    }

    /** Forgets the moments and the step count. */
    public void reset() {
        Arrays.fill(m, 0);
        Arrays.fill(v, 0);
        t = 0;
        beta1Power = 1;
        beta2Power = 1;
    }
}
