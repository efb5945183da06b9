package geo.runtime.learn.embed;

import geo.runtime.data.graph.ShortestPaths;
import geo.runtime.learn.Seeds;
import geo.runtime.learn.TrainingListener;
import geo.runtime.learn.TrainingStatus;
import geo.runtime.manifold.EmbeddingSpace;
import geo.runtime.manifold.WarmStartedSpace;
import geo.runtime.manifold.closed.Euclidean;
import geo.runtime.manifold.closed.Lorentz;
import geo.runtime.manifold.closed.PoincareBall;
import geo.runtime.manifold.compiled.ModelSpace;
import geo.runtime.optim.Lbfgs;
import geo.runtime.optim.OptimResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

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
 * <p>A learned metric ({@link ModelSpace}: Rᵈ with the metric g(x; θ) of a compiled model) is
 * finished over the positions <em>and</em> θ together: the variables are (x, θ), and ∂L_τ/∂θ =
 * Σ_k ∂L_τ/∂d_k ∂d_k/∂θ comes from the same per-pair gradients as training
 * ({@link EmbeddingSpace#distance}: the envelope theorem along the computed geodesic). Its points
 * are their coordinates; a point that the model's declared domain would move
 * ({@link EmbeddingSpace#project}) is outside, and the objective there is not finite, as past the
 * ball's clamp. A pair whose geodesic fails makes the objective not finite too (the line search
 * steps back), so a finished metric has every pair solved at its last accepted point. Since
 * shooting finds <em>a</em> geodesic, not always the shortest, the result's reported distances
 * are {@link FinalDistances}' (afresh as well, the shorter kept), and {@link Trainer} keeps the
 * finish only when those give a lower worst-case distortion than its start.
 *
 * <p>The objective is scale-free, so the scale is not a variable; the result's scale s (that of
 * its average distortion) is the pair loss's optimum over the final distances, whatever the
 * scale mode of the first phase. Every evaluation is one full pass
 * over the pairs and is reported as one epoch; {@link Objective#worstCaseEpochs()} is the budget
 * of evaluations, split evenly over the stages ({@link Objective#firstTemperature()} can leave the
 * first ones out).
 */
final class AnnealedFinish {

    /** The stages' temperatures τ, in ln-distortion units, high to low. */
    static final double[] TEMPERATURES = {0.1, 0.05, 0.02, 0.01, 0.005, 0.002};
    /**
     * For a space with θ (a learned metric): the largest change of any variable (a position's
     * coordinate or an entry of θ) from the stage's best point that an evaluation accepts; farther
     * trial points are not finite, so the line search steps back without solving there. A long
     * trial step bends the metric so far that geodesics fail, and each failure costs hundreds of
     * shots (measured on Tree6 in d = 2: about 1 s of CPU a failed evaluation, most of the run).
     */
    static final double STEP_LIMIT = 0.1;
    /** L-BFGS stops a stage when a step lowers L_τ by at most this times |L_τ|. */
    static final double RELATIVE_TOLERANCE = 1e-10;

    private AnnealedFinish() {
    }

    /** The stages' temperatures from {@code first} down: those of {@link #TEMPERATURES} that are ≤ first (at least the last). */
    static double[] temperatures(double first) {
        double[] out = java.util.Arrays.stream(TEMPERATURES).filter(t -> t <= first).toArray();
        return out.length > 0 ? out : new double[] {finalTemperature()};
    }

    /** The temperature of the last stage, at which {@link Trainer} compares starts. */
    static double finalTemperature() {
        return TEMPERATURES[TEMPERATURES.length - 1];
    }

    /**
     * Checks that the space has coordinates this finish can move freely.
     *
     * @throws IllegalArgumentException for any space but {@link Euclidean}, {@link PoincareBall},
     *                                  {@link Lorentz} and a learned metric ({@link ModelSpace})
     */
    static void requireSupported(EmbeddingSpace space) {
        if (!(space instanceof Euclidean || space instanceof PoincareBall || space instanceof Lorentz
                || space instanceof ModelSpace)) {
            throw new IllegalArgumentException("the annealed worst-case finish works in the euclidean, poincare and "
                    + "lorentz spaces and learned metrics (unconstrained coordinates), not in " + space.name());
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
        int dim = space.dimension();
        int n = target.nodeCount();
        double[] positions = new double[n * dim];
        double[][] rows = first.positions();
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows[i], 0, positions, i * dim, dim);
        }
        double[] theta = first.theta();
        double[] temperatures = temperatures(options.objective().firstTemperature());
        int budget = Math.max(1, options.objective().worstCaseEpochs() / temperatures.length);
        Lbfgs.Settings settings = Lbfgs.Settings.defaults().withMaxEvaluations(budget).withMaxIterations(budget)
                .withGradientTolerance(0).withRelativeTolerance(RELATIVE_TOLERANCE);
        if (theta.length > 0 && temperatures.length == TEMPERATURES.length) {
            // a unit-length first step moves θ far enough that geodesics fail, each failure costing
            // hundreds of shots before the line search steps back; −∇L is short near a trained start.
            // From a low-temperature optimum (a closed-form row carried into a learned metric, whose
            // finish starts at a lower τ) −∇L is so short that the first step lowers L_τ by less than
            // the relative tolerance and every stage stops at once (Cube2 in d = 5: 17 evaluations, the
            // start unchanged); there the unit step, cut to STEP_LIMIT per variable by the line search, is taken.
            settings = settings.withFirstStep(Lbfgs.FirstStep.GRADIENT);
        }
        Lbfgs lbfgs = new Lbfgs(settings);
        List<EpochStats> history = new ArrayList<>();
        TrainingStatus status = TrainingStatus.CONVERGED;
        StringBuilder stages = new StringBuilder();
        try (Surrogate f = new Surrogate(space, target, options, theta.length, first.scale(), history, listener)) {
            double[] z = f.variables(positions, theta);
            int completed = 0;
            for (double tau : temperatures) {
                f.temperature(tau);
                OptimResult r = lbfgs.minimize(f, z);
                stages.append(String.format(Locale.ROOT, "%s τ %.3g: L %.6g (%d evaluations, %s)",
                        stages.length() == 0 ? "" : ";", tau, r.value(), r.evaluations(),
                        r.status().name().toLowerCase(Locale.ROOT)));
                if (r.status() == geo.runtime.optim.Status.NON_FINITE) {
                    // With θ, a later stage can find its start not finite where the last one ended
                    // finite (warm starts moved, a pair fails at the same point; a Cube2 run in d = 5
                    // stopped after 149 of its 300 evaluations and kept its start): the last stage's point is kept and annealing
                    // stops there, since L-BFGS moved z only through accepted, finite points.
                    // FinalDistances then solves that point afresh; Trainer keeps the better of it
                    // and the start. Without θ (and in the first stage) the finish has failed.
                    if (theta.length == 0 || completed == 0) {
                        status = TrainingStatus.FAILED;
                    }
                    break;
                }
                completed++;
            }
            f.unpack(z, positions, theta);
            if (theta.length > 0) {
                stages.append(String.format(Locale.ROOT, "; %d pairs on a fresh geodesic", f.freshPairs()));
            }
        }
        double[] node = new double[dim];
        for (int i = 0; i < n; i++) {
            System.arraycopy(positions, i * dim, node, 0, dim);
            space.project(node);
            System.arraycopy(node, 0, positions, i * dim, dim);
        }
        String message = "annealed L-BFGS finish" + (theta.length > 0 ? " of positions and θ" : "") + stages;
        // the objective is scale-free, so the size the embedding ends at means nothing: the metrics'
        // scale (the average distortion's) is the loss's optimum over the final distances
        return trainer.finalResult(target, positions, theta, first.scale(), true, status, message, history, start,
                history.size(), listener instanceof EvaluationListener e ? e : null);
    }

    /**
     * L_τ as a function of the finish's variables z = (u, θ): u the positions in the space's chart
     * (the ball through the hyperboloid's coordinates, other spaces their own), θ the space's
     * parameters (none for a closed form). Every evaluation is one full pass over the pairs on the
     * evaluator's workers, reported as an epoch.
     */
    static final class Surrogate implements geo.runtime.optim.Objective, AutoCloseable {
        private final EmbeddingSpace space;
        private final boolean ball;
        /** Whether the positions must be checked against the space's domain (a learned metric's). */
        private final boolean domain;
        private final int dim;
        private final int pairs;
        private final int threads;
        private final double scale;
        private final int[] order;
        private final PairEvaluator evaluator;
        private final double[] positions;
        private final double[] theta;
        private final double[] gradPositions;
        private final double[] gradTheta;
        private final double[] gradU;
        private final double[] node;
        private final List<EpochStats> history;
        private final TrainingListener<? super EpochStats> listener;
        private final PairLoss loss;
        /** The lowest L_τ of this stage so far (L-BFGS's last accepted point has it, or nearly). */
        private double best = Double.POSITIVE_INFINITY;
        /** The variables where {@link #best} was reached (with θ only: the step limit's centre). */
        private double[] bestZ;
        /** The space solved, when it keeps warm starts (else null). */
        private final ShorterGeodesic shorter;

        /**
         * @param parameters θ's length
         * @param scale      the scale the evaluations report (the objective does not use it)
         * @param history    every evaluation is added to it, as an epoch
         * @param listener   told about every evaluation
         */
        Surrogate(EmbeddingSpace space, ShortestPaths target, EmbedOptions options, int parameters, double scale,
                  List<EpochStats> history, TrainingListener<? super EpochStats> listener) {
            this.shorter = space instanceof WarmStartedSpace w ? new ShorterGeodesic(w, target.pairCount()) : null;
            this.space = shorter != null ? shorter : space;
            this.ball = space instanceof PoincareBall;
            this.domain = space instanceof ModelSpace;
            this.dim = space.dimension();
            this.pairs = target.pairCount();
            this.threads = options.execution().threads();
            this.scale = scale;
            this.order = Seeds.identity(pairs);
            this.evaluator = new PairEvaluator(this.space, target, pairs, this.threads);
            evaluator.worstCase(true);
            int coordinates = target.nodeCount() * dim;
            this.positions = new double[coordinates];
            this.theta = new double[parameters];
            this.gradPositions = new double[coordinates];
            this.gradTheta = new double[parameters];
            this.gradU = new double[coordinates];
            this.node = new double[dim];
            this.history = history;
            this.listener = listener;
            this.loss = options.objective().loss();
        }

        /** Sets τ of L_τ (a new stage: no value to compare with yet). */
        void temperature(double tau) {
            evaluator.temperature(tau);
            best = Double.POSITIVE_INFINITY;
        }

        /** z = (u, θ) for these positions and θ (a new array). */
        double[] variables(double[] positions, double[] theta) {
            int coordinates = positions.length;
            double[] z = new double[coordinates + theta.length];
            double[] u = new double[coordinates];
            toChart(ball, positions, u, dim);
            System.arraycopy(u, 0, z, 0, coordinates);
            System.arraycopy(theta, 0, z, coordinates, theta.length);
            return z;
        }

        /** The positions and θ of z (both written). */
        void unpack(double[] z, double[] positionsOut, double[] thetaOut) {
            int coordinates = positionsOut.length;
            double[] u = new double[coordinates];
            System.arraycopy(z, 0, u, 0, coordinates);
            fromChart(ball, u, positionsOut, dim);
            System.arraycopy(z, coordinates, thetaOut, 0, thetaOut.length);
        }

        /**
         * {@link #evaluate}, as the optimiser reads it: NaN (the {@link geo.runtime.optim.Objective}
         * interface's value that is not finite) where there is no L_τ, so that L-BFGS's line search steps back.
         */
        @Override
        public double valueAndGradient(double[] z, double[] grad) {
            return evaluate(z, grad).orElse(Double.NaN);
        }

        /**
         * L_τ(z), and ∂L_τ/∂z into {@code grad} when there is one; empty where a ball point is past the
         * clamp, a learned metric's point outside its domain or farther than {@link #STEP_LIMIT} from the
         * stage's best, a pair failed or collapsed (ρ = −∞).
         */
        OptionalDouble evaluate(double[] z, double[] grad) {
            long t0 = System.nanoTime();
            int coordinates = positions.length;
            if (theta.length > 0 && bestZ != null && Double.isFinite(best) && farFrom(z)) {
                return OptionalDouble.empty();
            }
            if (shorter != null) {
                shorter.beginEvaluation();
            }
            double[] u = java.util.Arrays.copyOf(z, coordinates);
            if (!fromChart(ball, u, positions, dim) || (domain && !insideDomain())) {
                // past the ball's representable radius (PoincareBall.MAX_NORM, ≈ 12.2), or outside the model's domain
                return OptionalDouble.empty();
            }
            System.arraycopy(z, coordinates, theta, 0, theta.length);
            evaluator.evaluate(order, 0, pairs, positions, theta, 1, loss);
            evaluator.reduce(gradPositions, gradTheta);
            int ok = evaluator.succeeded;
            // a collapsed pair's ρ = −∞ makes the surrogate's arithmetic NaN: no value either
            double mean = ok > 0 ? evaluator.lossSum / ok : 0;
            OptionalDouble evaluated = ok > 0 && evaluator.failures == 0 && !Double.isNaN(mean)
                    ? OptionalDouble.of(mean) : OptionalDouble.empty();
            history.add(new EpochStats(history.size() + 1, evaluated, ok, evaluator.failures,
                    (System.nanoTime() - t0) * 1e-9, evaluator.distanceNanos * 1e-9, threads, scale));
            listener.epoch(history.get(history.size() - 1));
            if (shorter != null) {
                // after a rejected trial point, check every pair's warm start against a fresh solve (ShorterGeodesic)
                shorter.verifyNext(evaluated.isPresent() && evaluated.getAsDouble() > best);
            }
            if (evaluated.isEmpty()) {
                return evaluated;
            }
            double value = evaluated.getAsDouble();
            if (value < best) {
                best = value;
                bestZ = z.clone();
            }
            // the evaluator's sums are ok·∂L/∂(positions, θ)
            for (int k = 0; k < coordinates; k++) {
                gradPositions[k] /= ok;
            }
            pullBack(ball, u, gradPositions, gradU, dim);
            System.arraycopy(gradU, 0, grad, 0, coordinates);
            for (int q = 0; q < theta.length; q++) {
                grad[coordinates + q] = gradTheta[q] / ok;
            }
            return evaluated;
        }

        /** Whether some variable of z is more than {@link #STEP_LIMIT} from the best point's. */
        private boolean farFrom(double[] z) {
            for (int k = 0; k < z.length; k++) {
                if (!(Math.abs(z[k] - bestZ[k]) <= STEP_LIMIT)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether the space's projection leaves every node where it is. */
        private boolean insideDomain() {
            for (int i = 0; i < positions.length; i += dim) {
                System.arraycopy(positions, i, node, 0, dim);
                space.project(node);
                for (int a = 0; a < dim; a++) {
                    if (node[a] != positions[i + a]) {
                        return false;
                    }
                }
            }
            return true;
        }

        /** Pairs whose fresh geodesic was shorter than the warm-started one ({@link ShorterGeodesic}). */
        int freshPairs() {
            return shorter == null ? 0 : shorter.freshPairs();
        }

        @Override
        public void close() {
            evaluator.close();
        }
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
