/**
 * TaskMet: task-driven metric learning (Bansal, Chen, Mukadam &amp; Amos, "TaskMet: Task-Driven
 * Metric Learning for Model Learning", NeurIPS 2023). A predictor ŷ_θ(x) is trained on a
 * prediction loss measured in a learned metric Λ_φ(x), and φ is learned from the downstream
 * decision: φ* = argmin_φ L_task(θ*(φ)) with θ*(φ) = argmin_θ E‖ŷ_θ(x) − y‖²_{Λ_φ(x)}, the
 * hypergradient by the implicit function theorem ({@link geo.runtime.optim.ImplicitGradient}).
 *
 * <p>The three decision-focused problems of LODL (Shah et al., NeurIPS 2022) that the paper uses
 * ({@link geo.runtime.learn.taskmet.CubicTopK}, {@link geo.runtime.learn.taskmet.BudgetAllocation},
 * {@link geo.runtime.learn.taskmet.Portfolio}), their differentiable decision layers
 * ({@link geo.runtime.learn.taskmet.TopK}, {@link geo.runtime.learn.taskmet.CappedSimplex},
 * {@link geo.runtime.learn.taskmet.SimplexQp}), the methods MSE, DFL and TaskMet on the same data
 * and rules ({@link geo.runtime.learn.taskmet.TaskMetTrainer}) and the normalised decision quality
 * ({@link geo.runtime.learn.taskmet.DecisionQuality}). The predictor and the metric are compiled
 * {@code .geo} functions and losses ({@link geo.runtime.learn.taskmet.Networks}). Imports the
 * runtime libraries and {@code geo.runtime.learn}, no other task package.
 */
package geo.runtime.learn.taskmet;
