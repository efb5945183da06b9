package geo.runtime.learn.lagrangian;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The transport tasks of Pooladian et al. 2024 ({@code lagrangian_ot/data.py},
 * {@code lagrangian_potentials.py}; {@code shared/experiments/lagrangian-ot.md} §2(i)): the four
 * obstacle tasks of NLSB (Koshizuka &amp; Sato 2023) — box, slit, hill, well — with source
 * U([−1.25, −1] × [−1, 1]) and target U([1, 1.25] × [−1, 1]), and the three GSB tasks (Liu et al.
 * 2022) — GMM, V-neck, S-tunnel. The Lagrangian L = ½|v|² − U(x) of each is a {@code .geo} model
 * with parameters {@code M} and {@code tau} ({@code examples/lagrangian-ot/}); this enum holds what
 * is not a formula of x: the samplers, the bounds the c-transform is clipped to, the annealing of
 * (M, τ) and the hard obstacle region used to count crossing paths.
 *
 * <p>Annealing ({@code train_ot.py::get_annealed_params}): t = step/A (A = 2000 in the paper),
 * s = 0 for t &lt; 1e-3, 1 for 1 − t &lt; 1e-3, σ(10(t − ½)) between, and
 * M = M₀ + (M₁ − M₀)s, τ = τ₀ + (τ₁ − τ₀)s, fixed at the final values for t ≥ 1.
 */
public enum Task {
    /** A box |x₁|, |x₂| &lt; ½ of height M: −U = M·b(x₁)b(x₂), b(s) = σ((s + ½)/τ) − σ((s − ½)/τ). */
    BOX(-1.5, 1.5, 0, 0.01, 0.1, 0.01),
    /** A wall |x₁| &lt; 0.1 with an opening |x₂| &lt; 0.25, of height M. */
    SLIT(-1.5, 1.5, 0, 1, 0.1, 0.01),
    /** A Gaussian hill −U = M exp(−|x|²). */
    HILL(-2, 2, 0, 0.05, Double.NaN, Double.NaN),
    /** A quadratic well −U = M|x|² (which pulls paths towards the origin). */
    WELL(-2, 2, 0, 0.01, Double.NaN, Double.NaN),
    /** N(0, I) to a mixture of 8 unit Gaussians on a circle of radius 16, around three discs of radius 1.5. */
    GMM(-20, 20, 0, 0.1, 1, 0.1),
    /** N((−7, 0), 0.04²I) to N((7, 0), 0.04²I) through the neck 5x₁² − x₂² ≥ −0.36. */
    VNECK(-10, 10, 0, 0.1, 1, 0.1),
    /** N((−11, −1), 0.25²I) to N((11, −1), 0.25²I) around two ellipses. */
    STUNNEL(-15, 15, 0, 0.1, 1, 0.1);

    /** The paper's annealing length A ({@code anneal_geometry_steps}). */
    public static final int PAPER_ANNEAL_STEPS = 2000;

    private final double lo;
    private final double hi;
    private final double m0;
    private final double m1;
    private final double tau0;
    private final double tau1;

    Task(double lo, double hi, double m0, double m1, double tau0, double tau1) {
        this.lo = lo;
        this.hi = hi;
        this.m0 = m0;
        this.m1 = m1;
        this.tau0 = tau0;
        this.tau1 = tau1;
    }

    /** The lower-case name used on the command line and in file names. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The task named {@code id} (case-insensitive), or null. */
    public static Task byId(String id) {
        for (Task t : values()) {
            if (t.id().equalsIgnoreCase(id)) {
                return t;
            }
        }
        return null;
    }

    /** The lower bound of both coordinates of the bounds box (the paper's clipping box). */
    public double lower() {
        return lo;
    }

    /** The upper bound of both coordinates. */
    public double upper() {
        return hi;
    }

    /** Whether the potential has a temperature τ (box, slit and the GSB tasks). */
    public boolean hasTemperature() {
        return !Double.isNaN(tau0);
    }

    /** The final magnitude M₁. */
    public double finalMagnitude() {
        return m1;
    }

    /** The final temperature τ₁ (NaN for hill and well, which have none). */
    public double finalTemperature() {
        return tau1;
    }

    /** The annealing weight s(step) for annealing over {@code annealSteps} steps. */
    public static double annealWeight(int step, int annealSteps) {
        double t = (double) step / annealSteps;
        if (t < 1e-3) {
            return 0;
        }
        if (1 - t < 1e-3) {
            return 1;
        }
        return 1 / (1 + Math.exp(-10 * (t - 0.5)));
    }

    /** M at {@code step} of an annealing over {@code annealSteps} steps. */
    public double magnitude(int step, int annealSteps) {
        return m0 + (m1 - m0) * annealWeight(step, annealSteps);
    }

