package geo.runtime.transport.cost;

import java.util.List;

/**
 * The gradient of a transport cost W(θ, x, y) = Σ_k π_k c(x_{i_k}, y_{j_k}; θ) for a fixed plan π
 * (by the envelope theorem this is the gradient of the optimal transport cost wherever the
 * optimal plan is unique): ∂W/∂θ = Σ_k π_k ∂c/∂θ, ∂W/∂x_i = Σ_{k: i_k = i} π_k ∂c/∂x, ∂W/∂y_j
 * likewise. Valid only when {@code failures} is empty; otherwise the sums leave the failed
 * entries out and must not be used.
 *
 * @param cost      W, Σ π_k c_k over the entries that succeeded
 * @param theta     ∂W/∂θ, length P
 * @param sources   ∂W/∂x_i, n × d
 * @param targets   ∂W/∂y_j, m × d
 * @param failures  the plan entries whose cost or gradient could not be computed
 */
public record PlanGradient(double cost, double[] theta, double[][] sources, double[][] targets,
                           List<EntryFailure> failures) {

    public PlanGradient {
        failures = List.copyOf(failures);
    }

    public boolean ok() {
        return failures.isEmpty();
    }
}
