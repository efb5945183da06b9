package geo.runtime.optim;

/**
 * A line search for the strong Wolfe conditions along a descent direction p from x, with
 * φ(α) = f(x + αp):
 * <pre>
 *   φ(α) ≤ φ(0) + c₁ α φ'(0)          (sufficient decrease)
 *   |φ'(α)| ≤ c₂ |φ'(0)|               (curvature)
 * </pre>
 * Nocedal &amp; Wright, <i>Numerical Optimization</i>, 2nd ed., Algorithms 3.5 (bracketing by
 * doubling) and 3.6 (zoom, cubic interpolation safeguarded to the inner 80% of the bracket).
 *
 * <p>Near a minimum the change of f along the step falls below its rounding error, and
 * comparisons of f values stop meaning anything while the derivative φ' is still accurate. So when
 * the first-order change α|φ'(0)| is below ε|φ(0)| (ε = {@value #ROUNDING}), sufficient decrease is
 * tested in its derivative form, the approximate Wolfe condition of Hager &amp; Zhang (SIAM J.
 * Optim. 16, 2005): φ'(α) ≤ (1 − 2c₁)|φ'(0)| (equivalent to sufficient decrease when φ is
 * quadratic) and φ(α) ≤ φ(0) + ε|φ(0)|; f values within ε|φ(0)| of each other count as equal, and
 * the zoom interpolates φ' by secants instead of fitting noisy values. The curvature condition
 * stays strong. This lets L-BFGS drive ‖∇f‖ far below √(ε_machine) instead of failing at f's
 * rounding floor.
 *
 * <p>A trial where f or its gradient is not finite (for example a path that left the chart) counts
 * as a step that went too far, so the search backs off instead of failing. Holds no arrays of its
 * own: the trial point and gradient are written into arrays the caller owns.
 */
final class WolfeLineSearch {

    /** Why a search ended. */
    enum Outcome { ACCEPTED, NO_PROGRESS, BUDGET, NON_FINITE }

    private static final int MAX_TRIALS = 60;
    /** The relative size of f differences treated as rounding noise. */
    static final double ROUNDING = 1e-12;
    private static final double MAX_STEP = 1e12;

    private final double c1;
    private final double c2;

    private Objective f;
    private double[] x;
    private double[] p;
    private double[] xTrial;
    private double[] gTrial;
    private double f0;
    private double dphi0;
    private double noise;
    private int budget;
    private boolean sawFinite;

    /** The accepted step α, φ(α) and φ'(α) after {@link Outcome#ACCEPTED}. */
    double step;
    double value;
    /** The number of objective evaluations the last search made. */
    int evaluations;

    WolfeLineSearch(double c1, double c2) {
        if (!(0 < c1 && c1 < c2 && c2 < 1)) {
            throw new IllegalArgumentException("need 0 < c1 < c2 < 1, got c1 = " + c1 + ", c2 = " + c2);
        }
        this.c1 = c1;
        this.c2 = c2;
    }

    /**
     * Searches along p. On {@link Outcome#ACCEPTED}, {@code xTrial} and {@code gTrial} hold the
     * accepted point x + αp and its gradient; otherwise their contents are unspecified. x and p are
     * read only.
     *
     * @param dphi0   φ'(0) = ∇f(x)·p, which must be negative
     * @param alpha1  the first trial step
     * @param budget  the most evaluations this search may make
     */
    Outcome search(Objective f, double[] x, double f0, double dphi0, double[] p, double alpha1, int budget,
                   double[] xTrial, double[] gTrial) {
        this.f = f;
        this.x = x;
        this.p = p;
        this.xTrial = xTrial;
        this.gTrial = gTrial;
        this.f0 = f0;
        this.dphi0 = dphi0;
        this.noise = ROUNDING * Math.abs(f0);
        this.budget = Math.min(budget, MAX_TRIALS);
        this.evaluations = 0;
        this.sawFinite = false;
        double aPrev = 0;
        double fPrev = f0;
        double dPrev = dphi0;
        double a = alpha1;
        for (int i = 0; ; i++) {
            if (evaluations >= this.budget) {
                return exhausted();
            }
            double fa = phi(a);
            double da = dot(gTrial, p);
            if (!Double.isFinite(fa) || !Double.isFinite(da)) {
                return zoom(aPrev, fPrev, dPrev, a, Double.POSITIVE_INFINITY, Double.NaN);
            }
            sawFinite = true;
            if (!sufficientDecrease(a, fa, da) || (i > 0 && fa > fPrev + noise)) {
                return zoom(aPrev, fPrev, dPrev, a, fa, da);
            }
            if (Math.abs(da) <= -c2 * dphi0) {
                return accept(a, fa);
            }
            if (da >= 0) {
                return zoom(a, fa, da, aPrev, fPrev, dPrev);
            }
            if (a >= MAX_STEP) {
                return Outcome.NO_PROGRESS;
            }
            aPrev = a;
            fPrev = fa;
            dPrev = da;
            a = Math.min(2 * a, MAX_STEP);
        }
    }

