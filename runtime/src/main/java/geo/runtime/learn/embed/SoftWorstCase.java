package geo.runtime.learn.embed;

/**
 * A smooth worst-case distortion, the objective of the finishing phase of a graph embedding
 * ({@link Objective#worstCaseEpochs()}). With ρ_k = ln(d_k / g_k) for the embedded distance d_k
 * and the graph distance g_k of pair k, the worst-case distortion is
 * exp(max ρ − min ρ); its smooth surrogate is the log-sum-exp pair
 * <pre>  L = τ·ln Σ_k exp(ρ_k/τ) + τ·ln Σ_k exp(−ρ_k/τ),</pre>
 * which lies within 2τ·ln n of ln(worst-case distortion) from above, is scale-free (adding ln s to
 * every ρ_k cancels) and has ∂L/∂d_k = (w⁺_k − w⁻_k)/d_k with w^± the softmax weights of ±ρ/τ:
 * only the pairs near the largest expansion and the largest contraction pull. Unlike a per-pair
 * loss it couples the pairs, so it is evaluated on a whole epoch's pairs at once. (The worst-case
 * distortion is the metric of Lou, Nickel &amp; Amos (2020) and of Cruceru, Bécigneul &amp; Ganea
 * (2020); the log-sum-exp smoothing of a maximum is standard, e.g. Nesterov, "Smooth minimization
 * of non-smooth functions", Math. Program. 103, 2005.)
 */
final class SoftWorstCase {

    /** τ in ln-distortion units: the surrogate overestimates ln(worst case) by at most 2τ·ln n (0.34 for 4560 pairs). */
    static final double TEMPERATURE = 0.02;

    private SoftWorstCase() {
    }

    /**
     * L over the first n pairs, and ∂L/∂d_k into {@code gradient} (failed pairs are left out of L
     * and get 0).
     *
     * @param d        embedded distances (&gt; 0 where computed; read)
     * @param g        graph distances (read)
     * @param gradient ∂L/∂d_k (written)
     */
    static double of(PairValues d, double[] g, int n, double tau, double[] gradient) {
        double maxPlus = Double.NEGATIVE_INFINITY;
        double maxMinus = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            if (!d.isFailed(k)) {
                double rho = Math.log(d.value(k) / g[k]);
                maxPlus = Math.max(maxPlus, rho);
                maxMinus = Math.max(maxMinus, -rho);
            }
        }
        double sumPlus = 0;
        double sumMinus = 0;
        for (int k = 0; k < n; k++) {
            if (!d.isFailed(k)) {
                double rho = Math.log(d.value(k) / g[k]);
                sumPlus += Math.exp((rho - maxPlus) / tau);
                sumMinus += Math.exp((-rho - maxMinus) / tau);
            }
        }
        for (int k = 0; k < n; k++) {
            if (d.isFailed(k)) {
                gradient[k] = 0;
                continue;
            }
            double dk = d.value(k);
            double rho = Math.log(dk / g[k]);
            double wPlus = Math.exp((rho - maxPlus) / tau) / sumPlus;
            double wMinus = Math.exp((-rho - maxMinus) / tau) / sumMinus;
            gradient[k] = (wPlus - wMinus) / dk;
        }
        return maxPlus + tau * Math.log(sumPlus) + maxMinus + tau * Math.log(sumMinus);
    }
}
