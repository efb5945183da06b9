package geo.runtime.learn.embed;

import geo.runtime.data.graph.ShortestPaths;
import geo.runtime.learn.Seeds;
import geo.runtime.learn.TrainingListener;
import geo.runtime.learn.TrainingStatus;
import geo.runtime.manifold.EmbeddingSpace;
import geo.runtime.manifold.closed.Euclidean;
import geo.runtime.manifold.closed.Lorentz;
import geo.runtime.manifold.closed.PoincareBall;
import geo.runtime.optim.Lbfgs;
import geo.runtime.optim.OptimResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The annealed worst-case finish ({@link Objective.Finish#ANNEALED}): from a trained embedding,
 * L-BFGS on the {@link SoftWorstCase} surrogate L_τ = τ·ln Σexp(ρ_k/τ) + τ·ln Σexp(−ρ_k/τ),
 * ρ_k = ln(d_M/d_G), over every pair, for each τ of {@link #TEMPERATURES} in turn (each stage
 * from the last one's result, with a fresh L-BFGS memory). L_τ exceeds ln(worst-case distortion)
 * = max ρ − min ρ by at most 2τ·ln n, so the last stage (τ = 0.002: at most 0.034 in ln for the
 * 4,560 pairs of Sphere100) minimises nearly the worst case itself, while the first stages, where
 * many pairs pull, move the embedding out of the basins that a low temperature alone would leave
 * it in (continuation in the smoothing parameter of a log-sum-exp smoothing of a maximum:
 * Nesterov, "Smooth minimization of non-smooth functions", Math. Program. 103, 2005; Nocedal &amp;
 * Wright, "Numerical Optimization", 2nd ed., §7.2 for L-BFGS).
 *
 * <p>L-BFGS needs unconstrained coordinates: Euclidean and hyperboloid ({@link Lorentz}) points
 * are their coordinates; a point p of the Poincaré ball is written by the spatial part u of the
 * hyperboloid point it is isometric to, p = u/(1 + √(1 + ‖u‖²)), u = 2p/(1 − ‖p‖²), and the
 * gradient is pulled back by ∂p/∂u = I/(1 + c) − u uᵀ/((1 + c)² c) with c = √(1 + ‖u‖²) (symmetric).
 * In ball coordinates the metric factor 2/(1 − ‖p‖²) reaches 10³–10⁴ at the radii where
 * Sphere100 lies, which a quasi-Newton method in those coordinates resolves badly. A ball point
 * may not pass {@link PoincareBall#MAX_NORM} (radius ≈ 12.2), where the ball clamps its points:
 * the objective is not finite there, so the line search steps back (the hyperboloid has no such
 * bound; on Tree40 in d = 5 a start that went past it lost 1.22 → 1.89 to the clamp).
 *
 * <p>The objective is scale-free, so the scale is not a variable; the result's scale s (that of
 * its average distortion) is the pair loss's optimum over the final distances, whatever the
 * scale mode of the first phase. Every evaluation is one full pass
 * over the pairs and is reported as one epoch; {@link Objective#worstCaseEpochs()} is the budget
 * of evaluations, split evenly over the stages.
 */
final class AnnealedFinish {

    /** The stages' temperatures τ, in ln-distortion units, high to low. */
    static final double[] TEMPERATURES = {0.1, 0.05, 0.02, 0.01, 0.005, 0.002};
    /** L-BFGS stops a stage when a step lowers L_τ by at most this times |L_τ|. */
    static final double RELATIVE_TOLERANCE = 1e-10;

    private AnnealedFinish() {
    }

    /** The temperature of the last stage, at which {@link Trainer} compares starts. */
    static double finalTemperature() {
        return TEMPERATURES[TEMPERATURES.length - 1];
    }

    /**
     * Checks that the space has coordinates this finish can move freely.
     *
     * @throws IllegalArgumentException for any space but {@link Euclidean}, {@link PoincareBall} and {@link Lorentz}
     */
    static void requireSupported(EmbeddingSpace space) {
        if (!(space instanceof Euclidean || space instanceof PoincareBall || space instanceof Lorentz)) {
            throw new IllegalArgumentException("the annealed worst-case finish works in the euclidean, poincare and "
                    + "lorentz spaces (unconstrained coordinates), not in " + space.name());
        }
    }

    /**
     * Runs the stages from {@code first}'s positions.
     *
     * @param trainer  computes the result's final distances and metrics ({@link Trainer#finalResult})
     * @param listener told about every evaluation, as an epoch
     */
    static TrainingResult run(Trainer trainer, EmbeddingSpace space, EmbedOptions options, ShortestPaths target,
                              TrainingResult first, TrainingListener<? super EpochStats> listener) {
        requireSupported(space);
        long start = System.nanoTime();
        boolean ball = space instanceof PoincareBall;
        int dim = space.dimension();
        int n = target.nodeCount();
        int pairs = target.pairCount();
        double[] theta = first.theta();
        double[] positions = new double[n * dim];
        double[] u = new double[n * dim];
        double[][] rows = first.positions();
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows[i], 0, positions, i * dim, dim);
        }
        toChart(ball, positions, u, dim);
        int budget = Math.max(1, options.objective().worstCaseEpochs() / TEMPERATURES.length);
        Lbfgs lbfgs = new Lbfgs(Lbfgs.Settings.defaults().withMaxEvaluations(budget).withMaxIterations(budget)
                .withGradientTolerance(0).withRelativeTolerance(RELATIVE_TOLERANCE));
        List<EpochStats> history = new ArrayList<>();
        int[] order = Seeds.identity(pairs);
        int threads = options.execution().threads();
        double scale = first.scale();
        TrainingStatus status = TrainingStatus.CONVERGED;
        StringBuilder stages = new StringBuilder();
        try (PairEvaluator evaluator = new PairEvaluator(space, target, pairs, threads)) {
            evaluator.worstCase(true);
            double[] gradPositions = new double[positions.length];
            double[] gradTheta = new double[theta.length];
            for (double tau : TEMPERATURES) {
                evaluator.temperature(tau);
                geo.runtime.optim.Objective f = (x, grad) -> {
                    long t0 = System.nanoTime();
                    if (!fromChart(ball, x, positions, dim)) {
                        // past the ball's representable radius (PoincareBall.MAX_NORM, ≈ 12.2): the line search steps back
                        return Double.NaN;
                    }
                    evaluator.evaluate(order, 0, pairs, positions, theta, 1, options.objective().loss());
                    evaluator.reduce(gradPositions, gradTheta);
                    int ok = evaluator.succeeded;
                    double value = ok > 0 && evaluator.failures == 0 ? evaluator.lossSum / ok : Double.NaN;
                    history.add(new EpochStats(history.size() + 1, value, ok, evaluator.failures,
                            (System.nanoTime() - t0) * 1e-9, evaluator.distanceNanos * 1e-9, threads, scale));
                    listener.epoch(history.get(history.size() - 1));
                    if (Double.isNaN(value)) {
                        // a pair collapsed (ρ = −∞) or failed: L-BFGS's line search steps back
                        return Double.NaN;
                    }
                    for (int k = 0; k < gradPositions.length; k++) {
                        gradPositions[k] /= ok;
                    }
                    pullBack(ball, x, gradPositions, grad, dim);
                    return value;
                };
                OptimResult r = lbfgs.minimize(f, u);
                stages.append(String.format(Locale.ROOT, "%s τ %.3g: L %.6g (%d evaluations, %s)",
                        stages.length() == 0 ? "" : ";", tau, r.value(), r.evaluations(),
                        r.status().name().toLowerCase(Locale.ROOT)));
                if (r.status() == geo.runtime.optim.Status.NON_FINITE) {
                    status = TrainingStatus.FAILED;
                    break;
                }
            }
        }
        fromChart(ball, u, positions, dim);
        double[] node = new double[dim];
        for (int i = 0; i < n; i++) {
            System.arraycopy(positions, i * dim, node, 0, dim);
            space.project(node);
            System.arraycopy(node, 0, positions, i * dim, dim);
        }
        String message = "annealed L-BFGS finish" + stages;
        // the objective is scale-free, so the size the embedding ends at means nothing: the metrics'
        // scale (the average distortion's) is the loss's optimum over the final distances
        return trainer.finalResult(target, positions, theta, scale, true, status, message, history, start,
                history.size(), listener instanceof EvaluationListener e ? e : null);
    }

    /** u = 2p/(1 − ‖p‖²) per node in the ball, else u = p. */
    static void toChart(boolean ball, double[] p, double[] u, int dim) {
        for (int i = 0; i < p.length; i += dim) {
            double f = 1;
            if (ball) {
                double pp = 0;
                for (int a = 0; a < dim; a++) {
                    pp += p[i + a] * p[i + a];
                }
                f = 2 / (1 - pp);
            }
            for (int a = 0; a < dim; a++) {
                u[i + a] = f * p[i + a];
            }
        }
    }

    /**
     * p = u/(1 + √(1 + ‖u‖²)) per node in the ball, else p = u.
     *
     * @return false when a ball point lies beyond {@link PoincareBall#MAX_NORM}, where the ball's
     *         own {@link PoincareBall#project} would move it (and so change its distances)
     */
    static boolean fromChart(boolean ball, double[] u, double[] p, int dim) {
        boolean inside = true;
        for (int i = 0; i < u.length; i += dim) {
            double f = 1;
            if (ball) {
                double uu = normSquared(u, i, dim);
                f = 1 / (1 + Math.sqrt(1 + uu));
                inside &= f * f * uu <= PoincareBall.MAX_NORM * PoincareBall.MAX_NORM;
            }
            for (int a = 0; a < dim; a++) {
                p[i + a] = f * u[i + a];
            }
        }
        return inside;
    }

    /** ∂E/∂u = (∂p/∂u)ᵀ ∂E/∂p per node (∂p/∂u in the class comment) in the ball, else ∂E/∂p. */
    static void pullBack(boolean ball, double[] u, double[] gradP, double[] gradU, int dim) {
        for (int i = 0; i < u.length; i += dim) {
            if (!ball) {
                System.arraycopy(gradP, i, gradU, i, dim);
                continue;
            }
            double c = Math.sqrt(1 + normSquared(u, i, dim));
            double ug = 0;
            for (int a = 0; a < dim; a++) {
                ug += u[i + a] * gradP[i + a];
            }
            double f = 1 / (1 + c);
            double h = ug * f * f / c;
            for (int a = 0; a < dim; a++) {
                gradU[i + a] = f * gradP[i + a] - h * u[i + a];
            }
        }
    }

    private static double normSquared(double[] v, int from, int dim) {
        double s = 0;
        for (int a = 0; a < dim; a++) {
            s += v[from + a] * v[from + a];
        }
        return s;
    }
}
