package geo.runtime.bvp;

import geo.runtime.geodesic.ExpTape;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.geodesic.Geodesics;
import geo.runtime.ode.IntegrationException;

/**
 * The coarse Newton matrices of {@link Shooting} for dense metrics: ∂exp_x/∂v of a coarse RK4 map
 * ({@code steps} RK4 steps at level 0, 2^level times as many after refinements) by forward
 * differences. The geodesics of each level are made on first use.
 */
final class CoarseJacobians {

    /** The forward-difference step relative to max(1, ‖v‖_∞): about √ε. */
    static final double DIFFERENCE_STEP = 1.5e-8;

    private final Geodesics geodesics;
    private final int steps;
    private final int d;
    private final Geodesics[] levels;
    /** exp of the coarse map at v and at v + h e_k, for the difference quotients. */
    private final double[] end;
    private final double[] shifted;
    private final double[] shiftedEnd;
    private long count;
    private long shots;
    private Geodesics loose;
    private ExpTape looseTape;

    /** The level of the loose adaptive map ({@link #loose()}), after the RK4 levels. */
    static final int LOOSE = 99;

    /** The tolerance (relative and absolute) of the loose adaptive map. */
    static final double LOOSE_TOLERANCE = 1e-6;

    /**
     * @param geodesics   the solver's geodesics (their kernels and domain are reused)
     * @param steps       the RK4 steps of level 0 ({@link Shooting.Options#jacobianSteps()})
     * @param refinements the finest level (each level doubles the steps)
     */
    CoarseJacobians(Geodesics geodesics, int steps, int refinements) {
        this.geodesics = geodesics;
        this.steps = steps;
        this.d = geodesics.dimension();
        this.levels = new Geodesics[refinements + 1];
        this.end = new double[d];
        this.shifted = new double[d];
        this.shiftedEnd = new double[d];
    }

    /**
     * The coarse Newton matrix at v into {@code jacobian} (row-major d × d, overwritten): column k
     * = (exp(v + h e_k) − exp(v)) / h with h = {@value #DIFFERENCE_STEP} · max(1, ‖v‖_∞) (Dennis &amp;
     * Schnabel, <i>Numerical Methods for Unconstrained Optimization and Nonlinear Equations</i>,
     * SIAM 1996, §5.4): d + 1 coarse integrations. Their error, O(√ε) relative, is far below the
     * coarse map's own distance from the DOPRI5 map (1e-4 to 1e-3 relative), and a column costs one
     * evaluation of the acceleration per stage where a forward-mode tangent costs the system JVP's
     * tangent part, about three times as many operations on a dense metric (issue 23).
     *
     * @return false, leaving the exact Jacobian to be taken, when a coarse geodesic does not
     *         integrate or the matrix is not finite
     */
    boolean fill(int level, double[] x, double[] v, double[] theta, double[] jacobian) {
        if (level == LOOSE) {
            try {
                loose().forward(x, v, theta, looseTape);
                looseTape.positionJacobian(jacobian);
            } catch (IntegrationException | ArithmeticException e) {
                return false;
            }
            return counted(jacobian);
        }
        Geodesics coarse = level(level);
        try {
            coarse.exp(x, v, theta, end, null);
            double scale = 1;
            for (int i = 0; i < d; i++) {
                scale = Math.max(scale, Math.abs(v[i]));
            }
            for (int k = 0; k < d; k++) {
                System.arraycopy(v, 0, shifted, 0, d);
                shifted[k] = v[k] + DIFFERENCE_STEP * scale;
                // The step as represented, so that the quotient divides by the true difference.
                double h = shifted[k] - v[k];
                coarse.exp(x, shifted, theta, shiftedEnd, null);
                for (int i = 0; i < d; i++) {
                    jacobian[i * d + k] = (shiftedEnd[i] - end[i]) / h;
                }
            }
        } catch (IntegrationException | ArithmeticException e) {
            return false;
        }
        return counted(jacobian);
    }

    /** Whether the matrix is finite; if so it is counted. */
    private boolean counted(double[] jacobian) {
        for (double a : jacobian) {
            if (!Double.isFinite(a)) {
                return false;
            }
        }
        count++;
        return true;
    }

    /**
     * The residual F = exp(v) − y of the coarse map at {@code level} into f; returns ‖F‖
     * (Euclidean), or NaN when the coarse geodesic does not integrate or is not finite.
     */
    double shoot(int level, double[] x, double[] v, double[] theta, double[] y, double[] f) {
        shots++;
        try {
            (level == LOOSE ? loose() : level(level)).exp(x, v, theta, end, null);
        } catch (IntegrationException | ArithmeticException e) {
            return Double.NaN;
        }
        return CoarsePhase.residual(end, y, f, d);
    }

    /**
     * The adaptive map at a loose tolerance ({@value #LOOSE_TOLERANCE}), for geodesics whose
     * bends no fixed coarse mesh resolves; its matrix is the exact derivative of the computed
     * map in forward mode (d tangents), as the step sequence depends on v.
     */
    private Geodesics loose() {
        if (loose == null) {
            loose = new Geodesics(geodesics.kernels(), GeodesicMethod.dopri5(LOOSE_TOLERANCE, LOOSE_TOLERANCE),
                    geodesics.domain());
            looseTape = loose.newTape();
        }
        return loose;
    }

    private Geodesics level(int level) {
        if (levels[level] == null) {
            levels[level] = new Geodesics(geodesics.kernels(), GeodesicMethod.rk4(steps << level),
                    geodesics.domain());
        }
        return levels[level];
    }

    /** The number of coarse shots ({@link #shoot}) made, for profiling. */
    long shots() {
        return shots;
    }

    /** The number of matrices computed, for profiling. */
    long count() {
        return count;
    }
}
