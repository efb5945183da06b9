package geo.runtime.api;

import java.util.random.RandomGenerator;

/**
 * How one parameter's initial value is made: a constant ({@code = value}, {@code = zeros}) or a
 * random draw ({@code ~ normal(mu, sigma)}, {@code ~ uniform(a, b)}). The compiler checks the
 * initialisers of a model; the model jar records them (beside θ₀ drawn with seed 0), so that the
 * runtime can draw θ₀ for any seed exactly as the compiler would (see {@link ParameterInits}).
 */
public sealed interface ParameterInit {

    /**
     * Fills {@code out[offset .. offset + n)} with the initial values of a parameter of n elements
     * (modifies {@code out} only in that range).
     *
     * @param random the source of random draws (used only by random initialisers, one draw per element)
     */
    void fill(double[] out, int offset, int n, RandomGenerator random);

    /** {@code = value} (a single value is broadcast) or {@code = zeros}: row-major elements. */
    record Constant(double[] values) implements ParameterInit {
        public Constant {
            values = values.clone();
        }

        @Override
        public void fill(double[] out, int offset, int n, RandomGenerator random) {
            for (int i = 0; i < n; i++) {
                out[offset + i] = values.length == 1 ? values[0] : values[i];
            }
        }
    }

    /** {@code ~ normal(mu, sigma)}: mu + sigma·z with z standard normal ({@link RandomGenerator#nextGaussian()}). */
    record Normal(double mu, double sigma) implements ParameterInit {
        @Override
        public void fill(double[] out, int offset, int n, RandomGenerator random) {
            for (int i = 0; i < n; i++) {
                out[offset + i] = mu + sigma * random.nextGaussian();
            }
        }
    }

    /** {@code ~ uniform(a, b)}: a + (b − a)·u with u uniform on [0, 1). */
    record Uniform(double a, double b) implements ParameterInit {
        @Override
        public void fill(double[] out, int offset, int n, RandomGenerator random) {
            for (int i = 0; i < n; i++) {
                out[offset + i] = a + (b - a) * random.nextDouble();
            }
        }
    }
}
