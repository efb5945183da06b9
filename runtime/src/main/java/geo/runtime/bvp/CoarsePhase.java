package geo.runtime.bvp;

import geo.runtime.linalg.Dense;

/**
 * The coarse phase of {@link Shooting} for implicit accelerations (dense metrics): the logarithm
 * of a coarse map ({@link CoarseJacobians}: 16 RK4 steps, finer levels, or the adaptive map at a
 * loose tolerance) before that of the adaptive map, so that most of Newton's damped steps far
 * from the solution are taken with cheap shots (nested iteration: solve a coarse discretisation
 * first and use its solution as the fine one's start; Deuflhard, <i>Newton Methods for Nonlinear
 * Problems</i>, Springer 2004, §7.1 on multilevel shooting). The adaptive map's Newton iteration
 * then starts from the coarse logarithm with the coarse phase's last matrix and contracts the
 * residual from the two maps' difference (1e-7 to 1e-3 relative) to the tolerance in a few steps.
 *
 * <ol>
 *   <li>From the straight line v = y − x: damped Newton on the 16-step map, Broyden-updated
 *       matrices kept while each step leaves at most {@value NewtonPolicy#UPDATED_PROGRESS} of the
 *       residual, to {@value #TOLERANCE}·max(1, ‖y − x‖_∞); it fails after more than
 *       {@value #STALLS} steps with fresh matrices that each leave more than {@value #STALLED} of
 *       the residual (without path guesses, the 32- and 64-step maps are tried next).</li>
 *   <li>Failing that (a far or strongly bent pair), continuation along the discrete path of least
 *       energy from x to y ({@link PathSearch#chordPath}): the coarse map is solved for the path's
 *       points p_j in pieces of N/{@value #PATH_PIECES} segments, each from the previous solution
 *       scaled by the ratio of the path indices (the first from the path's initial velocity); a
 *       piece whose first step stalls is halved, and when a single segment fails the map becomes
 *       the adaptive one at a loose tolerance, whose steps follow the bends that a fixed mesh
 *       blows up on.</li>
 *   <li>While the adaptive map's endpoint error at the coarse logarithm exceeds
 *       {@value #MISMATCH}·max(1, ‖y − x‖_∞), the next RK4 level is solved from there.</li>
 * </ol>
 * Allocates only at construction and on the first path; not thread-safe (one per {@link Shooting}).
 */
final class CoarsePhase {

    /**
     * The coarse phase stops at this endpoint error of the coarse map relative to max(1, ‖y − x‖_∞):
     * far below the coarse map's own distance from the adaptive one (1e-7 to 1e-3 relative).
     */
    static final double TOLERANCE = 1e-8;

    /** A step with a fresh matrix that leaves more than this fraction of the residual stalls. */
    static final double STALLED = 0.9;

    /** The coarse phase from the straight line fails after more stalled steps than this. */
    static final int STALLS = 3;

    /** The next RK4 level is solved while the adaptive map's endpoint error at the coarse logarithm exceeds this (relative). */
    static final double MISMATCH = 0.1;

    /** Pieces of the continuation along the path of least energy. */
    static final int PATH_PIECES = 4;

    /** The adaptive map's residual norm at v (its shot left on the solver's tape), NaN when it does not integrate. */
    interface FineShot {
        double residual(double[] v);
    }

    private final CoarseJacobians coarse;
    private final int d;
    private final int maxIterations;
    private final int maxHalvings;
    private final int refinements;
    private final double[] residual;
    private final double[] trialResidual;
    private final double[] step;
    private final double[] trial;
    private final double[] factored;
    private final double[] jacobian;
    private final double[] start;
    private final double[] saved;
    private final double[] savedJacobian;
    private final double[] target;
    private final double[] pathVelocity;
    private double[] path;
    private PathSearch search;
    private boolean matrix;
    private double pendingShot = Double.NaN;
    private long paths;

    CoarsePhase(CoarseJacobians coarse, int d, Shooting.Options options, int refinements) {
        this.coarse = coarse;
        this.d = d;
        this.maxIterations = options.maxIterations();
        this.maxHalvings = options.maxHalvings();
        this.refinements = refinements;
        residual = new double[d];
        trialResidual = new double[d];
        step = new double[d];
        trial = new double[d];
        factored = new double[d * d];
        jacobian = new double[d * d];
        start = new double[d];
        saved = new double[d];
        savedJacobian = new double[d * d];
        target = new double[d];
        pathVelocity = new double[d];
    }

