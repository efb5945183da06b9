package geo.runtime.transport.cost;

import geo.runtime.transport.PointCost;

/**
 * A {@link PairCost} at fixed θ as a {@link PointCost}, for the transport solvers' gradients in
 * the point positions (e.g. {@code SinkhornResult.pointGradient(x, y, new PairPointCost(cost, θ))}).
 * A {@link PointCost} has no status, so a pair whose cost fails throws instead of returning a number.
 * Not thread-safe (it uses the wrapped instance).
 */
public final class PairPointCost implements PointCost {

    private final PairCost cost;
    private final double[] theta;
    private final double[] gTheta;

    /** @param theta the parameters (copied) */
    public PairPointCost(PairCost cost, double[] theta) {
        if (theta.length != cost.parameterCount()) {
            throw new IllegalArgumentException("θ has " + theta.length + " entries; the cost has "
                    + cost.parameterCount() + " parameters");
        }
        this.cost = cost;
        this.theta = theta.clone();
        this.gTheta = new double[theta.length];
    }

    /**
     * c(x, y; θ).
     *
     * @throws IllegalStateException with the pair's status when its cost fails
     */
    @Override
    public double cost(double[] x, double[] y) {
        return require(cost.cost(x, y, theta, false)).value();
    }

    /**
     * ∂c/∂x and ∂c/∂y.
     *
     * @throws IllegalStateException with the pair's status when its cost fails
     */
    @Override
    public void gradient(double[] x, double[] y, double[] gx, double[] gy) {
        require(cost.gradient(x, y, theta, gx, gy, gTheta));
    }

    private static EntryResult require(EntryResult r) {
        if (!r.ok()) {
            throw new IllegalStateException("the cost of a pair failed: " + r.status() + ": " + r.detail());
        }
        return r;
    }
}
