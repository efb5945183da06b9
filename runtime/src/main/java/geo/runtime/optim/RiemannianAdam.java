package geo.runtime.optim;

import geo.runtime.manifold.RiemannianSpace;

/**
 * Riemannian Adam (Bécigneul &amp; Ganea, 2019) for n points of a {@link RiemannianSpace}, each
 * point its own manifold factor. With the Riemannian gradient gᵢ = G(xᵢ)⁻¹ ∂E/∂xᵢ of step
 * t = 1, 2, …:
 * <pre>
 *   mᵢ ← β₁ mᵢ + (1 − β₁) gᵢ,      vᵢ ← β₂ vᵢ + (1 − β₂) ‖gᵢ‖²_{xᵢ}       (vᵢ one number per point)
 *   xᵢ' = exp_{xᵢ}(−η m̂ᵢ / (√v̂ᵢ + ε)),   mᵢ ← P_{xᵢ→xᵢ'}(mᵢ)
 * </pre>
 * with the bias corrections m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ) of Adam. Because v measures the
 * gradient by the metric, a step moves a point by about η in distance wherever it is — plain Adam
 * on the coordinates of the Poincaré ball takes steps of η in coordinates, huge near the
 * boundary. Transporting m keeps the momentum a tangent vector at the point it belongs to.
 *
 * <p>State (m, v) belongs to this instance; not thread-safe. {@link #step} modifies the caller's
 * positions in place.
 */
public final class RiemannianAdam implements StepOptimiser {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final RiemannianSpace space;
    private final int dim;
    private final double learningRate;
    private final double[] m;
    private final double[] v;
    private final double[] x;
    private final double[] moved;
    private final double[] g;
    private final double[] u;
    private int t;
    private double beta1Power = 1;
    private double beta2Power = 1;

    /**
     * @param space        the space of every point
     * @param points       how many points
     * @param learningRate η &gt; 0
     */
    public RiemannianAdam(RiemannianSpace space, int points, double learningRate) {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("the learning rate must be positive, got " + learningRate);
        }
        this.space = space;
        this.dim = space.dimension();
        this.learningRate = learningRate;
        this.m = new double[points * dim];
        this.v = new double[points];
        this.x = new double[dim];
        this.moved = new double[dim];
        this.g = new double[dim];
        this.u = new double[dim];
    }

    /**
     * One step for every point.
     *
     * @param positions the points, point i at i·d (modified in place)
     * @param grad      ∂E/∂positions in coordinates (read)
     * @return false, leaving positions and state untouched, when grad has a NaN or infinite entry
     */
    @Override
    public boolean step(double[] positions, double[] grad) {
        if (positions.length != m.length || grad.length != m.length) {
            throw new IllegalArgumentException("expected arrays of length " + m.length);
        }
        for (double gi : grad) {
            if (!Double.isFinite(gi)) {
                return false;
            }
        }
        t++;
        beta1Power *= BETA1;
        beta2Power *= BETA2;
        double c1 = 1 / (1 - beta1Power);
        double c2 = 1 / (1 - beta2Power);
        for (int i = 0; i < v.length; i++) {
            int at = i * dim;
            System.arraycopy(positions, at, x, 0, dim);
            System.arraycopy(grad, at, g, 0, dim);
            double squared = space.riemannianGradient(x, g);
            v[i] = BETA2 * v[i] + (1 - BETA2) * squared;
            double f = -learningRate * c1 / (Math.sqrt(v[i] * c2) + EPSILON);
            for (int a = 0; a < dim; a++) {
                m[at + a] = BETA1 * m[at + a] + (1 - BETA1) * g[a];
                u[a] = f * m[at + a];
            }
            System.arraycopy(x, 0, moved, 0, dim);
            space.exponential(moved, u);
            System.arraycopy(m, at, g, 0, dim);
            space.transport(x, moved, g);
            System.arraycopy(g, 0, m, at, dim);
            System.arraycopy(moved, 0, positions, at, dim);
        }
        return true;
    }
}