    /** Path-energy guesses for pairs not solved from the straight line; null for none. */
    void pathGuesses(PathSearch search) {
        this.search = search;
    }

    /**
     * The coarse logarithm into v (read as the straight-line guess y − x, overwritten), as
     * described above.
     *
     * @param fine the adaptive map's shot, for the refinement test
     * @return the level solved ({@link CoarseJacobians#LOOSE} for the loose adaptive map), or −1
     *         with v restored when the coarse phase failed
     */
    int solve(double[] x, double[] y, double[] theta, double[] v, FineShot fine) {
        pendingShot = Double.NaN;
        System.arraycopy(v, 0, start, 0, d);
        double tolerance = TOLERANCE * scale(x, y);
        int level = -1;
        // With path guesses only the first level: a pair it does not solve from the straight line
        // is far or bent, where continuation along the path does better than finer maps (issue 23).
        int finest = search == null ? refinements : 0;
        for (int l = 0; l <= finest && level < 0; l++) {
            System.arraycopy(start, 0, v, 0, d);
            if (newton(l, x, y, theta, v, tolerance, STALLS)) {
                level = l;
            }
        }
        if (level < 0 && search != null) {
            System.arraycopy(start, 0, v, 0, d);
            level = alongPath(x, y, theta, v, tolerance);
        }
        if (level < 0) {
            System.arraycopy(start, 0, v, 0, d);
            matrix = false;
            return -1;
        }
        while (level < refinements) {
            double r = fine.residual(v);
            if (r <= MISMATCH * scale(x, y)) {
                // The adaptive map's Newton iteration starts from this shot.
                pendingShot = r;
                break;
            }
            System.arraycopy(v, 0, saved, 0, d);
            System.arraycopy(jacobian, 0, savedJacobian, 0, d * d);
            boolean had = matrix;
            if (!newton(level + 1, x, y, theta, v, tolerance, STALLS)) {
                System.arraycopy(saved, 0, v, 0, d);
                System.arraycopy(savedJacobian, 0, jacobian, 0, d * d);
                matrix = had;
                break;
            }
            level++;
        }
        return level;
    }

    /** The number of continuations along a path of least energy begun, for profiling and tests. */
    long paths() {
        return paths;
    }

    /** Whether {@link #matrix()} holds the last matrix of the coarse phase, near its logarithm. */
    boolean hasMatrix() {
        return matrix;
    }

    /** The last (Broyden-updated) coarse matrix, row-major d × d. */
    double[] matrix() {
        return jacobian;
    }

    /**
     * The adaptive map's residual norm at the returned v when {@link #solve} shot it last (the
     * solver's tape and residual then hold that shot), else NaN.
     */
    double pendingShot() {
        return pendingShot;
    }

    private double scale(double[] x, double[] y) {
        double scale = 1;
        for (int i = 0; i < d; i++) {
            scale = Math.max(scale, Math.abs(y[i] - x[i]));
        }
        return scale;
    }

    /** Step 2 above: the level that solved the last piece, or −1. */
    private int alongPath(double[] x, double[] y, double[] theta, double[] v, double tolerance) {
        int n = PathSearch.SEGMENTS;
        if (path == null) {
            path = new double[(n + 1) * d];
        }
        paths++;
        if (!search.chordPath(x, y, theta, path, pathVelocity)) {
            return -1;
        }
        int level = 0;
        int done = 0;
        int piece = n / PATH_PIECES;
        while (done < n) {
            int next = Math.min(n, done + piece);
            for (int i = 0; i < d; i++) {
                target[i] = next == n ? y[i] : path[next * d + i];
                v[i] = done == 0 ? pathVelocity[i] * next / n : saved[i] * next / done;
            }
            // A piece starts close to a solved one: a stalled step means it is too long.
            if (newton(level, x, target, theta, v, tolerance, 0)) {
                System.arraycopy(v, 0, saved, 0, d);
                done = next;
                piece = Math.min(2 * piece, n / PATH_PIECES);
            } else if (piece > 1) {
                piece /= 2;
            } else if (level == CoarseJacobians.LOOSE) {
                return -1;
            } else {
                level = CoarseJacobians.LOOSE;
                piece = n / PATH_PIECES;
            }
        }
        return level;
    }

