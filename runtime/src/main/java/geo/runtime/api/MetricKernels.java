package geo.runtime.api;

/** Kernels of a Riemannian metric g(x; θ) on d coordinates. */
public interface MetricKernels extends CompiledModel {

    /**
     * The metric: {@code g[i * d + j] = g_ij(x; θ)}.
     *
     * @param x     the point, length d (read)
     * @param theta the parameters, length P (read)
     * @param g     the result, length d·d (overwritten)
     */
    void metric(double[] x, double[] theta, double[] g);

    /** The kinetic energy ½ vᵀ g(x; θ) v. Reads x, v, θ. */
    double energy(double[] x, double[] v, double[] theta);
}