    /**
     * Algorithm 3.6: lo is the best step so far that satisfies sufficient decrease (0 counts), and
     * φ'(lo)·(hi − lo) &lt; 0, so a strong-Wolfe step lies between them.
     */
    private Outcome zoom(double lo, double flo, double dlo, double hi, double fhi, double dhi) {
        while (true) {
            if (evaluations >= budget) {
                return exhausted();
            }
            double width = Math.abs(hi - lo);
            if (width <= 1e-15 * Math.max(Math.abs(lo), Math.abs(hi))) {
                return sawFinite ? Outcome.NO_PROGRESS : Outcome.NON_FINITE;
            }
            double a = safeguarded(lo, interpolate(lo, flo, dlo, hi, fhi, dhi), hi);
            double fa = phi(a);
            double da = dot(gTrial, p);
            if (!Double.isFinite(fa) || !Double.isFinite(da)) {
                hi = a;
                fhi = Double.POSITIVE_INFINITY;
                dhi = Double.NaN;
                continue;
            }
            sawFinite = true;
            if (!sufficientDecrease(a, fa, da) || fa > flo + noise) {
                hi = a;
                fhi = fa;
                dhi = da;
            } else {
                if (Math.abs(da) <= -c2 * dphi0) {
                    return accept(a, fa);
                }
                if (da * (hi - lo) >= 0) {
                    hi = lo;
                    fhi = flo;
                    dhi = dlo;
                }
                lo = a;
                flo = fa;
                dlo = da;
            }
        }
    }

    /**
     * The minimiser of the cubic through (lo, φ, φ') and (hi, φ, φ') (N&amp;W eq. 3.59); the zero
     * of the secant of φ' when the change of φ across the bracket is below rounding; of the
     * quadratic through φ(lo), φ'(lo), φ(hi) when φ'(hi) is unknown; the midpoint when φ(hi) is
     * not finite or the model has no interior minimiser.
     */
    private double interpolate(double lo, double flo, double dlo, double hi, double fhi, double dhi) {
        double mid = 0.5 * (lo + hi);
        if (!Double.isFinite(fhi)) {
            return mid;
        }
        if (Double.isFinite(dhi) && Math.abs(hi - lo) * Math.max(Math.abs(dlo), Math.abs(dhi)) <= noise) {
            double a = lo - dlo * (hi - lo) / (dhi - dlo);
            return Double.isFinite(a) ? a : mid;
        }
        if (Double.isFinite(dhi)) {
            double d1 = dlo + dhi - 3 * (flo - fhi) / (lo - hi);
            double disc = d1 * d1 - dlo * dhi;
            if (disc >= 0) {
                double d2 = Math.copySign(Math.sqrt(disc), hi - lo);
                double denominator = dhi - dlo + 2 * d2;
                if (denominator != 0) {
                    double a = hi - (hi - lo) * (dhi + d2 - d1) / denominator;
                    return Double.isFinite(a) ? a : mid;
                }
            }
            return mid;
        }
        double h = hi - lo;
        double curvature = fhi - flo - dlo * h;
        if (curvature > 0) {
            return lo - dlo * h * h / (2 * curvature);
        }
        return mid;
    }

    /** Clamps a into the inner 80% of the bracket, so every zoom step shrinks it by at least 10%. */
    private static double safeguarded(double lo, double a, double hi) {
        double left = Math.min(lo, hi);
        double right = Math.max(lo, hi);
        double margin = 0.1 * (right - left);
        if (!(a >= left + margin)) {
            return a != a ? 0.5 * (left + right) : left + margin;
        }
        return Math.min(a, right - margin);
    }

    /** Sufficient decrease, or its approximate (derivative) form when the decrease is below rounding. */
    private boolean sufficientDecrease(double a, double fa, double da) {
        if (a * -dphi0 > noise) {
            return fa <= f0 + c1 * a * dphi0;
        }
        return fa <= f0 + noise && da <= (1 - 2 * c1) * -dphi0;
    }

    private double phi(double a) {
        for (int i = 0; i < x.length; i++) {
            xTrial[i] = x[i] + a * p[i];
        }
        evaluations++;
        return f.valueAndGradient(xTrial, gTrial);
    }

    private Outcome accept(double a, double fa) {
        step = a;
        value = fa;
        return Outcome.ACCEPTED;
    }

    private Outcome exhausted() {
        return sawFinite ? Outcome.BUDGET : Outcome.NON_FINITE;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