    /**
     * Damped Newton on the coarse map of {@code level} from v (overwritten): whether it converged
     * to {@code tolerance}, failing after more than {@code maxStalls} stalled steps.
     */
    private boolean newton(int level, double[] x, double[] y, double[] theta, double[] v, double tolerance,
                           int maxStalls) {
        matrix = false;
        double r = Double.NaN;
        for (int halving = 0; halving <= maxHalvings && Double.isNaN(r); halving++) {
            if (halving > 0) {
                for (int i = 0; i < d; i++) {
                    v[i] *= 0.5;
                }
            }
            r = coarse.shoot(level, x, v, theta, y, residual);
        }
        if (Double.isNaN(r)) {
            return false;
        }
        int stalls = 0;
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            if (r <= tolerance) {
                return true;
            }
            boolean fresh = !matrix;
            if (fresh && !coarse.fill(level, x, v, theta, jacobian)) {
                return false;
            }
            matrix = true;
            System.arraycopy(jacobian, 0, factored, 0, d * d);
            for (int i = 0; i < d; i++) {
                step[i] = -residual[i];
            }
            double alpha = Dense.solve(factored, step, d) ? damp(level, x, y, theta, v, r) : 0;
            if (alpha == 0) {
                if (fresh) {
                    return false;
                }
                // An updated matrix that finds no descent: a fresh one at v.
                matrix = false;
                continue;
            }
            double rt = norm(trialResidual, d);
            if (fresh && !(rt <= STALLED * r) && ++stalls > maxStalls) {
                // Fresh matrices keep making no headway: this map is no guide from here.
                return false;
            }
            broyden(jacobian, step, alpha, trialResidual, residual, d);
            matrix = rt <= NewtonPolicy.UPDATED_PROGRESS * r;
            System.arraycopy(trial, 0, v, 0, d);
            System.arraycopy(trialResidual, 0, residual, 0, d);
            r = rt;
        }
        return r <= tolerance;
    }

    /** Backtracking as {@link Shooting}'s, with coarse shots. */
    private double damp(int level, double[] x, double[] y, double[] theta, double[] v, double r) {
        double alpha = 1;
        for (int halving = 0; halving <= maxHalvings; halving++, alpha *= 0.5) {
            for (int i = 0; i < d; i++) {
                trial[i] = v[i] + alpha * step[i];
            }
            double rt = coarse.shoot(level, x, trial, theta, y, trialResidual);
            if (!Double.isNaN(rt) && rt < (1 - 1e-4 * alpha) * r) {
                return alpha;
            }
        }
        return 0;
    }

    /**
     * Broyden's update J ← J + (ΔF − J s) sᵀ / (sᵀ s) of the row-major d × d {@code jacobian} for
     * the step s = α·step, ΔF = fNew − fOld.
     */
    static void broyden(double[] jacobian, double[] step, double alpha, double[] fNew, double[] fOld, int d) {
        double ss = 0;
        for (int k = 0; k < d; k++) {
            ss += alpha * alpha * step[k] * step[k];
        }
        if (!(ss > 0)) {
            return;
        }
        for (int i = 0; i < d; i++) {
            double js = 0;
            for (int k = 0; k < d; k++) {
                js += jacobian[i * d + k] * alpha * step[k];
            }
            double c = (fNew[i] - fOld[i] - js) / ss;
            for (int k = 0; k < d; k++) {
                jacobian[i * d + k] += c * alpha * step[k];
            }
        }
    }

    /** The Euclidean norm of f (length d). */
    static double norm(double[] f, int d) {
        double s = 0;
        for (int i = 0; i < d; i++) {
            s += f[i] * f[i];
        }
        return Math.sqrt(s);
    }

    /** F = end − y into f; returns ‖F‖ (Euclidean), or NaN when it is not finite. */
    static double residual(double[] end, double[] y, double[] f, int d) {
        double s = 0;
        for (int i = 0; i < d; i++) {
            f[i] = end[i] - y[i];
            s += f[i] * f[i];
        }
        double norm = Math.sqrt(s);
        return Double.isFinite(norm) ? norm : Double.NaN;
    }
}
