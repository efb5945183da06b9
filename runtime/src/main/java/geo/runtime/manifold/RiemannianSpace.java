package geo.runtime.manifold;

/**
 * A space whose points can be moved along geodesics by closed forms: what Riemannian optimisers
 * (Riemannian Adam, Bécigneul &amp; Ganea 2019) need. The Poincaré ball and the Lorentz
 * hyperboloid have it; optimisers on other spaces take coordinate steps followed by
 * {@link EmbeddingSpace#project}.
 */
public interface RiemannianSpace extends EmbeddingSpace {

    /**
     * Turns the coordinate gradient g = ∂E/∂x at x into the Riemannian gradient G(x)⁻¹ g, where G
     * is the metric in the coordinates positions are stored in.
     *
     * @param x the point (read)
     * @param g in: ∂E/∂x; out: G(x)⁻¹ ∂E/∂x
     * @return the squared Riemannian length of the result, gᵀ G(x)⁻¹ g
     */
    double riemannianGradient(double[] x, double[] g);

    /**
     * Moves x to exp_x(u), the end of the geodesic from x with initial velocity u at unit time, and
     * keeps it in the space ({@link #project}).
     *
     * @param x in: the start; out: the end point
     * @param u the velocity, in x's coordinates (read)
     */
    void exponential(double[] x, double[] u);

    /**
     * Parallel transport of the tangent vector w from x to y along the geodesic joining them, so
     * that an optimiser's momentum stays a tangent vector of the same length as the point moves.
     *
     * @param w in: a vector at x; out: the vector at y
     */
    void transport(double[] x, double[] y, double[] w);
}
