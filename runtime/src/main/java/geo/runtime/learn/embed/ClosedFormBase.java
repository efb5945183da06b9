package geo.runtime.learn.embed;

import geo.runtime.data.graph.ShortestPaths;
import geo.runtime.learn.TrainingListener;
import geo.runtime.learn.TrainingStatus;
import geo.runtime.manifold.EmbeddingSpace;
import geo.runtime.manifold.WarmStartedSpace;
import geo.runtime.manifold.closed.Euclidean;
import geo.runtime.manifold.closed.Lorentz;
import geo.runtime.manifold.closed.PoincareBall;
import geo.runtime.manifold.closed.Sphere;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A learned metric on a closed-form base (issue #17): the closed-form space's row is trained first
 * (its own settings), its finished layout is carried into the learned metric's chart, and from there
 * the annealed worst-case finish moves the positions and θ together ({@link AnnealedFinish}). The
 * learned metric is g(x) = L(x) G(x) L(x)ᵀ with G the base's metric in that chart and L a
 * lower-triangular network that is the identity at θ₀ (its output layer zero), so at θ₀ the learned
 * metric <em>is</em> the base and the start reproduces the closed-form row's distances (to the
 * solver's accuracy); {@link Trainer} keeps the finish only when its final distances give a lower
 * worst-case distortion, so the result is never worse than the closed form's.
 *
 * <p>The charts ({@code examples/graph-embedding/deepD-hyperbolic.geo}, {@code deepD-sphere.geo}):
 * <ul>
 *   <li>{@link Lorentz}: the hyperboloid's spatial coordinates x, G = I − c x xᵀ/(1 + c‖x‖²), c = 1:
 *       the points as they are;</li>
 *   <li>{@link PoincareBall}: the same chart, x = 2p/(1 − ‖p‖²) (the ball's isometry to the hyperboloid);</li>
 *   <li>{@link Sphere} of radius r (points p on the unit sphere of R^(d+1)): the stereographic
 *       projection from the pole N farthest from the nodes ({@link #pole}), y = q/(1 − q_d) for q = H p
 *       with H the Householder reflection taking N to the last axis, x = r y and c = 1/r², where
 *       G = 4/(1 + c‖x‖²)² I is the round metric of radius r (distances r·φ);</li>
 *   <li>{@link Euclidean}: the points as they are (c untouched).</li>
 * </ul>
 * and then scaled so that the network's inputs are of order one ({@link #normalised}).
 * The curvature enters θ as ln c at {@code curvature} (the model's {@code logc}); a base whose c is
 * not 1 needs it.
 */
public final class ClosedFormBase {

    /**
     * The annealed finish's first temperature from a closed-form row by default (the CLI's
     * {@code --base-temperature}): the rows of the hyperbolic bases already end on the same annealed
     * finish at τ = 0.002, and the high-temperature stages would first move the layout away from that optimum.
     */
    public static final double FIRST_TEMPERATURE = 0.01;
    /** The annealed finish's budget of evaluations from a closed-form row by default (the CLI's {@code --base-finish}). */
    public static final int FINISH_EVALUATIONS = 60;

    /** Seeded directions tried as the sphere chart's pole, beside the antipodes of the nodes and of their centroid. */
    static final int POLE_CANDIDATES = 64;
    /** Subgradient steps that push the best candidate pole away from its nearest nodes. */
    static final int POLE_STEPS = 200;

    private ClosedFormBase() {
    }

    /**
     * A closed-form layout in the learned metric's chart.
     *
     * @param positions     n × d chart coordinates
     * @param logCurvature  ln c of the base in that chart (after the chart's scaling; empty for the
     *                      Euclidean base, which has none)
     * @param scale         s: a distance in the chart (at θ₀) is the base's distance divided by s
     */
    public record Chart(double[][] positions, OptionalDouble logCurvature, double scale) {
    }

    /** The outcome: the base row's result and the learned metric's. */
    public record Result(TrainingResult base, TrainingResult learned) {
    }

    /**
     * Whether this finish can start from {@code base}'s rows.
     *
     * @throws IllegalArgumentException for a space other than the four closed forms
     */
    public static void requireSupported(EmbeddingSpace base) {
        if (!(base instanceof Euclidean || base instanceof PoincareBall || base instanceof Lorentz
                || base instanceof Sphere)) {
            throw new IllegalArgumentException("a closed-form base is euclidean, poincare, lorentz or sphere, not "
                    + base.name());
        }
    }

    /** The chart's dimension for a base of this space: the sphere's is one less than its stored points'. */
    public static int chartDimension(EmbeddingSpace base) {
        requireSupported(base);
        return base instanceof Sphere ? base.dimension() - 1 : base.dimension();
    }

    /**
     * Carries the base's layout ({@code positions}, θ of the base) into the chart above.
     *
     * @param positions n points of the base
     * @param theta     the base's θ (the sphere's ln r; empty for the others)
     */
    public static Chart toChart(EmbeddingSpace base, double[][] positions, double[] theta) {
        requireSupported(base);
        int n = positions.length;
        double[][] x = new double[n][];
        if (base instanceof Sphere) {
            double r = Math.exp(theta[0]);
            int m = base.dimension();
            double[][] unit = new double[n][];
            for (int i = 0; i < n; i++) {
                unit[i] = positions[i].clone();
                base.project(unit[i]);
            }
            double[] pole = pole(unit);
            // Householder H = I − 2 w wᵀ/‖w‖², w = N − e_last, takes N to e_last (H = I when N = e_last)
            double[] w = pole.clone();
            w[m - 1] -= 1;
            double ww = dot(w, w);
            for (int i = 0; i < n; i++) {
                double[] q = unit[i].clone();
                if (ww > 0) {
                    double f = 2 * dot(w, q) / ww;
                    for (int a = 0; a < m; a++) {
                        q[a] -= f * w[a];
                    }
                }
                double denominator = 1 - q[m - 1];
                x[i] = new double[m - 1];
                for (int a = 0; a < m - 1; a++) {
                    x[i][a] = r * q[a] / denominator;
                }
            }
            return normalised(x, OptionalDouble.of(-2 * Math.log(r)), false);
        }
        boolean ball = base instanceof PoincareBall;
        for (int i = 0; i < n; i++) {
            x[i] = new double[positions[i].length];
            AnnealedFinish.toChart(ball, positions[i], x[i], positions[i].length);
        }
        return normalised(x, base instanceof Euclidean ? OptionalDouble.empty() : OptionalDouble.of(0),
                !(base instanceof Euclidean));
    }

    /**
     * The chart scaled by 1/s (x → x/s, c → c s²: the same space, every distance divided by s, which no
     * scale-free metric sees), s the largest network input over the nodes: ‖x‖ for the sphere and the
     * Euclidean space, and for the hyperbolic bases the norm of the point in the Poincaré ball of radius
     * 1/√c, ‖x‖/(1 + √(1 + c‖x‖²)) (the models' network input), so that the nodes' inputs reach 1.
     * Nearly flat hyperbolic and spherical rows (Cube2 and Sphere100 in d = 5 lie within 10⁻² of the
     * origin at c = 1) would otherwise give the network inputs of 10⁻³, where its output is constant in
     * x, and distances of 10⁻⁴, below what the shooting's absolute tolerance resolves.
     */
    private static Chart normalised(double[][] x, OptionalDouble logCurvature, boolean hyperbolic) {
        // the Euclidean base has no curvature, and its norms are not hyperbolic: c is not used
        double c = logCurvature.isPresent() ? Math.exp(logCurvature.getAsDouble()) : 0;
        double s = 0;
        for (double[] p : x) {
            double norm = Math.sqrt(dot(p, p));
            s = Math.max(s, hyperbolic ? norm / (1 + Math.sqrt(1 + c * norm * norm)) : norm);
        }
        if (!(s > 0) || !Double.isFinite(s)) {
            return new Chart(x, logCurvature, 1);
        }
        for (double[] p : x) {
            for (int a = 0; a < p.length; a++) {
                p[a] /= s;
            }
        }
        return new Chart(x, logCurvature.isPresent() ? OptionalDouble.of(logCurvature.getAsDouble() + 2 * Math.log(s))
                : logCurvature, s);
    }

    /**
     * The unit vector farthest from the given unit vectors (largest least chordal distance), found
     * among the antipodes of the points and of their centroid and {@link #POLE_CANDIDATES} seeded
     * directions, then moved away from its nearest point by {@link #POLE_STEPS} shrinking steps
     * (keeping the best seen): the stereographic chart from there keeps every node, and the short
     * arcs between them, as far from the chart's infinity as this search finds.
     */
    static double[] pole(double[][] unit) {
        int m = unit[0].length;
        java.util.SplittableRandom random = new java.util.SplittableRandom(17);
        double[] best = null;
        double bestValue = Double.NEGATIVE_INFINITY;
        double[] centroid = new double[m];
        for (double[] p : unit) {
            for (int a = 0; a < m; a++) {
                centroid[a] -= p[a];
            }
        }
        int candidates = unit.length + 1 + POLE_CANDIDATES;
        for (int k = 0; k < candidates; k++) {
            double[] c = new double[m];
            if (k == 0) {
                c = centroid.clone();
            } else if (k <= unit.length) {
                for (int a = 0; a < m; a++) {
                    c[a] = -unit[k - 1][a];
                }
            } else {
                for (int a = 0; a < m; a++) {
                    c[a] = gaussian(random);
                }
            }
            if (!normalise(c)) {
                continue;
            }
            double v = nearest(unit, c);
            if (v > bestValue) {
                bestValue = v;
                best = c;
            }
        }
        double[] current = best.clone();
        double step = 0.5;
        for (int s = 0; s < POLE_STEPS; s++, step *= 0.98) {
            int nearestIndex = 0;
            double nearestValue = Double.POSITIVE_INFINITY;
            for (int i = 0; i < unit.length; i++) {
                double dd = chord(unit[i], current);
                if (dd < nearestValue) {
                    nearestValue = dd;
                    nearestIndex = i;
                }
            }
            for (int a = 0; a < m; a++) {
                current[a] += step * (current[a] - unit[nearestIndex][a]);
            }
            if (!normalise(current)) {
                break;
            }
            double v = nearest(unit, current);
            if (v > bestValue) {
                bestValue = v;
                best = current.clone();
            }
        }
        return best;
    }

    /**
     * Trains the base's row, carries its layout into the learned metric's chart and finishes there.
     *
     * @param base          the closed-form space of the chart
     * @param baseOptions   the base row's own settings (the seed is that of {@code finishOptions} too)
     * @param learned       the learned metric g = L G Lᵀ in the base's chart
     * @param finishOptions the learned metric's settings: the objective's annealed finish (its
     *                      {@link Objective#worstCaseEpochs()} the budget) from the carried layout;
     *                      {@link Init#parameters()} the seed's θ₀ (else the space's, drawn with the seed)
     * @param curvature     the index of ln c in θ (empty: the model has none, allowed only where c = 1)
     * @throws IllegalArgumentException when the base is not a closed form, the dimensions do not match,
     *                                  or the base's c ≠ 1 and the model has no ln c
     */
    public static Result train(EmbeddingSpace base, EmbedOptions baseOptions, EmbeddingSpace learned,
                               EmbedOptions finishOptions, OptionalInt curvature, ShortestPaths target,
                               TrainingListener<? super EpochStats> listener) {
        requireSupported(base);
        if (chartDimension(base) != learned.dimension()) {
            throw new IllegalArgumentException("the base " + base.name() + " has a " + chartDimension(base)
                    + "-dimensional chart, the learned metric " + learned.name() + " " + learned.dimension());
        }
        if (finishOptions.objective().worstCaseEpochs() < 1
                || finishOptions.objective().finish() != Objective.Finish.ANNEALED) {
            throw new IllegalArgumentException("a learned metric on a closed-form base is finished by the annealed "
                    + "worst case: give it a budget of at least 1 evaluation");
        }
        TrainingResult first = new Trainer(base, baseOptions.with(finishOptions.execution())).train(target);
        if (first.status() == TrainingStatus.FAILED) {
            return new Result(first, first);
        }
        Chart chart = toChart(base, first.positions(), first.theta());
        double[] theta = finishOptions.init().parameters()
                .orElseGet(() -> learned.initialParameters(finishOptions.execution().seed()));
        if (chart.logCurvature().isPresent()) {
            double logC = chart.logCurvature().getAsDouble();
            if (curvature.isPresent()) {
                theta[curvature.getAsInt()] = logC;
            } else if (logC != 0) {
                throw new IllegalArgumentException("the base " + base.name() + " has curvature c = "
                        + String.format(Locale.ROOT, "%.6g", Math.exp(logC))
                        + " in the chart, but the learned metric " + learned.name() + " has no ln c parameter to carry it");
            }
        }
        // a chart distance is the base's divided by chart.scale(), so the base row's scale s becomes s·chart.scale()
        Init init = finishOptions.init().withPositions(chart.positions()).withParameters(theta)
                .withScale(first.scale() * chart.scale())
                .withPretrainEpochs(0).withStarts(1);
        EmbedOptions options = finishOptions.with(init)
                .with(finishOptions.objective().withFinishFromLayout(true));
        WarmStartedSpace.clear(learned);
        TrainingResult r = new Trainer(learned, options).train(target, listener);
        String worst = first.metrics().hasDistortions()
                ? String.format(Locale.ROOT, "%.6g", first.metrics().worstCaseDistortion()) : "none, every pair failed";
        String message = String.format(Locale.ROOT, "the %s row (worst-case distortion %s: %s) carried into the chart"
                        + "%s; %s", base.name(), worst, first.message(),
                chart.logCurvature().isEmpty() ? "" : String.format(Locale.ROOT, " (c = %.6g)",
                        Math.exp(chart.logCurvature().getAsDouble())), r.message());
        TrainingResult learnedResult = new TrainingResult(r.status(), message, r.positions(), r.theta(), r.scale(),
                r.distances(), r.metrics(), r.epochs(), r.seconds() + first.seconds(), r.kept(),
                r.evaluation(),
                r.worstCasePhase());
        return new Result(first, learnedResult);
    }

    private static double nearest(double[][] unit, double[] c) {
        double v = Double.POSITIVE_INFINITY;
        for (double[] p : unit) {
            v = Math.min(v, chord(p, c));
        }
        return v;
    }

    private static double chord(double[] p, double[] q) {
        double s = 0;
        for (int a = 0; a < p.length; a++) {
            s += (p[a] - q[a]) * (p[a] - q[a]);
        }
        return s;
    }

    private static boolean normalise(double[] v) {
        double n = Math.sqrt(dot(v, v));
        if (!(n > 1e-12)) {
            return false;
        }
        for (int a = 0; a < v.length; a++) {
            v[a] /= n;
        }
        return true;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    private static double gaussian(java.util.SplittableRandom random) {
        // Box–Muller: seeded normal draws for directions uniform on the sphere
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
