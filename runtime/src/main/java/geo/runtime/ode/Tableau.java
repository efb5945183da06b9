package geo.runtime.ode;

/**
 * The Butcher tableau of an explicit Runge–Kutta method with s stages:
 * Yᵢ = y + h Σ_{j&lt;i} aᵢⱼ Kⱼ, Kᵢ = f(t + cᵢ h, Yᵢ), y_new = y + h Σ bᵢ Kᵢ.
 * Immutable; accessors read single coefficients so that no array escapes.
 */
public final class Tableau {

    /** The classical fourth-order method. */
    public static final Tableau RK4 = new Tableau("RK4", new double[] {0, 0.5, 0.5, 1},
            new double[][] {{}, {0.5}, {0, 0.5}, {0, 0, 1}},
            new double[] {1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6});

    /**
     * The fifth-order solution of Dormand–Prince 5(4) as a six-stage method: its seventh stage only
     * serves the error estimate, so with the step sizes held fixed the map y ↦ y_new uses these six.
     * The one statement of these coefficients: {@link DormandPrince54} reads its own from here,
     * and sums in the same order, so replaying its accepted steps reproduces its result bit for bit.
     */
    public static final Tableau DOPRI5 = new Tableau("DOPRI5",
            new double[] {0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1},
            new double[][] {
                {},
                {1.0 / 5},
                {3.0 / 40, 9.0 / 40},
                {44.0 / 45, -56.0 / 15, 32.0 / 9},
                {19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729},
                {9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656}},
            new double[] {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84});

    private final String name;
    private final double[] c;
    private final double[][] a;
    private final double[] b;

    /**
     * @param c the nodes, length s
     * @param a the strictly lower triangle: row i has length i
     * @param b the weights, length s
     */
    public Tableau(String name, double[] c, double[][] a, double[] b) {
        int s = c.length;
        if (s == 0 || a.length != s || b.length != s) {
            throw new IllegalArgumentException("a tableau needs s ≥ 1 nodes, s rows of a and s weights");
        }
        this.a = new double[s][];
        for (int i = 0; i < s; i++) {
            if (a[i].length != i) {
                throw new IllegalArgumentException("row " + i + " of an explicit tableau has " + i
                        + " entries, not " + a[i].length);
            }
            this.a[i] = a[i].clone();
        }
        this.name = name;
        this.c = c.clone();
        this.b = b.clone();
    }

    public String name() {
        return name;
    }

    /** The number of stages s. */
    public int stages() {
        return c.length;
    }

    public double c(int i) {
        return c[i];
    }

    /** aᵢⱼ for j &lt; i. */
    public double a(int i, int j) {
        return a[i][j];
    }

    public double b(int i) {
        return b[i];
    }

    @Override
    public String toString() {
        return name;
    }
}
