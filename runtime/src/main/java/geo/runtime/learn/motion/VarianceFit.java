package geo.runtime.learn.motion;

import geo.runtime.api.LossKernels;
import geo.runtime.data.table.DataSet;
import geo.runtime.optim.Lbfgs;
import geo.runtime.optim.OptimResult;

/**
 * The second training stage of the VAE's variance network (Arvanitidis, Hansen and Hauberg, ICLR
 * 2018; the motion-skills code's {@code fit_std}): the mean per-row loss (1/N) Σᵢ ℓ(inᵢ; θ) minimised
 * over a subset of θ only — the RBF weights — by full-batch L-BFGS, with every other parameter (the
 * encoder, the decoder mean, the k-means centres and the RBF bandwidth) held fixed. The fitting loop
 * ({@code geo.runtime.learn.fit.Fitter}) trains every parameter a loss sees, and the centres, which
 * the variance loss sees, must stay the k-means centres.
 */
public final class VarianceFit {

    /** L-BFGS iterations at most. */
    public static final int MAX_ITERATIONS = 300;

    private VarianceFit() {
    }

    /**
     * Minimises the mean loss over the entries {@code trainable} of θ.
     *
     * @param loss      the compiled loss (used by this call only)
     * @param rows      its input rows (no noise inputs)
     * @param theta     all parameters; the trainable entries are overwritten with the result
     * @param trainable the offsets in θ that are trained
     * @return the L-BFGS run
     */
    public static OptimResult fit(LossKernels loss, DataSet rows, double[] theta, int[] trainable) {
        int width = rows.width();
        double[] in = new double[width];
        double[] gIn = new double[width];
        double[] gTheta = new double[theta.length];
        double[] work = theta.clone();
        double[] w = new double[trainable.length];
        for (int k = 0; k < trainable.length; k++) {
            w[k] = theta[trainable[k]];
        }
        int n = rows.rows();
        OptimResult result = new Lbfgs(Lbfgs.Settings.defaults().withMaxIterations(MAX_ITERATIONS)
                .withMaxEvaluations(4 * MAX_ITERATIONS).withGradientTolerance(1e-8).withRelativeTolerance(1e-12))
                .minimize((x, g) -> {
                    for (int k = 0; k < trainable.length; k++) {
                        work[trainable[k]] = x[k];
                    }
                    java.util.Arrays.fill(g, 0);
                    double total = 0;
                    for (int r = 0; r < n; r++) {
                        rows.row(r, in);
                        total += loss.lossGradient(in, work, gIn, gTheta);
                        for (int k = 0; k < trainable.length; k++) {
                            g[k] += gTheta[trainable[k]] / n;
                        }
                    }
                    return total / n;
                }, w);
        for (int k = 0; k < trainable.length; k++) {
            theta[trainable[k]] = w[k];
        }
        return result;
    }
}
