package geo.runtime.api;

/** Kernels of a Lagrangian L(t, x, v; θ), for action minimisation over spline paths. */
public interface LagrangianKernels extends CompiledModel {

    /** L(t, x, v; θ). Reads x, v, θ. */
    double lagrangian(double t, double[] x, double[] v, double[] theta);

    /**
     * The gradient of L: {@code gx = ∂L/∂x}, {@code gv = ∂L/∂v}, {@code gTheta = ∂L/∂θ}.
     *
     * @return L itself, computed on the way
     */
    double lagrangianGradient(double t, double[] x, double[] v, double[] theta, double[] gx, double[] gv,
                              double[] gTheta);
}