    /** τ at {@code step} (NaN without a temperature). */
    public double temperature(int step, int annealSteps) {
        return tau0 + (tau1 - tau0) * annealWeight(step, annealSteps);
    }

    /** One source point into {@code out} (length 2). */
    public void sampleSource(SplittableRandom r, double[] out) {
        switch (this) {
            case GMM -> gaussian(r, 0, 0, 1, out);
            case VNECK -> gaussian(r, -7, 0, 0.04, out);
            case STUNNEL -> gaussian(r, -11, -1, 0.25, out);
            default -> {
                out[0] = -1.25 + 0.25 * r.nextDouble();
                out[1] = -1 + 2 * r.nextDouble();
            }
        }
    }

    /** One target point into {@code out} (length 2). */
    public void sampleTarget(SplittableRandom r, double[] out) {
        switch (this) {
            case GMM -> {
                int c = r.nextInt(8);
                double a = c * Math.PI / 4;
                // {(±1,0),(0,±1),(±1/√2,±1/√2)} × 16: the 8 unit vectors at multiples of π/4.
                gaussian(r, 16 * Math.cos(a), 16 * Math.sin(a), 1, out);
            }
            case VNECK -> gaussian(r, 7, 0, 0.04, out);
            case STUNNEL -> gaussian(r, 11, -1, 0.25, out);
            default -> {
                out[0] = 1 + 0.25 * r.nextDouble();
                out[1] = -1 + 2 * r.nextDouble();
            }
        }
    }

    /** n source points. */
    public double[][] sources(SplittableRandom r, int n) {
        double[][] p = new double[n][2];
        for (double[] q : p) {
            sampleSource(r, q);
        }
        return p;
    }

    /** n target points. */
    public double[][] targets(SplittableRandom r, int n) {
        double[][] p = new double[n][2];
        for (double[] q : p) {
            sampleTarget(r, q);
        }
        return p;
    }

    private static void gaussian(SplittableRandom r, double mx, double my, double sd, double[] out) {
        // Box–Muller; the paper's Gaussian(variance = v) draws std = v² (pitfall 4), given here as sd.
        double u = 1 - r.nextDouble();
        double v = r.nextDouble();
        double rad = Math.sqrt(-2 * Math.log(u));
        out[0] = mx + sd * rad * Math.cos(2 * Math.PI * v);
        out[1] = my + sd * rad * Math.sin(2 * Math.PI * v);
    }

    /** Whether this task has a hard obstacle region for {@link #inObstacle} (hill and well have none). */
    public boolean hasObstacle() {
        return this != HILL && this != WELL;
    }

    /**
     * Whether p is inside the obstacle region: where the obstacle's profile (−U/M, between 0 and 1)
     * is above ½ at the final temperature τ₁ — the box's b(x₁)b(x₂) &gt; ½ with
     * b(s) = σ((s + ½)/τ₁) − σ((s − ½)/τ₁) (the box |x₁|, |x₂| &lt; ½ with corners rounded by about
     * τ₁), the slit's wall b₀.₁(x₁)(1 − b₀.₂₅(x₂)) &gt; ½ (|x₁| &lt; 0.1 outside the opening
     * |x₂| &lt; 0.25); for the GSB tasks, where a sigmoid's argument is positive: the GMM discs
     * ‖x − c‖ &lt; 1.5, the V-neck's 5x₁² − x₂² &lt; −0.36, the S-tunnel's ellipses
     * 20(x₁ ∓ 5)² + (x₂ ∓ 6)² &lt; 90. Always false for hill and well.
     */
    public boolean inObstacle(double x, double y) {
        return switch (this) {
            case BOX -> bump(x, 0.5) * bump(y, 0.5) > 0.5;
            case SLIT -> bump(x, 0.1) * (1 - bump(y, 0.25)) > 0.5;
            case GMM -> Math.hypot(x - 6, y - 6) < 1.5 || Math.hypot(x - 6, y + 6) < 1.5
                    || Math.hypot(x + 6, y + 6) < 1.5;
            case VNECK -> 5 * x * x - y * y < -0.36;
            case STUNNEL -> 20 * (x - 5) * (x - 5) + (y - 6) * (y - 6) < 90
                    || 20 * (x + 5) * (x + 5) + (y + 6) * (y + 6) < 90;
            case HILL, WELL -> false;
        };
    }

    private double bump(double s, double w) {
        return sigmoid((s + w) / tau1) - sigmoid((s - w) / tau1);
    }

    private static double sigmoid(double a) {
        return 1 / (1 + Math.exp(-a));
    }
}
