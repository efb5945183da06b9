package geo.runtime.transport.cost;

/**
 * c(x, y) = |x − y|² = Σᵢ (xᵢ − yᵢ)², with ∂c/∂x = 2(x − y) and ∂c/∂y = 2(y − x); no θ. Stateless.
 */
public final class SquaredEuclideanCost implements PairCost {

    private final int d;

    public SquaredEuclideanCost(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("the dimension must be ≥ 1, got " + dimension);
        }
        this.d = dimension;
    }

    @Override
    public String description() {
        return "squared Euclidean distance";
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public int parameterCount() {
        return 0;
    }

    @Override
    public EntryResult cost(double[] x, double[] y, double[] theta, boolean continueRow) {
        double s = 0;
        for (int i = 0; i < d; i++) {
            double r = x[i] - y[i];
            s += r * r;
        }
        return EntryResult.ok(s);
    }

    @Override
    public EntryResult gradient(double[] x, double[] y, double[] theta, double[] gx, double[] gy, double[] gTheta) {
        for (int i = 0; i < d; i++) {
            gx[i] = 2 * (x[i] - y[i]);
            gy[i] = -gx[i];
        }
        return cost(x, y, theta, false);
    }

    @Override
    public PathResult path(double[] x, double[] y, double[] theta, int n) {
        double[][] p = new double[n][d];
        for (int k = 0; k < n; k++) {
            double t = (double) k / (n - 1);
            for (int i = 0; i < d; i++) {
                p[k][i] = k == n - 1 ? y[i] : x[i] + t * (y[i] - x[i]);
            }
        }
        return new PathResult(EntryStatus.OK, p, "");
    }

    @Override
    public PairCost forThread() {
        return this;
    }
}
