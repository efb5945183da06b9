package geo.runtime.spline;

/**
 * The n-point Gauss–Legendre rule on [0, 1]: Σ wᵢ f(tᵢ) = ∫₀¹ f dt exactly for polynomials of
 * degree ≤ 2n − 1. The nodes are the roots of the Legendre polynomial Pₙ (mapped from [−1, 1] by
 * t = (1 + ξ)/2), found by Newton's method from Tricomi's estimate ξ ≈ cos(π(i + ¾)/(n + ½));
 * the weights are wᵢ = 1 / ((1 − ξᵢ²) Pₙ'(ξᵢ)²) (half the weights on [−1, 1]).
 */
public final class GaussLegendre {

    private final double[] nodes;
    private final double[] weights;

    /** The n-point rule, 1 ≤ n ≤ 64. */
    public GaussLegendre(int n) {
        if (n < 1 || n > 64) {
            throw new IllegalArgumentException("Gauss–Legendre rules have 1 to 64 nodes here, not " + n);
        }
        nodes = new double[n];
        weights = new double[n];
        for (int i = 0; i < (n + 1) / 2; i++) {
            double xi = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            for (int iteration = 0; iteration < 100; iteration++) {
                double[] pd = legendre(n, xi);
                double dx = pd[0] / pd[1];
                xi -= dx;
                if (Math.abs(dx) <= 1e-16) {
                    break;
                }
            }
            double derivative = legendre(n, xi)[1];
            double w = 1 / ((1 - xi * xi) * derivative * derivative);
            // Symmetric pairs ±ξ: store ascending in t, and the middle node (odd n) once.
            nodes[i] = (1 - xi) / 2;
            nodes[n - 1 - i] = (1 + xi) / 2;
            weights[i] = w;
            weights[n - 1 - i] = w;
        }
        if (n % 2 == 1) {
            nodes[n / 2] = 0.5;
        }
    }

    /** (Pₙ(ξ), Pₙ'(ξ)) by the three-term recurrence. */
    private static double[] legendre(int n, double xi) {
        double p0 = 1;
        double p1 = xi;
        for (int k = 2; k <= n; k++) {
            double p2 = ((2 * k - 1) * xi * p1 - (k - 1) * p0) / k;
            p0 = p1;
            p1 = p2;
        }
        return new double[] {p1, n * (xi * p1 - p0) / (xi * xi - 1)};
    }

    /** The number of nodes n. */
    public int size() {
        return nodes.length;
    }

    /** The q-th node in (0, 1), ascending. */
    public double node(int q) {
        return nodes[q];
    }

    /** The q-th weight; the weights sum to 1. */
    public double weight(int q) {
        return weights[q];
    }

    /** The degree 2n − 1 up to which the rule is exact. */
    public int exactDegree() {
        return 2 * nodes.length - 1;
    }
}
