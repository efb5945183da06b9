package geo.runtime.api;

/** Christoffel symbols and curvature of a metric; generated for dimensions d ≤ 4. */
public interface CurvatureKernels extends CompiledModel {

    /**
     * Christoffel symbols of the second kind: {@code gamma[(l * d + i) * d + j] = Γ^l_ij(x; θ)}.
     *
     * @param gamma the result, length d³ (overwritten)
     */
    void christoffel(double[] x, double[] theta, double[] gamma);

    /** The scalar curvature R(x; θ). */
    double scalarCurvature(double[] x, double[] theta);
}
