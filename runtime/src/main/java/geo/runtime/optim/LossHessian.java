package geo.runtime.optim;

import geo.runtime.api.LossKernels;
import java.util.Arrays;

/**
 * The mean of a compiled loss over data rows, L(θ) = (1/N) Σᵢ ℓ(inᵢ; θ), with θ split into an
 * inner block (the variables of the inner problem) and an outer block φ (the hyperparameters), as
 * the {@link ImplicitGradient.SecondOrder} products come from {@link LossKernels#lossHvp}: the
 * direction (0, w) with w = v on the inner block and 0 elsewhere gives (∂²L/∂θ²) v on the inner
 * block and (∂²L/∂φ∂θ) v on the outer block of the same product. Rows are summed in order, so
 * products are deterministic. Not thread-safe (one kernel instance and its scratch arrays).
 */
public final class LossHessian implements ImplicitGradient.SecondOrder {

    private final LossKernels loss;
    private final double[] rows;
    private final int count;
    private final int width;
    private final double[] theta;
    private final int[] inner;
    private final int[] outer;
    private final double[] in;
    private final double[] zeroIn;
    private final double[] w;
    private final double[] hIn;
    private final double[] hTheta;

    /**
     * @param loss   the loss kernels (this instance is used; take a copy per thread)
     * @param rows   N rows of the loss's input slots, row-major, N·width values (not copied)
     * @param width  the loss's input count
     * @param theta  the full parameter vector at the inner optimum (not copied)
     * @param inner  the θ indices of the inner variables, in order
     * @param outer  the θ indices of φ, in order (disjoint from {@code inner})
     */
    public LossHessian(LossKernels loss, double[] rows, int width, double[] theta, int[] inner, int[] outer) {
        if (width < 0 || (width == 0 ? rows.length != 0 : rows.length % width != 0)) {
            throw new IllegalArgumentException(rows.length + " values are not rows of " + width);
        }
        this.loss = loss;
        this.rows = rows;
        this.width = width;
        this.count = width == 0 ? 0 : rows.length / width;
        if (count == 0) {
            throw new IllegalArgumentException("no rows");
        }
        this.theta = theta;
        this.inner = inner.clone();
        this.outer = outer.clone();
        this.in = new double[width];
        this.zeroIn = new double[width];
        this.w = new double[theta.length];
        this.hIn = new double[width];
        this.hTheta = new double[theta.length];
    }

    @Override
    public int thetaSize() {
        return inner.length;
    }

    @Override
    public int phiSize() {
        return outer.length;
    }

    @Override
    public void hvp(double[] v, double[] hInner, double[] hOuter) {
        Arrays.fill(w, 0);
        for (int k = 0; k < inner.length; k++) {
            w[inner[k]] = v[k];
        }
        Arrays.fill(hInner, 0);
        Arrays.fill(hOuter, 0);
        for (int r = 0; r < count; r++) {
            System.arraycopy(rows, r * width, in, 0, width);
            loss.lossHvp(in, theta, zeroIn, w, hIn, hTheta);
            for (int k = 0; k < inner.length; k++) {
                hInner[k] += hTheta[inner[k]];
            }
            for (int k = 0; k < outer.length; k++) {
                hOuter[k] += hTheta[outer[k]];
            }
        }
        double mean = 1.0 / count;
        for (int k = 0; k < inner.length; k++) {
            hInner[k] *= mean;
        }
        for (int k = 0; k < outer.length; k++) {
            hOuter[k] *= mean;
        }
    }

    /**
     * The mean gradient of {@code loss} over the rows, split into the two blocks:
     * {@code gInner} = ∂L/∂θ, {@code gOuter} = ∂L/∂φ (overwritten).
     *
     * @return the mean loss
     */
    public static double meanGradient(LossKernels loss, double[] rows, int width, double[] theta, int[] inner,
                                      int[] outer, double[] gInner, double[] gOuter) {
        int count = rows.length / width;
        double[] in = new double[width];
        double[] gIn = new double[width];
        double[] g = new double[theta.length];
        Arrays.fill(gInner, 0);
        Arrays.fill(gOuter, 0);
        double sum = 0;
        for (int r = 0; r < count; r++) {
            System.arraycopy(rows, r * width, in, 0, width);
            sum += loss.lossGradient(in, theta, gIn, g);
            for (int k = 0; k < inner.length; k++) {
                gInner[k] += g[inner[k]];
            }
            for (int k = 0; k < outer.length; k++) {
                gOuter[k] += g[outer[k]];
            }
        }
        for (int k = 0; k < inner.length; k++) {
            gInner[k] /= count;
        }
        for (int k = 0; k < outer.length; k++) {
            gOuter[k] /= count;
        }
        return sum / count;
    }
}
