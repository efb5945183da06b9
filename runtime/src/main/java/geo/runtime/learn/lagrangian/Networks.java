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
 * Applying them is one compiled forward pass each — no ODE or spline solve.
 *
 * <p>The amortiser may have K heads (K·2(T−2) outputs, head h the values h·2(T−2) … (h+1)·2(T−2)−1):
 * a multi-hypothesis amortiser ("multiple choice learning", Guzman-Rivera, Batra &amp; Kohli, NIPS
 * 2012), since behind an obstacle the minimal path goes above or below it and one regression
 * predicts the average, through the obstacle. Head h adds its own fixed anchor, the arc
 * b_h·sin(πt)·n̂ (n̂ ⟂ y − x, b_h = {@value #ANCHOR_BEND}·|y − x|·(2h/(K − 1) − 1)), to the straight
 * line — the anchored hypotheses of MultiPath (Chai et al., CoRL 2019), so that the heads start on
 * different sides; K = 1 has no anchor. Not thread-safe.
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
     * @param amortiser      fn of (x[2], y[2]) with K·2(T − 2) outputs (K heads, usually 1)
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

    /** The number of amortiser outputs, K·2(T − 2). */
    public int amortiserOutputs() {
        return outputs(amortiser);
    }

    /** The anchors' largest sagitta as a share of |y − x| (the arcs of {@code PathSolver.best}'s first two starts). */
    public static final double ANCHOR_BEND = 0.25;

    /**
     * The amortiser's heads K for paths of {@code samples} points: its outputs over 2(samples − 2).
     *
     * @throws IllegalArgumentException when the outputs are not a positive multiple of 2(samples − 2)
     */
    public int heads(int samples) {
        int per = 2 * (samples - 2);
        int out = amortiserOutputs();
        if (per <= 0 || out % per != 0) {
            throw new IllegalArgumentException("the amortiser gives " + out + " values; a path of " + samples
                    + " points has " + per + " interior coordinates, so it must give a multiple of " + per
                    + " (one block a head)");
        }
        return out / per;
    }

    /** Head h's anchor sagitta over |y − x|: 0 for one head, else evenly spaced in ±{@link #ANCHOR_BEND}. */
    static double anchor(int h, int heads) {
        return heads == 1 ? 0 : ANCHOR_BEND * (2.0 * h / (heads - 1) - 1);
    }

    /**
     * Adds head h's base path, the straight line x → y plus its anchor arc, to q[from … from + 2(T−2)).
     */
    static void addBase(double[] x, double[] y, int samples, int h, int heads, double[] q, int from) {
        double dx = y[0] - x[0];
        double dy = y[1] - x[1];
        double len = Math.hypot(dx, dy);
        double b = len == 0 ? 0 : anchor(h, heads);
        // n̂·|y − x| = (−dy, dx), so b·len·sin(πt)·n̂ = b·sin(πt)·(−dy, dx).
        for (int k = 1; k < samples - 1; k++) {
            double t = (double) k / (samples - 1);
            double bend = b * Math.sin(Math.PI * t);
            q[from + 2 * (k - 1)] += x[0] + t * dx - bend * dy;
            q[from + 2 * (k - 1) + 1] += x[1] + t * dy + bend * dx;
        }
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

    /**
     * The amortised interior points q(x, y) = straight + a(x, y), written to q (length 2(T − 2)); for
     * an amortiser of K heads, head 0's (the training and the scores use one head; {@link #headPaths}
     * gives all).
     */
    public void path(double[] x, double[] y, int samples, double[] q) {
        int heads = heads(samples);
        if (heads == 1) {
            headPaths(x, y, samples, q);
            return;
        }
        double[] all = new double[amortiserOutputs()];
        headPaths(x, y, samples, all);
        System.arraycopy(all, 0, q, 0, q.length);
    }

    /** Every head's path, head h at q[h·2(T−2) …] (length K·2(T − 2)): its output plus its base path. */
    public void headPaths(double[] x, double[] y, int samples, double[] q) {
        in4[0] = x[0];
        in4[1] = x[1];
        in4[2] = y[0];
        in4[3] = y[1];
        amortiser.value(in4, amortiserTheta, q);
        int heads = heads(samples);
        int per = q.length / heads;
        for (int h = 0; h < heads; h++) {
            addBase(x, y, samples, h, heads, q, h * per);
        }
    }

    /** The rows of one batched forward pass of the amortiser ({@link #paths}). */
    public static final int BATCH = 256;

    /**
     * The amortised interior points of many pairs, K a pair: row i·K + h is head h's path for
     * (xs[i], ys[i]) (K = 1: row i is q(xs[i], ys[i])). When the amortiser's class has a
     * batch kernel ({@link BatchFunctionKernels}) the pairs go through it {@value #BATCH} at a time —
     * its products with a weight matrix are matrix–matrix loops over the pairs — otherwise one
     * {@link #headPaths} each; the values are the same (the batch kernel performs the per-row operations
     * in their order).
     */
    public double[][] paths(double[][] xs, double[][] ys, int samples) {
        int n = xs.length;
        int heads = heads(samples);
        int per = amortiserOutputs() / heads;
        double[][] out = new double[n * heads][];
        if (!(amortiser instanceof BatchFunctionKernels batch)) {
            double[] all = new double[amortiserOutputs()];
            for (int i = 0; i < n; i++) {
                headPaths(xs[i], ys[i], samples, all);
                for (int h = 0; h < heads; h++) {
                    out[i * heads + h] = java.util.Arrays.copyOfRange(all, h * per, (h + 1) * per);
                }
            }
            return out;
        }
        double[][] w = BatchFunctionKernels.work(batch, Math.min(n, BATCH));
        int o = batch.batchOutputSlot();
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
                for (int h = 0; h < heads; h++) {
                    double[] q = new double[per];
                    for (int j = 0; j < per; j++) {
                        q[j] = w[o + h * per + j][b];
                    }
                    addBase(x, y, samples, h, heads, q, 0);
                    out[(start + b) * heads + h] = q;
                }
            }
        }
        return out;
    }

    /** Whether the amortiser's class has a batch kernel ({@link #paths} uses it). */
    public boolean batchedAmortiser() {
        return amortiser instanceof BatchFunctionKernels;
    }

    /**
     * Adds (∂a/∂θ)ᵀ q̄ to thetaBar (q̄ = ∂loss/∂q over all the amortiser's outputs, K·2(T − 2); the
     * base paths do not depend on θ).
     */
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
