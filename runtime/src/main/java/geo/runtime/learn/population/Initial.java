package geo.runtime.learn.population;

import geo.runtime.api.ModelDescriptor;
import java.util.SplittableRandom;

/**
 * Seeded initial parameters. A compiled model carries one draw of its declared initialisers (its
 * default θ) but not the distributions, so a run with seed s draws each parameter block afresh from
 * N(μ, σ²) with μ and σ the mean and standard deviation of the block's default values: a block
 * declared {@code ~ normal(0, 0.3)} is redrawn from about N(0, 0.3²), a constant block (zeros, a
 * number) stays as it is.
 */
public final class Initial {

    private Initial() {
    }

    /** The parameters of a run with this seed. */
    public static double[] draw(ModelDescriptor descriptor, double[] defaults, long seed) {
        double[] theta = defaults.clone();
        SplittableRandom random = new SplittableRandom(0x5eed_0000L ^ seed);
        for (ModelDescriptor.Parameter block : descriptor.parameters()) {
            int n = block.size();
            int o = block.offset();
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += defaults[o + i] / n;
            }
            double var = 0;
            for (int i = 0; i < n; i++) {
                var += (defaults[o + i] - mean) * (defaults[o + i] - mean) / Math.max(1, n - 1);
            }
            if (var == 0) {
                continue;
            }
            double sd = Math.sqrt(var);
            for (int i = 0; i < n; i++) {
                theta[o + i] = mean + sd * random.nextGaussian();
            }
        }
        return theta;
    }
}
