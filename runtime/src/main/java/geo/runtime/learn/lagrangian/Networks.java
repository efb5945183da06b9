package geo.runtime.learn.lagrangian;

import geo.runtime.api.BatchFunctionKernels;
import geo.runtime.api.FunctionKernels;
import geo.runtime.api.ModelDescriptor;
import java.util.SplittableRandom;

/**
 * The three compiled networks of the method with their parameters: the dual potential
 * g: R² → R and the map T: R² → R² (one {@code .geo} file, one θ), and the spline amortiser
 * a: (x, y) ↦ R^{2(T−2)} (another file, another θ), whose output is added to the straight line's
 * interior points: q(x, y) = straight(x, y) + a(x, y), so a zero network predicts the straight line.
 * Applying them is one compiled forward pass each — no ODE or spline solve. Not thread-safe.
 */
public final class Networks {

    private final FunctionKernels g;
    private final FunctionKernels map;
    private final FunctionKernels amortiser;
    private final double[] dualTheta;
    private final double[] amortiserTheta;
    private final double[] in2 = new double[2];
    private final double[] in4 = new double[4];
    private final double[] one = new double[1];
    private final double[] thetaScratch;

    /**
     * @param g              fn g(y[2]) (scalar)
     * @param map            fn T(x[2]) (vector of 2), over the same θ as g
     * @param amortiser      fn of (x[2], y[2]) with 2(T − 2) outputs
     * @param dualTheta      θ of g and T (kept, not copied: training updates it)
     * @param amortiserTheta θ of the amortiser (kept)
     */
    public Networks(FunctionKernels g, FunctionKernels map, FunctionKernels amortiser, double[] dualTheta,
                    double[] amortiserTheta) {
        check(g, 2, 1, dualTheta.length, "g");
        check(map, 2, 2, dualTheta.length, "T");
        check(amortiser, 4, amortiser.descriptor().output().isEmpty() ? 1 : outputs(amortiser), amortiserTheta.length,
                "the amortiser");
        this.g = g;
        this.map = map;
        this.amortiser = amortiser;
        this.dualTheta = dualTheta;
        this.amortiserTheta = amortiserTheta;
        this.thetaScratch = new double[dualTheta.length];
    }

    private static int outputs(FunctionKernels f) {
        int n = 1;
        for (int s : f.descriptor().output()) {
            n *= s;
        }
        return n;
    }

    private static void check(FunctionKernels f, int inputs, int out, int thetaLength, String what) {
        ModelDescriptor d = f.descriptor();
        if (d.inputCount() != inputs || outputs(f) != out || d.parameterCount() != thetaLength) {
            throw new IllegalArgumentException(what + " (fn " + d.name() + ") must take " + inputs + " inputs and give "
                    + out + " values over " + thetaLength + " parameters; it takes " + d.inputCount() + ", gives "
                    + outputs(f) + " over " + d.parameterCount());
        }
    }

    /** The number of amortiser outputs, 2(T − 2). */
    public int amortiserOutputs() {
        return outputs(amortiser);
    }

    public double[] dualTheta() {
        return dualTheta;
    }

    public double[] amortiserTheta() {
        return amortiserTheta;
    }

    /** g(y). */
    public double g(double[] y) {
        g.value(y, dualTheta, one);
        return one[0];
    }

    /** g(y), with ∂g/∂y into {@code gy} and w·∂g/∂θ added to {@code thetaBar} (either may be null). */
    public double gGradient(double[] y, double w, double[] gy, double[] thetaBar, double[] scratchTheta) {
        g.value(y, dualTheta, one);
        double v = one[0];
        one[0] = w;
        g.vjp(y, dualTheta, one, gy == null ? in2 : gy, scratchTheta == null ? thetaScratch : scratchTheta);
        if (thetaBar != null) {
            for (int j = 0; j < thetaBar.length; j++) {
                thetaBar[j] += scratchTheta[j];
            }
        }
        return v;
    }

    /** T(x) into out (length 2). */
    public void map(double[] x, double[] out) {
        map.value(x, dualTheta, out);
    }

    /** Adds (∂T/∂θ)ᵀ ȳ to thetaBar. */
    public void mapBackward(double[] x, double[] outBar, double[] thetaBar, double[] scratchTheta) {
        map.vjp(x, dualTheta, outBar, in2, scratchTheta);
        for (int j = 0; j < thetaBar.length; j++) {
            thetaBar[j] += scratchTheta[j];
        }
    }

