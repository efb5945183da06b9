package geo.compiler.check;

import java.util.random.RandomGenerator;

/** How a parameter's initial value is made, as checked: constants already evaluated and broadcast. */
public sealed interface ParamInit {

    /**
     * Fills {@code out[offset .. offset + n)} with the initial values of a parameter of n elements.
     *
     * @param random the source of random draws (used only by random initialisers)
     */
    void fill(double[] out, int offset, int n, RandomGenerator random);

    /** {@code = value} (a scalar value is broadcast) or {@code = zeros}: row-major elements. */
    record Constant(double[] values) implements ParamInit {
        @Override
        public void fill(double[] out, int offset, int n, RandomGenerator random) {
            for (int i = 0; i < n; i++) {
                out[offset + i] = values.length == 1 ? values[0] : values[i];
            }
        }
    }

    /** {@code ~ normal(mu, sigma)}. */
    record Normal(double mu, double sigma) implements ParamInit {
        @Override
        public void fill(double[] out, int offset, int n, RandomGenerator random) {
            for (int i = 0; i < n; i++) {
                out[offset + i] = mu + sigma * random.nextGaussian();
            }
        }
    }

    /** {@code ~ uniform(a, b)}. */
    record Uniform(double a, double b) implements ParamInit {
        @Override
        public void fill(double[] out, int offset, int n, RandomGenerator random) {
            for (int i = 0; i < n; i++) {
                out[offset + i] = a + (b - a) * random.nextDouble();
            }
        }
    }
}
