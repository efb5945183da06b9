package geo.runtime.api;

/** Kernels of a loss ℓ(in; θ) over n input scalars (its arguments, flattened in order) and θ. */
public interface LossKernels extends CompiledModel {

    /** ℓ(in; θ). */
    double loss(double[] in, double[] theta);

    /**
     * ∇ℓ: {@code gIn = ∂ℓ/∂in} (length n), {@code gTheta = ∂ℓ/∂θ} (length P), both overwritten.
     *
     * @return ℓ itself
     */
    double lossGradient(double[] in, double[] theta, double[] gIn, double[] gTheta);

    /**
     * The Hessian–vector product of ℓ in (in, θ) with the direction (wIn, wTheta):
     * {@code hIn}, {@code hTheta} (overwritten).
     */
    void lossHvp(double[] in, double[] theta, double[] wIn, double[] wTheta, double[] hIn, double[] hTheta);
}
