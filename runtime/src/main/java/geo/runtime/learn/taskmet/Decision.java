package geo.runtime.learn.taskmet;

/**
 * A differentiable (training-time) decision z(ŷ) of one instance and its vector–Jacobian product,
 * which is how the task loss −f(z(ŷ), y) reaches the predictor: ŷ̄ = (∂z/∂ŷ)ᵀ z̄.
 */
public interface Decision {

    /** z (a copy). */
    double[] z();

    /** (∂z/∂ŷ)ᵀ z̄ for the cotangent z̄ (length of z), with ŷ laid out as the problem's predictions. */
    double[] vjp(double[] zBar);
}
