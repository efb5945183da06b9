package geo.runtime.learn.embed;

import geo.runtime.manifold.EmbeddingSpace;
import geo.runtime.manifold.PairDistance;
import geo.runtime.manifold.WarmStartedSpace;

/**
 * A warm-started space whose distance is, where asked, the shorter of the warm-started geodesic
 * and one solved afresh: what {@link AnnealedFinish} evaluates for a learned metric. L-BFGS needs
 * its objective to be a function of the variables, and warm starts are not quite one: after a
 * line search's trial point far along the line, a pair's warm start can follow another, longer
 * geodesic when the search steps back (measured on Tree6 in d = 2: L_0.1 jumped from 0.61 to 1.60
 * at nearly the same point, and the stage stalled on that branch). Solving every pair afresh
 * instead cost 6× as much, and a pair that the straight line could not solve stopped the search
 * where its warm start solved it. So after a rejected trial point ({@link #verifyNext}) every
 * pair of the next evaluation is solved both ways and the shorter geodesic kept (a geodesic that
 * is not minimal is longer than the one that is); a pair whose fresh geodesic was the shorter
 * is solved both ways from then on (its warm start keeps following the longer one). This is the
 * rule {@link FinalDistances} applies to the reported distances.
 *
 * <p>Instances made by {@link #forThread()} share the per-pair flags and the verify switch; a
 * pair's flag is written only by the thread that solves that pair in an evaluation, and the
 * switch only between evaluations.
 */
final class ShorterGeodesic implements EmbeddingSpace {

    /** The state all instances share. */
    private static final class Shared {
        final boolean[] fresh;
        volatile boolean verify;
        /** Whether a pair of the current evaluation has failed (then the others are not solved). */
        volatile boolean failed;

        Shared(int pairs) {
            fresh = new boolean[pairs];
        }
    }

    private final EmbeddingSpace warm;
    private final EmbeddingSpace cold;
    private final Shared shared;
    private final double[] gx;
    private final double[] gy;
    private final double[] gTheta;

    /** Wraps {@code warm} for a graph of {@code pairs} pairs, no pair flagged, no verification asked. */
    ShorterGeodesic(WarmStartedSpace warm, int pairs) {
        this(warm, warm.withoutWarmStarts(), new Shared(pairs));
    }

    private ShorterGeodesic(EmbeddingSpace warm, EmbeddingSpace cold, Shared shared) {
        this.warm = warm;
        this.cold = cold;
        this.shared = shared;
        this.gx = new double[warm.dimension()];
        this.gy = new double[warm.dimension()];
        this.gTheta = new double[warm.parameterCount()];
    }

    /** Whether the next evaluation solves every pair both ways (set between evaluations). */
    void verifyNext(boolean value) {
        shared.verify = value;
    }

    /** Starts an evaluation: no pair of it has failed yet. */
    void beginEvaluation() {
        shared.failed = false;
    }

    /** Pairs whose fresh geodesic was found shorter than their warm-started one, so far. */
    int freshPairs() {
        int n = 0;
        for (boolean f : shared.fresh) {
            n += f ? 1 : 0;
        }
        return n;
    }

    @Override
    public String name() {
        return warm.name();
    }

    @Override
    public int dimension() {
        return warm.dimension();
    }

    @Override
    public int parameterCount() {
        return warm.parameterCount();
    }

    @Override
    public double[] initialParameters() {
        return warm.initialParameters();
    }

    @Override
    public double[] initialParameters(long seed) {
        return warm.initialParameters(seed);
    }

    /**
     * The warm-started distance, or (verifying, or for a flagged pair) the shorter of it and the
     * fresh one, with that geodesic's gradients; the warm solve's failure when both fail, and
     * {@link PairDistance.Status#SKIPPED} without a solve once a pair of this evaluation has
     * failed: the finish's objective is then not finite anyway, and a failing solve costs
     * hundreds of shots.
     */
    @Override
    public PairDistance distance(int pair, double[] x, double[] y, double[] theta, double[] gxOut,
                                 double[] gyOut, double[] gThetaOut) {
        if (shared.failed) {
            return PairDistance.failed(PairDistance.Status.SKIPPED, "another pair of this evaluation failed");
        }
        PairDistance d = warm.distance(pair, x, y, theta, gxOut, gyOut, gThetaOut);
        if (!shared.verify && !shared.fresh[pair]) {
            shared.failed |= !d.ok();
            return d;
        }
        PairDistance f = cold.distance(pair, x, y, theta, gx, gy, gTheta);
        boolean freshShorter = f.ok() && !(d.ok() && d.value() <= f.value() * (1 + Evaluation.TOLERANCE));
        shared.fresh[pair] = freshShorter;
        if (!freshShorter) {
            shared.failed |= !d.ok();
            return d;
        }
        System.arraycopy(gx, 0, gxOut, 0, gx.length);
        System.arraycopy(gy, 0, gyOut, 0, gy.length);
        System.arraycopy(gTheta, 0, gThetaOut, 0, gTheta.length);
        return f;
    }

    @Override
    public void project(double[] x) {
        warm.project(x);
    }

    @Override
    public EmbeddingSpace forThread() {
        return new ShorterGeodesic(warm.forThread(), cold.forThread(), shared);
    }
}
