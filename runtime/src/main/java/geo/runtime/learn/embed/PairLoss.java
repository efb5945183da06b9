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

        /** s = Σ d·g / Σ d² (∂/∂s Σ(s·d − g)² = 0). */
        @Override
        public double optimalScale(double[] d, double[] g, int n) {
            double num = 0;
            double den = 0;
            for (int k = 0; k < n; k++) {
                num += d[k] * g[k];
                den += d[k] * d[k];
            }
            return num / den;
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

        /** s = Σ r / Σ r² with r = d/g (∂/∂s Σ(s·r − 1)² = 0). */
        @Override
        public double optimalScale(double[] d, double[] g, int n) {
            double num = 0;
            double den = 0;
            for (int k = 0; k < n; k++) {
                double r = d[k] / g[k];
                num += r;
                den += r * r;
            }
            return num / den;
        }
    },

    /**
     * Two-sided relative error: ℓ = (r − 1)² + (1/r − 1)² with r = e/g, ∂ℓ/∂e = 2[(r − 1) −
     * (1/r − 1)/r²]/g. Symmetric in expansion and contraction (ℓ(r) = ℓ(1/r)), and unbounded as
     * r → 0, so a pair cannot collapse for free as it can under {@link #RELATIVE_SQUARED}, whose
     * penalty for contraction is at most 1: the worst-case distortion max(r)·max(1/r) weighs both
     * sides alike too.
     */
    TWO_SIDED {
        @Override
        public double value(double e, double g) {
            double r = e / g;
            return (r - 1) * (r - 1) + (1 / r - 1) * (1 / r - 1);
        }

        @Override
        public double derivative(double e, double g) {
            double r = e / g;
            return 2 * ((r - 1) - (1 / r - 1) / (r * r)) / g;
        }
    };

    /** Golden-section steps of the default {@link #optimalScale}: the bracket shrinks by 0.618⁹⁰ ≈ 10⁻¹⁹. */
    private static final int GOLDEN_STEPS = 90;
    /** Half-width in ln s of the default {@link #optimalScale}'s bracket around the ratio of sums. */
    private static final double BRACKET = 8;

    /**
     * The scale s &gt; 0 that minimises Σ_k ℓ(s·d_k, g_k) over the first n entries (d_k &gt; 0):
     * in closed form where the loss has one ({@link #STRESS}, {@link #RELATIVE_SQUARED}), else by
     * golden-section search on ln s in [ln(Σg/Σd) − 8, ln(Σg/Σd) + 8] (every loss here is
     * unimodal in ln s: a sum of functions convex in ln s, or, for {@link #RELATIVE}, a weighted
     * sum of |s·r − 1| with its minimum at a weighted median).
     */
    public double optimalScale(double[] d, double[] g, int n) {
        double sd = 0;
        double sg = 0;
        for (int k = 0; k < n; k++) {
            sd += d[k];
            sg += g[k];
        }
        double lo = Math.log(sg / sd) - BRACKET;
        double hi = lo + 2 * BRACKET;
        double ratio = (Math.sqrt(5) - 1) / 2;
        double a = hi - ratio * (hi - lo);
        double b = lo + ratio * (hi - lo);
        double fa = total(Math.exp(a), d, g, n);
        double fb = total(Math.exp(b), d, g, n);
        for (int step = 0; step < GOLDEN_STEPS; step++) {
            if (fa <= fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - ratio * (hi - lo);
                fa = total(Math.exp(a), d, g, n);
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + ratio * (hi - lo);
                fb = total(Math.exp(b), d, g, n);
            }
        }
        return Math.exp((lo + hi) / 2);
    }

    private double total(double s, double[] d, double[] g, int n) {
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += value(s * d[k], g[k]);
        }
        return sum;
    }

    /** ℓ(e, g). */
    public abstract double value(double e, double g);

    /** ∂ℓ/∂e at (e, g). */
    public abstract double derivative(double e, double g);

    /** The name of this loss on the command line and in reports: stress, relative, relative-squared or two-sided. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The loss whose {@link #key()} is {@code key}, or empty. */
    public static Optional<PairLoss> of(String key) {
        return Keys.find(values(), PairLoss::key, key);
    }
}
