package geo.runtime.api;

/**
 * Kernels of a declared function y = f(in; θ) ({@code fn} in the language) over n input scalars
 * (its arguments, flattened in declaration order, each row-major) and θ, with m output scalars
 * (row-major; the shape is {@link ModelDescriptor#output()}). Instances keep scratch arrays and
 * are not thread-safe: take one per thread with {@link #copy()}.
 */
public interface FunctionKernels extends CompiledModel {

    /** y = f(in; θ), written to {@code out} (length m, overwritten). */
    void value(double[] in, double[] theta, double[] out);

    /**
     * The value and the JVP: {@code out} = f, {@code dOut} = ∂f/∂in · dIn + ∂f/∂θ · dTheta (both
     * length m, overwritten).
     */
    void jvp(double[] in, double[] theta, double[] dIn, double[] dTheta, double[] out, double[] dOut);

    /**
     * The VJP: {@code inBar} = ȳᵀ ∂f/∂in (length n), {@code thetaBar} = ȳᵀ ∂f/∂θ (length P), both
     * overwritten, for the cotangent {@code outBar} = ȳ (length m).
     */
    void vjp(double[] in, double[] theta, double[] outBar, double[] inBar, double[] thetaBar);
}