    /** The amortised interior points q(x, y) = straight + a(x, y), written to q. */
    public void path(double[] x, double[] y, int samples, double[] q) {
        in4[0] = x[0];
        in4[1] = x[1];
        in4[2] = y[0];
        in4[3] = y[1];
        amortiser.value(in4, amortiserTheta, q);
        for (int k = 1; k < samples - 1; k++) {
            double t = (double) k / (samples - 1);
            q[2 * (k - 1)] += x[0] + t * (y[0] - x[0]);
            q[2 * (k - 1) + 1] += x[1] + t * (y[1] - x[1]);
        }
    }

    /** The rows of one batched forward pass of the amortiser ({@link #paths}). */
    public static final int BATCH = 256;

    /**
     * The amortised interior points q(xs[i], ys[i]) of many pairs. When the amortiser's class has a
     * batch kernel ({@link BatchFunctionKernels}) the pairs go through it {@value #BATCH} at a time —
     * its products with a weight matrix are matrix–matrix loops over the pairs — otherwise one
     * {@link #path} each; the values are the same (the batch kernel performs the per-row operations
     * in their order).
     */
    public double[][] paths(double[][] xs, double[][] ys, int samples) {
        int n = xs.length;
        double[][] out = new double[n][];
        if (!(amortiser instanceof BatchFunctionKernels batch)) {
            for (int i = 0; i < n; i++) {
                out[i] = new double[amortiserOutputs()];
                path(xs[i], ys[i], samples, out[i]);
            }
            return out;
        }
        double[][] w = BatchFunctionKernels.work(batch, Math.min(n, BATCH));
        int o = batch.batchOutputSlot();
        int m = amortiserOutputs();
        for (int start = 0; start < n; start += BATCH) {
            int rows = Math.min(BATCH, n - start);
            for (int b = 0; b < rows; b++) {
                w[0][b] = xs[start + b][0];
                w[1][b] = xs[start + b][1];
                w[2][b] = ys[start + b][0];
                w[3][b] = ys[start + b][1];
            }
            batch.valueBatch(rows, w, amortiserTheta);
            for (int b = 0; b < rows; b++) {
                double[] x = xs[start + b];
                double[] y = ys[start + b];
                double[] q = new double[m];
                for (int j = 0; j < m; j++) {
                    q[j] = w[o + j][b];
                }
                for (int k = 1; k < samples - 1; k++) {
                    double t = (double) k / (samples - 1);
                    q[2 * (k - 1)] += x[0] + t * (y[0] - x[0]);
                    q[2 * (k - 1) + 1] += x[1] + t * (y[1] - x[1]);
                }
                out[start + b] = q;
            }
        }
        return out;
    }

    /** Whether the amortiser's class has a batch kernel ({@link #paths} uses it). */
    public boolean batchedAmortiser() {
        return amortiser instanceof BatchFunctionKernels;
    }

    /** Adds (∂a/∂θ)ᵀ q̄ to thetaBar (q̄ = ∂loss/∂q; the straight part does not depend on θ). */
    public void pathBackward(double[] x, double[] y, double[] qBar, double[] thetaBar, double[] scratchTheta) {
        in4[0] = x[0];
        in4[1] = x[1];
        in4[2] = y[0];
        in4[3] = y[1];
        double[] inBar = new double[4];
        amortiser.vjp(in4, amortiserTheta, qBar, inBar, scratchTheta);
        for (int j = 0; j < thetaBar.length; j++) {
            thetaBar[j] += scratchTheta[j];
        }
    }

    /**
     * Initial parameters as flax's defaults (the paper's networks): every matrix parameter
     * N(0, 1/fan_in) (LeCun normal, fan_in = its column count), every vector or scalar 0.
     */
    public static double[] lecunInit(ModelDescriptor d, SplittableRandom random) {
        double[] theta = new double[d.parameterCount()];
        for (ModelDescriptor.Parameter p : d.parameters()) {
            if (p.shape().size() == 2) {
                double sd = 1 / Math.sqrt(p.shape().get(1));
                for (int k = 0; k < p.size(); k++) {
                    theta[p.offset() + k] = sd * random.nextGaussian();
                }
            }
        }
        return theta;
    }
}
